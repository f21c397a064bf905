l = list(range(20))
del l[2:5]
print(l)
del l[::3]
print(l)
del l[-1:-5:-2]
print(l)
del l[5:2]
print(l)
del l[:]
print(l)
