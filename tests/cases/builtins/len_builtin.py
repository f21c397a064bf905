# len() of every sized builtin type, and its error for unsized values.
print(len(""), len("abc"), len("日本"), len([]), len([1, [2, 3]]), len(()), len((1,)))
print(len({}), len({"a": 1, "b": 2}), len(set()), len({1, 2, 2}))
print(len(range(10)), len(range(0)), len(range(10, 0, -3)), len(range(5, 0)))
print(len(range(-10 ** 20, 10 ** 20, 10 ** 19)))
d = {"k": 1}
print(len(d.keys()), len(d.values()), len(d.items()))
for bad in (5, 3.5, None, len, (x for x in [])):
    try:
        len(bad)
    except TypeError as e:
        print(e)
