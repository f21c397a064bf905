# range objects: repr, len, indexing, slicing, membership, negative steps.
print(range(5), range(2, 8), range(0, 10, 3), range(10, 0, -2))
print(list(range(5)), list(range(2, 8)), list(range(0, 10, 3)), list(range(10, 0, -2)))
print(list(range(0)), list(range(5, 2)), list(range(-3)), list(range(2, -3, -1)))
r = range(3, 30, 4)
print(len(r), r[0], r[-1], r[2], r[1:3], r[::-1], r[::2], list(r[::-2]))
print(7 in r, 8 in r, 31 in r, -1 in r, r.index(11), r.count(11), r.count(12))
print(r.start, r.stop, r.step)
print(range(0, 5) == range(5), range(0) == range(2, 2), range(1, 10, 2) == range(1, 11, 2))
print(list(reversed(range(4))), sum(range(101)), max(range(7)), min(range(3, 9)))
for bad in (lambda: range(1, 2, 0), lambda: range(1.5), lambda: r.index(12), lambda: r[100]):
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
big = range(10 ** 20)
print(len(range(0, 10 ** 18, 3)), big[-1], 10 ** 19 in big)
