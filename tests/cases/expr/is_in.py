# Identity and membership tests.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, None is None)
print(1 in [1, 2], 3 in [1, 2], 3 not in [1, 2], not 3 in [1, 2])
print("ell" in "hello", "" in "abc", "z" in "abc", "H" in "hello")
print(2 in (1, 2), 2 in {2: "x"}, "x" in {2: "x"}, 2 in {1, 2})
print(5 in range(10), 10 in range(10), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(-3 in range(-5, 0), 10 ** 30 in range(10 ** 31))
print([1] in [[1], [2]], (1, 2) in [(1, 2)], 1.0 in [1], True in [1])
x = None
print(x is None, type(x) is type(None))
t = (1, 2)
print(t is t, () == ())
