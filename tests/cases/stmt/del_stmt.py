# del on names, list items, slices and dict keys.
x = 1
del x
try:
    print(x)
except NameError as e:
    print(type(e).__name__, e)
lst = list(range(10))
del lst[0]
print(lst)
del lst[-1]
print(lst)
del lst[1:3]
print(lst)
del lst[::2]
print(lst)
del lst[:]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
a, b = 1, 2
del a, b
try:
    print(b)
except NameError as e:
    print(type(e).__name__, e)
try:
    del d["zzz"]
except KeyError as e:
    print(type(e).__name__, e)
try:
    del lst[0]
except IndexError as e:
    print(type(e).__name__, e)
def local_del():
    y = 5
    del y
    return "deleted local"
print(local_del())
nested = {"k": [1, 2, 3]}
del nested["k"][1]
print(nested)
