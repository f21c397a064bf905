# hex/oct/bin. The harness rewrites 0x<hexdigits> (memory addresses) to 0x...,
# so hex() results are checked by comparison or printed without their prefix.
for n in (0, 1, 255, -255, 2 ** 64, -(2 ** 70)):
    h = hex(n)
    print(n, h.replace("0x", "0X"), oct(n), bin(n))
print(hex(255) == "0xff", hex(-1) == "-0x1", hex(2 ** 64) == "0x10000000000000000")
print(hex(3735928559)[2:], hex(0)[2:], len(hex(2 ** 100)))
print(oct(8), bin(5), bin(-5), oct(-8))
print(int(hex(12345), 16), int(oct(12345), 8), int(bin(12345), 2))
print(hex(True).upper(), bin(False))
try:
    hex(1.5)
except TypeError as e:
    print(e)
