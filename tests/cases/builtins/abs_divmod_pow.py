# abs, divmod and pow (including three-argument pow).
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-0.0), abs(-(2 ** 80)), abs(True))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(7.5, 2), divmod(2 ** 70, 3))
print(pow(2, 10), pow(2, 0.5), pow(2, -2), pow(-2, 3), pow(10, 20))
print(pow(2, 10, 1000), pow(3, 200, 7), pow(-3, 3, 5), pow(2, 100, 2 ** 61 - 1), pow(5, 0, 1))
print(pow(3, -1, 7), pow(38, -1, 97), pow(2, 3, -5))
for thunk in (lambda: abs("x"), lambda: pow(2, 3, 0), lambda: pow(2.0, 3, 5),
              lambda: pow(2, -1, 4), lambda: divmod("a", 1), lambda: pow(0.0, -1)):
    try:
        print(thunk())
    except (TypeError, ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
