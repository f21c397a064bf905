# Identifier forms: underscores, digits, dunder-looking names, non-ASCII letters.
_private = 1
__dunder_ish = 2
name_with_digits_123 = 3
CamelCase = 4
_ = 5
café = 6
π = 3.14
print(_private, __dunder_ish, name_with_digits_123, CamelCase, _, café, π)
def _helper(__x):
    return __x * 2
print(_helper(21))
