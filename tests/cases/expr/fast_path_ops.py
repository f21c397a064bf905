# Integer %, truth tests, is/is not and chained comparisons inside functions (the dispatch loop's inner fast path) against module level.
def f():
    out = []
    for x in (7, -7, 0, 9223372036854775807, -9223372036854775808):
        for y in (3, -3, 1, -1, 9223372036854775807, -9223372036854775808):
            out.append(x % y)
    return out
print(f())
def g(vals):
    r = []
    for v in vals:
        r.append((not v, v is None, v is not None))
        if v:
            r.append(1)
        while v:
            break
    return r
print(g([None, 0, 1, 0.0, 2.5, "", "a", [], [0], (), (1,), {}, {1: 2}, True, False]))
def h(a, b, c):
    return a < b < c, a == b == c
print(h(1, 2, 3), h(3, 2, 1))
try:
    print(f() and 1 % 0)
except ZeroDivisionError as e:
    print(e)
