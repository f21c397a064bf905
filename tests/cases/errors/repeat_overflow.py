# Sequence repetition past what fits: a count beyond an index-sized integer is an OverflowError
# for every sequence, a string whose length would overflow one is an OverflowError ("repeated
# string is too long", counted in characters), and anything else too big to make is a
# MemoryError, all raised before anything is allocated.


def attempt(label, f):
    try:
        print(label, len(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


attempt("'ab' * 2**62:", lambda: "ab" * 2**62)
attempt("2**62 * 'ab':", lambda: 2**62 * "ab")
attempt("'a' * 2**62:", lambda: "a" * 2**62)
attempt("'\u00e9' * 2**62:", lambda: "\u00e9" * 2**62)
attempt("'abc' * 2**62:", lambda: "abc" * 2**62)
attempt("'a' * 2**63:", lambda: "a" * 2**63)
attempt("'' * 2**63:", lambda: "" * 2**63)
attempt("'ab' * -2**63:", lambda: "ab" * -2**63)
attempt("'ab' * -2**64:", lambda: "ab" * -2**64)
attempt("[0] * 2**62:", lambda: [0] * 2**62)
attempt("[0, 1] * 2**62:", lambda: [0, 1] * 2**62)
attempt("[0] * 2**63:", lambda: [0] * 2**63)
attempt("[] * 2**63:", lambda: [] * 2**63)
attempt("(1, 2) * 2**62:", lambda: (1, 2) * 2**62)
attempt("(1,) * 2**63:", lambda: (1,) * 2**63)
attempt("'ab' * 2**61:", lambda: "ab" * 2**61)
attempt("'ab' * 3:", lambda: "ab" * 3)


def augmented(s, n):
    s *= n
    return s


attempt("s = 'ab'; s *= 2**62:", lambda: augmented("ab", 2**62))
attempt("x = [0, 1]; x *= 2**62:", lambda: augmented([0, 1], 2**62))
attempt("x = [0]; x *= 2**63:", lambda: augmented([0], 2**63))
