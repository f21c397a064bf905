# Floor division, modulo and divmod on big ints with every sign combination.
big = 2 ** 100
for a in (big, -big):
    for b in (7, -7, 3 ** 50, -(3 ** 50)):
        q, r = divmod(a, b)
        print(q, r, q * b + r == a)
print(big // big, big % big, (big + 1) % big)
print(10 ** 50 // 10 ** 25, 10 ** 50 % (10 ** 25 + 1))
print(big / 2 ** 99, -big // 3)
