# any/all short-circuit and work on empty iterables.
def tracked(values):
    for v in values:
        print("  checking", v)
        yield v
print(any([]), all([]), any([0, 0]), all([1, 1]), any("a"), all(""))
print(any(tracked([0, 2, 0, 3])))
print(all(tracked([1, 0, 1])))
print(any(x > 5 for x in range(10)), all(x < 5 for x in range(10)))
print(all([[], 1]), any([[], 0, None, ""]), any([[0]]))
try:
    any(5)
except TypeError as e:
    print(e)
