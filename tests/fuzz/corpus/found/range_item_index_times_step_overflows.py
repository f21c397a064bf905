# Regression: ranges and ints at the i64 limits (slicing such a range used to overflow, len()
# of a range longer than ssize_t returned -1, chr() of a huge int gave the wrong exception).
tests = [
    lambda: range(0, 2**63 - 1, 2**62)[::1],
    lambda: range(-2**63, 2**63 - 1, 2**62)[-1],
    lambda: len(range(-2**63, 2**63 - 1)),
    lambda: len(range(-2**63, 2**63 - 1, 2)),
    lambda: (-2**63) // -1,
    lambda: (-2**63) % -1,
    lambda: -(-2**63),
    lambda: 1 << 64,
    lambda: abs(-2**63),
    lambda: [1, 2, 3][2**63 - 1:-2**63:-1],
    lambda: "abc"[-2**63:2**63 - 1:2**62],
    lambda: list(range(5))[::-(2**63 - 1)],
    lambda: divmod(-2**63, -1),
    lambda: [].insert(-2**63, 1),
    lambda: chr(2**63 - 1),
    lambda: chr(-2**40),
    lambda: sum(range(1**62, 2**62 + 10)),
    lambda: next(enumerate([1], 2**63 - 1)),
]
for i, t in enumerate(tests):
    try:
        print(i, t())
    except (OverflowError, ValueError, TypeError, MemoryError) as e:
        print(i, type(e).__name__, e)
