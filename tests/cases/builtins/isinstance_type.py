# isinstance with single types and tuples; type() and its repr.
values = [1, 1.5, "s", [1], (1,), {1: 1}, {1}, None, True, range(2), len, lambda: 0]
for v in values:
    print(repr(type(v)), type(v).__name__)
print(isinstance(1, int), isinstance(True, int), isinstance(1, bool), isinstance(1.0, int))
print(isinstance("x", (int, str)), isinstance([], (tuple, dict)), isinstance(None, type(None)))
print(isinstance(1, (float, (str, int))), isinstance(3, ()))
print(type(1) is int, type(True) is bool, type(True) == int, type("") == str)
print(type(type(1)), int, str, list, dict, bool, float, tuple, set)
print(type(int), type(len).__name__)
print(int.__name__, ValueError.__name__, type(ValueError()))
try:
    isinstance(1, "int")
except TypeError as e:
    print(e)
def gen():
    yield
print(isinstance(gen(), type(gen())), type(gen).__name__)
