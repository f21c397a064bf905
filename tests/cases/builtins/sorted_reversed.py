# sorted (key, reverse, stability) and reversed.
data = [5, 2, 9, 1, 5, 6]
print(sorted(data), sorted(data, reverse=True), data)
print(sorted("banana"), sorted(("b", "a")), sorted({3: "x", 1: "y"}), sorted(range(5, 0, -1)))
words = ["pear", "Fig", "apple", "date", "Banana", "kiwi"]
print(sorted(words), sorted(words, key=len), sorted(words, key=str.lower))
print(sorted(words, key=len, reverse=True))
records = [("b", 2), ("a", 2), ("c", 1), ("d", 1), ("e", 2)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))
print(sorted([(2, "b"), (1, "z"), (2, "a")]), sorted([[3], [1, 2], [1]]))
print(sorted([0.5, -1, 2, True, -0.5]))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))), list(reversed((1, 2))))
r = reversed([1, 2])
print(next(r), list(r))
try:
    sorted([1, "a"])
except TypeError as e:
    print(e)
try:
    reversed(x for x in [])
except TypeError as e:
    print(e)
print(sorted([3, 1, 2], key=lambda x: -x), sorted([], reverse=True))
