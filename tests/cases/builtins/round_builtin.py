# round(): banker's rounding to even, ndigits positive and negative.
print(round(0.5), round(1.5), round(2.5), round(3.5), round(-0.5), round(-1.5), round(-2.5))
print(round(2.675, 2), round(3.14159, 3), round(1.005, 2), round(0.125, 2), round(0.375, 2))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(5, -1), round(15, -1))
print(round(7), round(-7), round(2 ** 70), round(2.5, 0), round(-0.4), round(1e20))
print(type(round(2.5)), type(round(2.5, 0)), type(round(5, 2)), round(5, 2))
print(round(1.23456789, 5), round(123.456, -1), round(123.456, -2), round(0.0001, 3))
for bad in (float("inf"), float("nan")):
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(round(float("inf"), 2), round(float("nan"), 1))
