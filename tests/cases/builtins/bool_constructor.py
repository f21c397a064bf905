# bool() and the arithmetic of bools.
print(bool(), bool(0), bool(1), bool(-1), bool(0.0), bool(0.1), bool(""), bool(" "))
print(bool([]), bool([0]), bool({}), bool(set()), bool(None), bool(range(0)), bool(range(1)))
print(True + True, True * 5, -True, True / 2, True // 2, True ** 2, ~False)
print(sum([True, True, False]), True == 1, False == 0, True is bool(1))
print(str(True), repr(False), int(True), float(False))
print(True and 5, False or "x", [True] * 2, True & True, True | False, True ^ True)
print(max(True, 0), min(False, -1), sorted([True, False, 0, 1]))
print(isinstance(True, int), isinstance(1, bool), bool.__name__)
