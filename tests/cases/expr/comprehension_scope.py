# Comprehension variables live in their own scope and never leak.
x = "outer"
lst = [x for x in range(3)]
print(x, lst)
y = 10
print([y + i for i in range(3)], y)
try:
    print(i)
except NameError as e:
    print(type(e).__name__, e)
funcs = [lambda: n for n in range(3)]
print([f() for f in funcs])
funcs = [lambda n=n: n for n in range(3)]
print([f() for f in funcs])
def scope_test():
    total = 100
    squares = {k: k * k + total for k in range(3)}
    return squares, total
print(scope_test())
gen = (z for z in range(2))
print(list(gen))
try:
    print(z)
except NameError as e:
    print(type(e).__name__, e)
data = [[1, 2], [3]]
print([item for sub in data for item in sub])
try:
    print(item)
except NameError as e:
    print(type(e).__name__, e)
