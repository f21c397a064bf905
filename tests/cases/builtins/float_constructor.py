# float() from strings, ints and bools, and its errors.
print(float(), float("1.5"), float("  -2  "), float("1e3"), float(".5"), float("5."))
print(float("inf"), float("-Infinity"), float("nan"), float("1_000.5"), float("+1E-2"))
print(float(3), float(-7), float(True), float(2 ** 60), float("0.1"))
for bad in ("abc", "", "1.2.3", "1e", "0x10", "1_", " "):
    try:
        print(float(bad))
    except ValueError as e:
        print("ValueError", e)
try:
    float(2 ** 2000)
except OverflowError as e:
    print("OverflowError", e)
try:
    float(None)
except TypeError as e:
    print("TypeError", e)
try:
    float([1.0])
except TypeError as e:
    print("TypeError", e)
