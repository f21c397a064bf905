# Hostile runtime inputs (issue 6): integer edges that overflow i64, allocations far too large to
# make, CPython's digit limit, and self-referential containers. Each must give CPython's answer
# or its exception, never a crash or a wrong wrapped number.


def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


attempt("min // -1:", lambda: (-2**63) // -1)
attempt("min % -1:", lambda: (-2**63) % -1)
attempt("divmod(min, -1):", lambda: divmod(-2**63, -1))
attempt("-(-2**63):", lambda: -(-2**63))
attempt("abs(min):", lambda: abs(-2**63))
attempt("min * -1:", lambda: (-2**63) * -1)
attempt("1 << 64:", lambda: 1 << 64)
attempt("1 << 63:", lambda: 1 << 63)
attempt("max + 1:", lambda: (2**63 - 1) + 1)
attempt("1 << 2**40:", lambda: 1 << (2**40))
attempt("'a' * 2**62:", lambda: len("a" * 2**62))
attempt("[0] * 2**62:", lambda: len([0] * 2**62))
attempt("(0,) * 2**62:", lambda: len((0,) * 2**62))
attempt("int('9' * 5000):", lambda: int("9" * 5000))
attempt("str(10**5000):", lambda: len(str(10**5000)))
attempt("int('9' * 4300) % 7:", lambda: int("9" * 4300) % 7)

a = []
a.append(a)
print(a, a == a, len(repr(a)))
d = {}
d["self"] = d
print(d, d == d)
b = []
b.append(b)
attempt("a == b:", lambda: a == b)
t = ([],)
t[0].append(t)
print(t)
