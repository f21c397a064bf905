# Containers that contain themselves print as [...] / {...} instead of recursing forever.
d = {}
d["self"] = d
print(d)
l = [1]
l.append(l)
print(l, repr(l), str(l))
outer = [[]]
outer[0].append(outer)
print(outer)
pair = {"a": [], "b": 2}
pair["a"].append(pair)
print(pair)
t = ([],)
t[0].append(t)
print(t)
same = [0]
twice = [same, same]
print(twice)
deep = []
for _ in range(50):
    deep = [deep]
print(str(deep).count("["), str(deep)[:12])
