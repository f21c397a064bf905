# iter() and next(), with and without a default.
it = iter([1, 2])
print(next(it), next(it), next(it, "default"), next(it, None))
s = iter("ab")
print(next(s), next(s))
d = iter({"x": 1, "y": 2})
print(list(d))
print(iter(it) is it)
t = iter((1, 2, 3))
next(t)
print(list(t), list(t))
print(type(iter([])).__name__, type(iter(())).__name__, type(iter(range(3))).__name__)
for bad in (5, None, 2.5):
    try:
        iter(bad)
    except TypeError as e:
        print(e)
try:
    next([1, 2])
except TypeError as e:
    print(e)
try:
    next(iter([]))
except StopIteration as e:
    print("StopIteration", repr(e))
empty = iter([])
print(next(empty, "fallback"))
next(empty)
