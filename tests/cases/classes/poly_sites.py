# One attribute or method site used with several classes in turn: every class gets its own
# answer, whether the site sees two classes or more, and after classes change.
from collections import deque


class A:
    kind = "A"

    def __init__(self, v):
        self.v = v

    def get(self):
        return ("A", self.v)


class B:
    kind = "B"

    def __init__(self, v):
        self.w = -v
        self.v = v * 10

    def get(self):
        return ("B", self.v, self.w)


class C(A):
    def get(self):
        return ("C",) + super().get()


def visit(objs):
    out = []
    for o in objs:
        out.append((o.get(), o.v, o.kind))
        o.v = o.v + 1
    return out


for objs in ([A(1), B(2)], [A(3), B(4), C(5)], [C(6), C(7), A(8), B(9)]):
    for _ in range(3):
        r = visit(objs)
    print(r)

# Builtin methods of several types under one name.
def fill(seqs):
    for s in seqs:
        s.append(len(s))
    return [list(s) for s in seqs]


seqs = [[], deque(), [9], deque([8])]
for _ in range(3):
    r = fill(seqs)
print(r)

# A class changed while a site caches it.
objs = [A(1), B(2)]
visit(objs)
A.get = lambda self: ("patched", self.v)
B.kind = "B2"
print(visit(objs))
del A.get
try:
    visit(objs)
except AttributeError as e:
    print("AttributeError:", e)
objs[1].get = lambda: "own"
print([o.get() for o in objs[1:]], visit([B(0)]))


# A builtin method cached for a user subclass of list, then overridden and removed.
class Log(list):
    pass


def push_all(seq, n):
    for i in range(n):
        seq.append(i)
    return seq


logs = [Log(), []]
for s in logs:
    push_all(s, 3)
Log.append = lambda self, x: list.append(self, x * 100)
print([push_all(s, 2) for s in logs])
del Log.append
print([push_all(s, 1) for s in logs])
