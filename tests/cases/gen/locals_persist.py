# Each generator object keeps its own locals between yields.
def counter(name, start):
    count = start
    while True:
        step = yield f"{name}={count}"
        count += step if step is not None else 1

a = counter("a", 0)
b = counter("b", 100)
print(next(a), next(b))
print(a.send(5), b.send(-1), next(a), next(b))
def accumulate():
    seen = []
    while True:
        item = yield list(seen)
        seen.append(item)
acc = accumulate()
next(acc)
for word in ("x", "y", "z"):
    print(acc.send(word))
def loop_state():
    for i in range(3):
        for j in range(2):
            yield (i, j)
print(list(loop_state()))
