# A `for` loop's own iterator of a list or tuple is freed when the loop runs out: objects made
# after the loop must not be confused with it, and iterators the program holds itself stay.

rows = [[1, 2], (3, 4), [], [5]]
total = 0
for row in rows:
    for x in row:
        total += x
    made = [row, total]
    print(made, type(iter(made)).__name__)
print(total)

# An iterator the program holds survives a loop over it, exhausted or left early.
it = iter([10, 20, 30])
for x in it:
    print("held", x)
    if x == 20:
        break
print(next(it, "no more"), next(it, "no more"))
it2 = iter((1, 2))
for x in it2:
    pass
print(next(it2, "exhausted"), list(it2))


# Loops suspended inside generators, resumed in turn after other loops end.
def walk(name, items):
    for i, x in enumerate(items):
        yield name, x
    for x in items:
        yield name + "-again", x


gens = [walk("a", [1, 2]), walk("b", (3,)), walk("c", [])]
while gens:
    for g in list(gens):
        step = next(g, None)
        if step is None:
            gens.remove(g)
        else:
            print(step, [y for y in range(2)])

# A loop left by an exception, and one by return, then later loops.
def first_even(xs):
    for x in xs:
        if x % 2 == 0:
            return x
    return None


try:
    for x in [1, 2, 3]:
        if x == 2:
            raise ValueError(x)
except ValueError as e:
    print("left by", repr(e))
print(first_even([1, 3, 4, 5]), first_even((7,)), first_even([]))
pairs = []
for a in [1, 2]:
    for b in (3, 4):
        pairs.append((a, b))
print(pairs, sum(len(p) for p in pairs))
