# Comparison special methods: reflection, defaults, NotImplemented, sorting, hashing.


class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __repr__(self):
        return "v" + ".".join(str(p) for p in self.parts)

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts

    def __le__(self, other):
        return self == other or self < other


a, b, c = Version(1, 2), Version(1, 10), Version(1, 2)
print(a == c, a != c, a == b, a != b, a is c)
print(a < b, b < a, a <= c, b > a, a > b, a >= c)
print(a == "1.2", a != "1.2", "1.2" == a)
print(sorted([b, a, Version(0, 9)]), sorted([b, a], reverse=True), max(a, b), min([b, a]))
print(sorted([Version(2), Version(1), Version(1, 0)], key=lambda v: v))
print([a, b] == [c, b], [a] == [b], (a, 1) < (b, 0), [a, b] < [c, a], a in [b, c], b not in [a])
items = [b, a]
items.sort()
print(items, items.index(c) if c in items else None)


class Eq:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        print("Eq.__eq__", self.k, getattr(other, "k", other))
        return isinstance(other, Eq) and self.k == other.k


print(Eq(1) == Eq(1))
print(Eq(1) != Eq(2))
print(3 == Eq(3))
print(Eq(1) in [Eq(2), Eq(1)])
try:
    hash(Eq(1))
except TypeError as e:
    print("TypeError:", e)
try:
    {Eq(1): 1}
except TypeError as e:
    print("TypeError:", e)
print(Eq.__hash__)


class Ordered:
    def __init__(self, n):
        self.n = n

    def __gt__(self, other):
        print("gt", self.n, other.n)
        return self.n > other.n


# a < b with only __gt__ uses the reflection b > a.
print(Ordered(1) < Ordered(2), Ordered(3) < Ordered(2))
try:
    Ordered(1) <= Ordered(2)
except TypeError as e:
    print("TypeError:", e)


class Base:
    def __eq__(self, other):
        return "Base.__eq__"


class Child(Base):
    def __eq__(self, other):
        return "Child.__eq__"


print(Base() == Child(), Child() == Base(), Base() != Child())


class Plain:
    pass


p = Plain()
print(p == p, p != Plain(), hash(p) == hash(p), len({p: 1, Plain(): 2}))
try:
    p < Plain()
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([Plain(), Plain()])
except TypeError as e:
    print("TypeError:", e)


class Hashed:
    def __init__(self, key):
        self.key = key

    def __hash__(self):
        return 7 if self.key == 0 else 2**70 + self.key


print(hash(Hashed(0)), hash(Hashed(1)) == hash(2**70 + 1), len({Hashed(0), Hashed(0)}))


class BadHash:
    def __hash__(self):
        return "x"


try:
    hash(BadHash())
except TypeError as e:
    print("TypeError:", e)

vs = [Version(3), Version(1), Version(3)]
print(vs.count(Version(3)), vs.index(Version(3), 1), (Version(1),).index(Version(1)))
vs.remove(Version(3))
print(vs)
for bad in [lambda: vs.index(Version(9)), lambda: (a,).index(b), lambda: vs.remove(Version(9))]:
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
