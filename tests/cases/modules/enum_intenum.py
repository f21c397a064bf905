import enum
from enum import IntEnum, Enum, auto


class Color(IntEnum):
    RED = 1
    GREEN = 2
    BLUE = 3


r = Color.RED
print(str(r), repr(r), format(r), f"{r}", f"{r:>4}", f"{r!r}", "%d" % r, r.name, r.value)
print(r + 1, r * 10, r == 1, 1 == r, r < Color.GREEN, r < 2, r >= 1, hash(r) == hash(1), -r, abs(r), +r, ~r, r // 1, r % 2, 2 ** r)
print(type(r + 1).__name__, type(+r).__name__, type(int(r)).__name__, int(r), float(r), bool(r), isinstance(r, int), isinstance(r, Color))
print([10, 20, 30, 40][r], "abc"[Color.GREEN], range(Color.BLUE), list(range(Color.GREEN)), [0] * Color.GREEN, "x" * r)
print({1: "one"}[r], {r: "red"}[1], r in {1, 2}, 1 in {r}, 2 in Color.__members__.values(), Color(2), Color["BLUE"])
print(sorted([Color.BLUE, Color.RED, 2]), max(Color), min(Color), sum(Color), list(Color), len(Color))
print(Color.__mro__, type(Color), Color.RED is Color(1), Color.RED.__class__)
print(r.bit_length(), r.__index__(), type(r.__index__()).__name__, r.real if False else "", divmod(Color.BLUE, 2), round(r), type(round(r)).__name__)
print(hex(r), bin(Color.BLUE), oct(r), chr(64 + r), str(r).zfill(3), r.to_bytes(1, "big") if False else "")


class Prio(IntEnum):
    LOW = auto()
    HIGH = auto()


print(Prio.LOW, repr(Prio.HIGH), Prio.HIGH > Prio.LOW, Prio(2))
d = {Prio.LOW: "l", Prio.HIGH: "h"}
print(d, d[1], d[Prio.HIGH])
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)


class MyInt(int):
    def double(self):
        return self * 2

    def __repr__(self):
        return f"MyInt({int(self)})"


m = MyInt(21)
print(m, repr(m), m.double(), m + 1, type(m + 1).__name__, m == 21, {21: "x"}[m], MyInt("7"), MyInt(), MyInt(3.9), str(m), f"{m}", [m])
m.tag = "t"
print(m.tag, type(m).__mro__)


class Other(int):
    pass


print(Other(5), repr(Other(5)), Other(5) + Other(6), Other(2) ** 10, Other(-3) // 2, str(Other(9)), f"{Other(9):03d}")
print(isinstance(True, int), int(True), True + Color.RED)
