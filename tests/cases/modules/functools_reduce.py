# functools.reduce: with and without an initial value, over generators, and its errors
import functools
from functools import reduce


def gen(n):
    for i in range(n):
        print("  gen yields", i)
        yield i


print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(lambda a, b: a + b, gen(3)), reduce(lambda a, b: b, [], "init"), reduce(max, [5]))
print(reduce(lambda acc, x: acc + [x * 2], "abc", []), functools.reduce is reduce, reduce)
for args in [(), (1,), (1, 2), (1, 2, 3, 4), (lambda a, b: a + b, []), (lambda a, b: a + b, [1, "a"])]:
    try:
        reduce(*args)
    except Exception as e:
        print(type(e).__name__, e)
try:
    reduce(lambda a, b: a + b, [], initial=1)
except TypeError as e:
    print(e)


def boom(a, b):
    raise ValueError("boom at " + str(b))


try:
    reduce(boom, [1, 2, 3])
except ValueError as e:
    print(e)
