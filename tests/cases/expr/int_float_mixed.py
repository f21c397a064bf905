# Mixed int/float arithmetic promotes to float; comparisons are exact.
print(1 + 2.0, 3 * 0.5, 7 - 0.5, 2 ** 0.5, 9 / 3.0)
print(1 == 1.0, 2 < 2.5, 3 >= 3.0, 1.0 == True)
print(type(1 + 1.0), type(2 * 3), type(6 / 3), type(6 // 3), type(6.0 // 3))
print(0.5 + 0.5 == 1, 10 ** 16 + 1.0)
print(max(1, 2.0), min(1, 1.0), max(1.0, 1))
print(sum([1, 2.5, 3]), sum([0.1] * 10))
