# Chained assignment binds every target to the same object, left to right.
a = b = c = []
a.append(1)
print(a, b, c, a is b is c)
x = y = 5
x += 1
print(x, y)
lst = [0, 0, 0]
i = lst[i] = 1 if False else 0
print(i, lst)
i = 0
i, lst[i] = 1, "set"
print(i, lst)
d = {}
d["k"] = d2 = {}
d2["inner"] = 1
print(d)
