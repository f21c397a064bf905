# The constant keywords and their reprs/strs and types.
print(True, False, None)
print(repr(True), repr(None), str(False))
print(type(True), type(None))
print(True == 1, False == 0, True is True, None is None)
print(True + True, True * 10, False - 1)
print(not None, not True, not 0)
x = None
print(x is None, x is not None, x == None)
