# The `as` name is deleted when the handler ends, even if it existed before.
e = "existing value"
try:
    raise ValueError("boom")
except ValueError as e:
    print("in handler:", e)
try:
    print(e)
except NameError as err:
    print(type(err).__name__, err)
def in_function():
    try:
        1 / 0
    except ZeroDivisionError as exc:
        saved = exc
    print(type(saved).__name__, saved)
    print(exc)
in_function()
