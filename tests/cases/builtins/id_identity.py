# id() is stable for the lifetime of an object and distinguishes live objects.
a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(a), id(a) == id(b), id(a) == id(c))
print(type(id(a)).__name__)
x = "text"
print(id(x) == id(x))
def f():
    pass
print(id(f) == id(f), f is f)
items = [[], [], []]
print(len({id(i) for i in items}))
