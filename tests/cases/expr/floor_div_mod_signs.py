# // rounds toward negative infinity and % takes the divisor's sign, for ints and floats.
for a in (7, -7):
    for b in (2, -2):
        print(a, b, a // b, a % b, divmod(a, b))
print(-7 // 2, -7 % 2)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2)
print(7.5 // -2, 7.5 % -2, divmod(-7.5, 2))
print(-1 % 5, 1 % -5, 0 % 3, -0.0 % 5, 5 % 1.5)
print(1 // 3, -1 // 3, 6 // 3, -6 // 3)
print(10 ** 20 // 7, -(10 ** 20) // 7, 10 ** 20 % 7, -(10 ** 20) % 7)
print(-7 // 2.0, -7 % 2.0, divmod(7, -2.0))
print(3.0 // 0.5, 3.0 % 0.5, -3.0 // 0.7)
