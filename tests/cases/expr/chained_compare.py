# Chained comparisons evaluate each operand at most once and stop early.
def v(x):
    print("eval", x)
    return x

print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 2)
print(1 < 2 > 0, 0 <= 0 < 1 <= 1, 5 > 3 == 3 < 4)
print("result", v(1) < v(2) < v(3))
print("result", v(3) < v(2) < v(1))
print("result", v(1) < v(5) > v(2) == v(2))
x = 5
print(0 < x < 10, 0 < x < 3, x == 5 in [5], 1 < x is not None)
print(1 in [1, 2] in [[1, 2]], "a" < "b" < "c" < "bb")
