# assert passes silently, or raises AssertionError with an optional message.
assert True
assert 1 == 1, "never shown"
try:
    assert 1 == 2
except AssertionError as e:
    print("no message:", repr(e), str(e) == "")
try:
    assert [] , "empty list is falsy"
except AssertionError as e:
    print("message:", e)
def check(x):
    assert x > 0, f"x must be positive, got {x}"
    return x
print(check(5))
try:
    check(-1)
except AssertionError as e:
    print(e)
calls = []
def msg():
    calls.append("message evaluated")
    return "m"
assert True, msg()
print(calls)
assert len("abc") == 4, "length mismatch: " + str(len("abc"))
