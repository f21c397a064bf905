# Dict and set comprehensions; later keys overwrite earlier ones.
print({x: x * x for x in range(5)})
print({k: v for k, v in [("a", 1), ("b", 2), ("a", 3)]})
print({x % 3: x for x in range(10)})
print(sorted({x % 4 for x in range(20)}), {x for x in range(3)})
words = ["apple", "bob", "cat", "apple"]
print({w: len(w) for w in words})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
print({(i, j): i * j for i in range(2) for j in range(2)})
print(len({c for c in "mississippi"}))
