# Generator expressions are generators: lazy, single-pass, with their own scope.
g = (x * 2 for x in range(3))
print(type(g).__name__, g.__name__)
print(repr(g))
print(next(g), next(g), next(g), next(g, "end"))
try:
    (1 / x for x in 5)
except TypeError as e:
    print("first iterable is evaluated immediately:", e)
lazy = (1 / x for x in [1, 0])
print("creation did not divide")
print(next(lazy))
try:
    next(lazy)
except ZeroDivisionError as e:
    print("second item:", e)
print(next(lazy, "dead after the error"))
def make(n):
    return (i + n for i in range(3))
print(list(make(10)))
squares = (n * n for n in range(5))
print(sum(squares), sum(squares))
gen = (c for c in "abc")
print(gen.send(None), next(gen))
gen.close()
print(next(gen, "closed"))
