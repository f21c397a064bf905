# Every common dict method, views and their reprs, insertion order.
d = {"b": 2, "a": 1}
print(d.get("a"), d.get("z"), d.get("z", "default"))
print(d.setdefault("c", 3), d.setdefault("a", 100), d)
print(d.pop("b"), d.pop("zz", "missing"), d)
d["d"] = 4
print(d.popitem(), d)
print(d.keys(), d.values(), d.items())
print(list(d.keys()), list(d.values()), list(d.items()))
d.update({"x": 10, "a": -1})
d.update(y=20)
d.update([("z", 30)])
print(d)
c = d.copy()
c["new"] = True
print(len(d), len(c), "new" in d)
c.clear()
print(c)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
order = {}
for k in ("first", "second", "third"):
    order[k] = len(order)
del order["first"]
order["first"] = "re-added goes last"
print(order)
order["second"] = "updating keeps position"
print(list(order))
keys = d.keys()
d["late"] = 1
print(keys, "late" in keys, len(keys))
print({1: 1}.items() == {1: 1}.items(), list({}.items()))
for thunk in (lambda: {}.popitem(), lambda: {}.pop("k"), lambda: {"a": 1}["b"], lambda: d.update(1)):
    try:
        print(thunk())
    except (KeyError, TypeError) as e:
        print(type(e).__name__, e)
print({"present": 1}["absent"])
