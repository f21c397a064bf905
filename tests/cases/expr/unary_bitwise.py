# Unary operators and bitwise operators on small and big, positive and negative ints.
x = 0b1100
y = 0b1010
print(-x, +x, ~x, ~-1, ~0)
print(x & y, x | y, x ^ y, x << 2, x >> 2)
print(-12 & 10, -12 | 10, -12 ^ 10, -12 >> 1, -1 >> 10, -12 << 3)
big = 2 ** 70 + 5
print(big & 0xff, big | 1, big ^ big, ~big, -big & 7, -big >> 68)
print(1 << 0, 5 >> 0, 0 << 100, 7 >> 100, -7 >> 100)
print(True & False, True | False, True ^ True, ~True)
print(bin(x & ~y), bin(-(2 ** 65) | 1))
print(not 0, not 5, -(-5), +(-5), - -True)
try:
    print(1 << -1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(1 >> -3)
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(~1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(1.5 & 1)
except TypeError as e:
    print(type(e).__name__, e)
