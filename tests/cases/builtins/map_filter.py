# map and filter are lazy iterators.
def noisy_double(x):
    print("  doubling", x)
    return x * 2
m = map(noisy_double, [1, 2, 3])
print("map created")
print(next(m))
print(list(m))
print(list(map(str, [1, 2.5, None])), list(map(len, ["a", "bb"])))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
print(list(map(pow, [2, 3], [3, 2])))
print(list(filter(None, [0, 1, "", "x", [], [0], None, False, True])))
print(list(filter(lambda v: v % 3 == 0, range(10))), list(filter(str.isdigit, "a1b2c3")))
f = filter(lambda v: v > 1, [1, 2, 3])
print(next(f), list(f), list(f))
print(type(map(str, [])).__name__, type(filter(None, [])).__name__)
try:
    list(map(lambda x: 1 / x, [1, 0]))
except ZeroDivisionError as e:
    print("error inside map:", e)
