a = []
a.append(a)
d = {}
d[1] = d
print(a, d, a == a)
b = [a]
print(b == [a])
