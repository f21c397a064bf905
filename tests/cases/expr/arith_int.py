# Integer arithmetic with every binary operator, including negative operands.
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
a, b = -17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
a, b = 17, -5
print(a // b, a % b, a / b)
a, b = -17, -5
print(a // b, a % b, a / b)
print(2 + 3 * 4 - 6 / 2, (2 + 3) * 4, 2 ** 3 ** 2, (2 ** 3) ** 2)
print(-2 ** 2, (-2) ** 2, -2 ** -1, 2 ** -2)
print(0 ** 0, 0 ** 5, 1 ** 1000, (-1) ** 1001)
print(10 - -3, +-+5, - - 5)
