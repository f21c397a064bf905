# List, tuple, dict and set displays, including unpacking inside them.
print([], (), {}, [1], (1,), {1: 2}, {1})
print([1, 2, 3,], (1, 2,), {"a": 1, "b": 2,})
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, 0, *b), [*range(3), *"xy"], {*a, *b})
d1 = {"x": 1, "y": 2}
d2 = {"y": 20, "z": 30}
print({**d1, **d2}, {**d2, **d1}, {"w": 0, **d1, "x": 100})
print({1: "a", 1: "b"}, {1: "a", True: "b", 1.0: "c"})
t = 1, 2, 3
print(t, type(t))
u = 5,
print(u, len(u))
print([[]] * 2, [(1, 2)] * 2)
print({(1, 2): [3, 4]}, [{"k": [1, {2}]}])
print(type([]), type(()), type({}), type({1}))
