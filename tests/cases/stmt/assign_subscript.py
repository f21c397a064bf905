# Assigning to list items, dict keys and nested targets.
lst = [0, 1, 2]
lst[0] = "a"
lst[-1] = "z"
print(lst)
d = {}
d["x"] = 1
d[(1, 2)] = "pair"
d[3] = [0]
d[3][0] = "nested"
print(d)
m = [[0] * 2 for _ in range(2)]
m[0][1], m[1][0] = "r", "c"
print(m)
for bad in (3, -4, 10 ** 3):
    try:
        lst[bad] = 0
    except IndexError as e:
        print(type(e).__name__, e)
try:
    "abc"[0] = "x"
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1, 2)[0] = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    d[[1]] = 2
except TypeError as e:
    print(type(e).__name__, e)
