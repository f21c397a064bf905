# Tuples: immutable sequences with count/index, comparison, nesting.
t = (3, 1, 4, 1, 5)
print(t.count(1), t.index(4), t.index(1, 2), len(t), t[1:3], t[::-1], max(t), sorted(t))
print(t + (9,), t * 2, (1,) * 3, () + (), (1, 2) < (1, 2, 0), (2,) > (1, 99))
print((1, [2, 3]), ((1,),), (None, True), tuple("ab"), (1,) == (1,), ((),))
nested = (1, [2])
nested[1].append(3)
print(nested)
a, b = t[:2]
print(a, b, 4 in t, 7 not in t)
print(hash((1, 2)) == hash((1, 2)), {(0, 0): "origin"}[(0, 0)])
try:
    t.index(99)
except ValueError as e:
    print(type(e).__name__, e)
try:
    del t[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    t.append(1)
except AttributeError as e:
    print(type(e).__name__, e)
