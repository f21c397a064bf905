# Dict iteration, membership, equality, merging and mutation during iteration.
d = {"one": 1, "two": 2, "three": 3}
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(f"{k}={v}")
print("one" in d, 1 in d, "one" in d.keys(), 1 in d.values(), ("one", 1) in d.items())
print(d == {"three": 3, "two": 2, "one": 1}, d != {"one": 1})
print({**d, "four": 4}, d | {"one": 100}, {1: "a"} | {2: "b"})
e = dict(d)
e |= {"five": 5}
print(e)
squares = {}
for i in range(5):
    squares[i] = i * i
print(squares, sum(squares.values()), max(squares, key=squares.get))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
groups = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(word[0], []).append(word)
print(groups)
nested = {"a": {"b": {"c": 1}}}
print(nested["a"]["b"]["c"], nested)
try:
    for k in d:
        d["new_" + k] = 0
except RuntimeError as e:
    print(type(e).__name__, e)
print({True: "bool", 1: "int", 1.0: "float"}, {(1, 2): "t"}[(1, 2)], {None: 0}[None])
