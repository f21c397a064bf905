# Less common parts of collections.namedtuple and typing.NamedTuple.
from collections import namedtuple
from typing import NamedTuple

One = namedtuple("One", "only")
print(One(1), One.__doc__, One._fields, One.__new__.__doc__, One.only.__doc__, One.__match_args__)
Pair = namedtuple("Pair", ["left", "right"], defaults=(None, 0))
print(Pair(), Pair(right=5), Pair._field_defaults, Pair.__new__.__qualname__, Pair._make.__qualname__)
print(Pair._replace.__qualname__, Pair.__repr__.__qualname__, Pair._asdict.__qualname__, Pair.right.__doc__)
for args, kw in [((1, 2, 3), {}), ((), {"_cls": 1}), ((1,), {"left": 2}), ((), {"middle": 1})]:
    try:
        Pair(*args, **kw)
    except TypeError as e:
        print(e)
Z = namedtuple("Z", "a b", defaults=[])
try:
    Z()
except TypeError as e:
    print(e)
R = namedtuple("R", "a,b,def class _x a", rename=True)
print(R._fields, R(1, 2, 3, 4, 5, 6))
M = namedtuple("M", "a b", module="mymod")
print(M.__module__, M, repr(M(1, [2])))
try:
    Pair(1, 2)._replace(left=3, up=1, down=2)
except ValueError as e:
    print("ValueError:", e)
print(Pair(1, 2)._replace(), Pair(1, 2)._replace(right=[]), Pair._make(iter("ab")), Pair(1, 2)._asdict())
try:
    namedtuple("T", "a", defaults=[1, 2])
except TypeError as e:
    print("TypeError:", e)
for spec in ["a b a", "a 1", "x _y"]:
    try:
        namedtuple("T", spec)
    except ValueError as e:
        print("ValueError:", e)
try:
    namedtuple("with", "a")
except ValueError as e:
    print("ValueError:", e)
print(namedtuple("T", [1, "b"], rename=True)._fields, namedtuple(5 if False else "N", ())._fields)


class Sub(Pair):
    def __repr__(self):
        return "Sub" + Pair.__repr__(self)


s = Sub(7, 8)
print(s, s[0], s.left, s._asdict(), s._replace(left=1), type(s._replace(left=1)).__name__)

Empty = NamedTuple("Empty")
print(Empty(), Empty._fields, Empty.__annotations__)
try:
    class Bad(NamedTuple):
        a: int = 1
        b: int = 2
        c: int
except TypeError as e:
    print("TypeError:", e)
try:
    class Bad2(NamedTuple):
        a: int
        def _asdict(self):
            return {}
except AttributeError as e:
    print("AttributeError:", e)


class Plain(NamedTuple):
    a: int
    b: str = "b"

    def both(self):
        return str(self.a) + self.b


print(Plain(1), Plain(2, "c").both(), Plain.__doc__, Plain._field_defaults, Plain.__qualname__)
try:
    Plain()
except TypeError as e:
    print(e)
