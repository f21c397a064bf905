from enum import IntEnum
import math


class N(IntEnum):
    ZERO = 0
    ONE = 1
    TWO = 2
    THREE = 3


class MyInt(int):
    pass


m = MyInt(21)
print(m / 2, m & 1, m << 2, m >> 1, m ^ 3, m | 8, m == 21.0, 21.0 == m, m < 21.5, m in range(30), m in [21], [5, 21].index(m))
print(bool(N.ZERO), not N.ZERO, N.ZERO or "x", [1, 2, 3].index(N.TWO), round(3.14159, N.THREE), "ab".ljust(N.THREE) + "|", math.sqrt(N.THREE) > 1)
print(N.TWO * "ab", N.TWO * [1], (1, 2, 3)[N.ONE:N.THREE], list(range(10))[N.ONE:N.THREE:N.ONE], pow(N.TWO, N.THREE), divmod(m, N.TWO))
lst = [0, 1, 2]
lst[N.ONE] = 9
del lst[N.ZERO]
lst.insert(N.ONE, 7)
print(lst, lst.pop(N.ZERO), abs(MyInt(-4)), type(abs(MyInt(-4))).__name__, MyInt(5) == MyInt(5), MyInt(5) is not MyInt(5))
print(f"{N.TWO:b}", f"{N.TWO:05.1f}", "{:x}".format(N.THREE), "%x %5d" % (m, N.TWO), format(m, "x"))
print(int.__repr__(m), int(N.TWO) + 0, max(N.ONE, 0.5), min(m, 100), sum([m, m]), sorted({N.TWO: 1, N.ONE: 2}))
s = {N.ONE, 1, True}
print(s, len(s), {1: "a", N.ONE: "b"}, N.ONE.value.__class__, type(N.ONE.value))
print(isinstance(N.ONE, N), issubclass(N, int), N.ONE.bit_length(), MyInt(255).to_bytes(2, "big") if False else 0)
x = N.TWO
x += 1
print(x, type(x).__name__)
print(hash(MyInt(2 ** 70)) == hash(2 ** 70), MyInt(2 ** 70), MyInt(2 ** 70) + 1, type(MyInt(2 ** 70) - 1).__name__)
try:
    class Bad(int):
        __slots__ = ("a",)
except TypeError as e:
    print("refused")
