# int() from strings with bases, from floats and bools, and its errors.
print(int(), int("42"), int("  -17  "), int("+5"), int("\t8\n"), int("1_000"))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0o17", 0), int("0b101", 0), int("077", 8))
print(int("z", 36), int("1010", 2), int("0", 0), int("10", 0), int("-0x10", 16))
print(int(3.99), int(-3.99), int(1e18), int(True), int(False), int(2 ** 70))
print(int("123456789012345678901234567890"), int(-0.5), int(0.0))
for args in (("x",), ("",), ("1.5",), ("12", 2), ("g", 16), ("0x", 16), (" ",),
             ("1__0",), ("_1",), ("08", 0), ("5", 1), ("5", 37)):
    try:
        print(int(*args))
    except ValueError as e:
        print("ValueError", e)
for bad in (None, [1], float("inf"), float("nan")):
    try:
        print(int(bad))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    int(5, 10)
except TypeError as e:
    print("TypeError", e)
print(int("x"))
