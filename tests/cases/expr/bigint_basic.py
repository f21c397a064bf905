# Integers have arbitrary precision.
print(2 ** 200)
print(3 ** 100)
def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result
print(factorial(30))
print(factorial(60))
print(factorial(100) // factorial(98))
print(-(2 ** 100), abs(-(2 ** 100)))
big = 10 ** 40 + 7
print(big * big)
print(big - 10 ** 40, big + -big)
print(2 ** 200 - 2 ** 200 == 0, 2 ** 64 > 2 ** 63)
print(sum(range(10 ** 6)) * 10 ** 12)
print(12345678901234567890 * 98765432109876543210)
print(len(str(2 ** 1000)), str(2 ** 1000)[:20])
