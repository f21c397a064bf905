# Slicing with positive, negative and missing bounds and steps.
a = list(range(10))
s = "abcdefghij"
print(a[2:5], a[:3], a[7:], a[:], a[-3:], a[:-3], a[-5:-2])
print(a[::2], a[1::2], a[::-1], a[::-2], a[8:2:-1], a[8:2:-3], a[2:8:-1])
print(a[5:100], a[100:], a[-100:2], a[3:3], a[5:2])
print(s[::-1], s[1:4], s[-2:], s[::3], s[9:0:-2], s[:-1:2])
print((1, 2, 3, 4)[1:3], (1, 2, 3)[::-1], range(10)[2:8:2], range(10)[::-1])
print(a[None:None:None], s[None:3])
b = a[:]
b[0] = 99
print(a[0], b[0])
b[2:5] = ["x", "y"]
print(b)
b[:0] = [-1]
print(b)
b[::2] = "ABCDE"
print(b)
b[1:3] = []
print(b)
try:
    b[::2] = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(a[::0])
except ValueError as e:
    print(type(e).__name__, e)
big = 2 ** 100
print(a[-big:big], s[big:], a[::big])
