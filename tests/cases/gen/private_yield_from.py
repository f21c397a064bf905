# Generators made straight for a `yield from` (`yield from obj.method()`, or `yield from obj`
# through a generator __iter__) whose delegators are the only holders: after they return,
# whatever is made next must not be confused with them, even where a reference did get out
# (gi_yieldfrom) or where a generator in the middle of the chain was resumed directly.


class Box:
    def __init__(self, v):
        self.v = v

    def __iter__(self):
        got = yield ("box", self.v)
        return (self.v, got)


class Source:
    def __init__(self, name):
        self.name = name

    def items(self, n):
        total = 0
        for i in range(n):
            sent = yield (self.name, i)
            if sent is not None:
                total += sent
        return total

    def pair(self):
        left = yield from Box(self.name + "-left")
        right = yield from Box(self.name + "-right")
        return left, right


def driver(src, n):
    total = yield from src.items(n)
    both = yield from src.pair()
    return total, both


# Many chains in turn: each delegate is made, finishes and is dropped.
chains = [driver(Source("s%d" % k), 3) for k in range(4)]
for g in chains:
    print(next(g))
results = {}
step = 0
while chains:
    for g in list(chains):
        try:
            print(g.send(step if step % 3 else None))
        except StopIteration as stop:
            results[len(results)] = stop.value
            chains.remove(g)
        step += 1
for k in sorted(results):
    print(k, results[k])


# A reference handed out by gi_yieldfrom outlives the delegation.
def outer():
    r = yield from Source("kept").items(2)
    yield ("after", r)
    yield from Source("other").items(1)


o = outer()
print(next(o))
kept = o.gi_yieldfrom
print(type(kept).__name__, kept.__qualname__, kept.gi_running, kept.gi_suspended)
print(o.send(5))
print(o.send(6))
print(kept.gi_suspended, kept.gi_yieldfrom)
print(next(o))
try:
    kept.send(1)
except StopIteration as stop:
    print("kept is finished", stop.value)
print(kept is o.gi_yieldfrom, type(o.gi_yieldfrom).__name__)
print(kept.__qualname__)


# The middle of a chain resumed directly while its delegate runs, then the top again.
def inner():
    a = yield "inner-1"
    b = yield "inner-2"
    return a, b


class Mid:
    def run(self):
        r = yield from self.inner()
        yield ("mid got", r)
        return "mid-done"

    def inner(self):
        return (yield from inner())


def top(m):
    r = yield from m
    return ("top got", r)


mid_gen = Mid().run()
t = top(mid_gen)
print(next(t))
print(mid_gen.send("direct"))
print(t.send("via-top"))
fresh = [Source("f%d" % i).items(1) for i in range(3)]
print([next(x) for x in fresh])
try:
    t.send(None)
except StopIteration as stop:
    print(stop.value)
print(mid_gen.gi_suspended, t.gi_suspended)


# A generator above a private one resumed as a chain root while the private one is the
# innermost: after it returns, a generator made next must not be taken for it.
def spare():
    yield "spare resumed (wrong)"


class Mid2:
    def run(self):
        r = yield from self.items()
        h = spare()
        next(h)
        yield "mid2 after " + r
        yield "mid2 again"

    def items(self):
        got = yield "items-1"
        return got


def top2(m):
    yield from m
    return "top2 done"


m2 = Mid2().run()
t2 = top2(m2)
print(next(t2))
print(m2.send("x"))
print(t2.send(None))
try:
    t2.send(None)
except StopIteration as stop:
    print(stop.value)


# The same through a plain call: `yield from counter(...)`.
def counter(n):
    for i in range(n):
        yield i
    return "counted %d" % n


def plain():
    a = yield from counter(2)
    b = yield from counter(1)
    return a, b


p = plain()
print(next(p))
held = p.gi_yieldfrom
print(list(p))
print(held.gi_suspended, held.__name__, next(held, "held is done"))
