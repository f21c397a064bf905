# Results crossing the 64-bit boundary promote to big ints and never wrap.
imax = 9223372036854775807
imin = -9223372036854775808
print(imax + 1, imin - 1)
print(-imin, -(-2 ** 63), abs(imin))
print(imin // -1, imin * -1, imin % -1)
print(imax * 2, imax * imax)
print(3037000500 * 3037000500, 3037000499 * 3037000499)
print(1 << 64, 1 << 63, 1 << 100, (1 << 100) >> 90)
print(-1 << 64, (-1 << 64) >> 60)
print(2 ** 63, 2 ** 64 - 1, -2 ** 63)
x = imax
x += 1
print(x, x - 1 == imax, type(x))
y = 2 ** 64
y -= 2 ** 64
print(y, y == 0)
print(divmod(imin, -1), divmod(imin, 7))
n = 1
for i in range(70):
    n *= 2
print(n)
print((2 ** 64) // (2 ** 32), (2 ** 65) % 1000)
