# Coroutines fed with send(): a running average and a running maximum.
def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count

avg = averager()
next(avg)
for v in (10, 20, 60, 5):
    print("sent", v, "average now", avg.send(v))

def running_max():
    best = None
    while True:
        value = yield best
        if best is None or value > best:
            best = value
m = running_max()
m.send(None)
print([m.send(v) for v in (3, 1, 4, 1, 5, 9, 2, 6)])

def grep(pattern):
    print(f"  looking for {pattern!r}")
    matches = []
    try:
        while True:
            line = yield
            if pattern in line:
                matches.append(line)
    except GeneratorExit:
        print("  closing grep; matches:", matches)
        raise
g = grep("py")
next(g)
for line in ("python", "rust", "pypy", "go"):
    g.send(line)
g.close()
