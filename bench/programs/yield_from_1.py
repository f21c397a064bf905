# 1M resumes through a chain of 1 delegating generator (compare with yield_from_256.py).
import sys

sys.setrecursionlimit(10_000)
DEPTH = 1


def leaf(n):
    i = 0
    while i < n:
        yield i
        i += 1


def chain(d, n):
    if d == 0:
        yield from leaf(n)
    else:
        yield from chain(d - 1, n)


total = 0
for x in chain(DEPTH - 1, 1_000_000):
    total += x
print(total)
