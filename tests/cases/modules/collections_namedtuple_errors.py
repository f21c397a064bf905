# Field-name checks, argument binding and immutability of namedtuple, with CPython's messages.
from collections import namedtuple

P = namedtuple("P", "x y z", defaults=[3])
for args, kw in [
    ((1, 2, 3, 4), {}),
    ((1, 2, 3, 4), {"q": 1}),
    ((1,), {"x": 1}),
    ((1, 2, 3, 4), {"x": 1}),
    ((), {}),
    ((1,), {}),
    ((), {"z": 1}),
    ((1,), {"q": 2}),
    ((1, 2), {"x": 2, "q": 1}),
]:
    try:
        P(*args, **kw)
    except TypeError as e:
        print(args, kw, e)
print(P(1, 2), P(1, y=2, z=5), P(z=0, y=1, x=2))

Q = namedtuple("Q", "")
R = namedtuple("R", "a")
S = namedtuple("S", "a b c d")
for f in [lambda: Q(1), lambda: R(1, 2), lambda: R(), lambda: S(), lambda: S(1)]:
    try:
        f()
    except TypeError as e:
        print(e)

for spec in ["a a", "a 1b", "a _b", "def x", "a class", "a-b"]:
    try:
        namedtuple("T", spec)
    except ValueError as e:
        print("ValueError:", e)
for name in ["1T", "for", ""]:
    try:
        namedtuple(name, "a")
    except ValueError as e:
        print("ValueError:", e)
try:
    namedtuple("T", ["a", "b"], defaults=[1, 2, 3])
except TypeError as e:
    print("TypeError:", e)
try:
    namedtuple("T", ["a", 5])
except ValueError as e:
    print("ValueError:", e)

p = P(1, 2)
try:
    p._replace(w=1)
except ValueError as e:
    print("ValueError:", e)
for it in [[1], [1, 2, 3, 4]]:
    try:
        P._make(it)
    except TypeError as e:
        print("TypeError:", e)
try:
    p[3]
except IndexError as e:
    print("IndexError:", e)
try:
    p[0] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    del p.y
except AttributeError as e:
    print("AttributeError:", e)
p.y = 10
