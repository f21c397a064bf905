from collections import defaultdict, OrderedDict, deque

groups = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(groups, dict(groups), len(groups), groups["z"], "z" in groups, groups.get("q"))
print(type(groups), isinstance(groups, dict), groups.default_factory, type(groups).__name__)
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(sorted(counts.items()), counts == {"m": 1, "i": 4, "s": 4, "p": 2})
nested = defaultdict(lambda: defaultdict(int))
nested["a"]["b"] += 2
print(nested["a"]["b"], repr(defaultdict(None)), defaultdict(int, {"x": 1}, y=2))
plain = defaultdict()
try:
    plain["missing"]
except KeyError as e:
    print("KeyError:", e)
try:
    defaultdict(5)
except TypeError as e:
    print("TypeError:", e)
c = counts.copy()
print(type(c).__name__, c["s"], c.default_factory)

od = OrderedDict()
od["b"] = 1
od["a"] = 2
od["c"] = 3
print(od, list(od), od.popitem(), od.popitem(last=False), od)
od = OrderedDict([("x", 1), ("y", 2), ("z", 3)])
od.move_to_end("x")
print(od)
od.move_to_end("z", last=False)
print(od, list(od.keys()), list(od.values()))
print(OrderedDict([(1, 2), (3, 4)]) == OrderedDict([(3, 4), (1, 2)]), OrderedDict([(1, 2), (3, 4)]) == {3: 4, 1: 2})
print(OrderedDict(), isinstance(od, dict), type(od), OrderedDict(a=1))
try:
    od.move_to_end("nope")
except KeyError as e:
    print("KeyError:", e)
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError:", e)
