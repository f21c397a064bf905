# Indexing lists and tuples with ints takes a fast path in the VM's inner loop: every index that
# is out of range, not an int, or on a subclass with its own __getitem__/__setitem__ must still
# behave exactly as in CPython.
items = [10, 20, 30]
pair = (1, 2)
total = 0
for i in range(-3, 3):
    total += items[i] * pair[i % 2]
    items[i] = items[i] + 1
print(total, items)
print(items[True], pair[False], items[-1], pair[-2])

for bad in (3, -4, 2**62, -(2**62), 2**70):
    try:
        items[bad]
    except IndexError as e:
        print("IndexError:", e)
    try:
        items[bad] = 0
    except IndexError as e:
        print("IndexError:", e)
    try:
        pair[bad]
    except IndexError as e:
        print("IndexError:", e)
try:
    pair[0] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    items["0"]
except TypeError as e:
    print("TypeError:", e)
try:
    items[1.0] = 2
except TypeError as e:
    print("TypeError:", e)


class Shifted(list):
    def __getitem__(self, i):
        return list.__getitem__(self, i + 1)

    def __setitem__(self, i, v):
        list.__setitem__(self, i + 1, v * 100)


s = Shifted([1, 2, 3])
for i in range(2):
    print(s[i], end=" ")
    s[i] = i
print(list(s))


class Labels(tuple):
    def __getitem__(self, i):
        return "label-" + str(tuple.__getitem__(self, i))


labels = Labels((7, 8))
print([labels[i] for i in range(2)])

# A list changing length while it is indexed in a loop.
grow = [0]
i = 0
while i < len(grow) and i < 5:
    grow.append(grow[i] + 1)
    grow[i] = -grow[i]
    i += 1
print(grow)
try:
    del items["x"]
except TypeError as e:
    print("TypeError:", e)
try:
    del items[7]
except IndexError as e:
    print("IndexError:", e)

# Iterating lists and tuples (also taken by the inner loop) while they change.
grown = [1, 2, 3]
for x in grown:
    if x < 6:
        grown.append(x + 3)
print(grown)
shrunk = [1, 2, 3, 4, 5, 6]
for x in shrunk:
    shrunk.remove(x)
print(shrunk)
it = iter(grown)
for x in it:
    pass
grown.append(99)
print(next(it, "exhausted stays exhausted"), [x for x in (1, 2, 3)])
