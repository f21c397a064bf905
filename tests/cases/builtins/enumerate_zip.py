# enumerate with start, and zip over iterables of unequal length.
print(list(enumerate("abc")), list(enumerate("abc", 1)), list(enumerate([], 5)))
print(list(enumerate(["x"], start=-2)), list(enumerate(range(3), 10 ** 20)))
for i, (a, b) in enumerate(zip("xy", [10, 20])):
    print(i, a, b)
print(list(zip()), list(zip([1, 2, 3])), list(zip([1, 2, 3], "ab")), list(zip("a", "bc", "def")))
pairs = [(1, "one"), (2, "two"), (3, "three")]
numbers, names = zip(*pairs)
print(numbers, names)
print(dict(zip(names, numbers)))
e = enumerate("ab")
print(next(e), list(e))
z = zip(range(3), range(10, 13))
print(next(z), list(z), list(z))
print(type(enumerate([])).__name__, type(zip()).__name__)
