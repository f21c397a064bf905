# Calling generator functions: as plain functions and as methods, with exact positional
# arguments (the quick path) and every other way, in loops so each call site runs many times.


def count(n, step):
    i = 0
    while i < n:
        yield i
        i += step


class Source:
    def __init__(self, items):
        self.items = items

    def each(self, scale):
        for x in self.items:
            yield x * scale

    def maybe(self):
        if self.items:
            return self.items[0]
        yield "never"


totals = []
src = Source([1, 2, 3])
for k in range(1, 4):
    totals.append(sum(count(10, k)))
    totals.append(list(src.each(k)))
    g = src.maybe()
    try:
        next(g)
    except StopIteration as e:
        totals.append(e.value)
print(totals)

# The generator takes the function's current names.
g1 = count(3, 1)
print(g1.__name__, g1.__qualname__, src.each(1).__qualname__)
count.__name__ = "renamed"
count.__qualname__ = "Renamed.count"
for _ in range(2):
    g2 = count(3, 1)
    print(g2.__name__, g2.__qualname__, list(g2))

# Defaults, keywords, wrong counts: the general path, with CPython's errors.
def with_default(a, b=5):
    yield a + b


for args in [(1,), (1, 2)]:
    print(list(with_default(*args)), list(with_default(a=args[0])))
for bad in [(), (1, 2, 3)]:
    try:
        count(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    src.each()
except TypeError as e:
    print("TypeError:", e)

# The arguments are the frame's locals; the caller's stack is left as it was.
def pair(a, b):
    yield (a, b)
    yield b - a


results = [(i, list(pair(i, i * i)), i) for i in range(4)]
print(results)
import inspect
print(inspect.isgenerator(pair(1, 2)), type(src.each(2)).__name__)
