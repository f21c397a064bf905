# str() and repr() of strings, numbers, containers, nesting and special values.
values = ["plain", "it's", 'say "hi"', "both ' and \"", "back\\slash", "new\nline", "tab\t",
          "", "\x00", "é", "\u200b", "\x7f", "✓"]
for v in values:
    print(repr(v), str(v) == v)
print(repr(1), repr(-0), repr(2 ** 70), repr(1.5), repr(True), repr(None))
print(str([1, "a", 2.5, None, True]), repr(["x", ["y", ("z",)]]))
print(str((1,)), str(()), str((1, "two")), str({"k": "v", 1: [2]}))
print(str({1, 2, 3}), str(set()), repr({}), repr([[]]), repr([{}]))
print([["it's"]], {"key": 'va"lue'}, ("\n",))
nested = [1, [2, [3, [4, [5, [6]]]]]]
print(nested, str(nested) == repr(nested))
print(str("quoted"), repr(repr("quoted")), str(str(1)))
print(repr(float("inf")), str(-float("inf")), repr(float("nan")))
print([float("nan"), -0.0, 1e-10])
print(repr(range(3)), repr(range(1, 9, 2)), [range(2)])
