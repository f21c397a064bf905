# `and`/`or` return one of their operands and short-circuit; `not` returns a bool.
def v(x):
    print("eval", repr(x))
    return x

print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default", "" or [] or 0)
print([] and 1, [0] and 1, "a" and "b" and "c", 0 or 0.0 or "")
print(not 1, not 0, not "", not "x", not [], not None)
print("result", v(0) and v(1))
print("result", v(1) and v(2))
print("result", v(1) or v(2))
print("result", v(0) or v(None) or v(3) or v(4))
print("result", not v(0) and v("x"))
for value in (0, 0.0, "", [], (), {}, set(), None, range(0), 1, -1, 0.1, "0", [0], (None,), {0: 0}, range(1)):
    print(repr(value), bool(value))
x = 5
print(x > 3 and x < 10, x > 3 and "yes" or "no", x < 3 and "yes" or "no")
