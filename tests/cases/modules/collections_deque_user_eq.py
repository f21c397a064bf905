# collections.deque with items whose __eq__, ordering or __repr__ is Python code: searches and
# comparisons call them as CPython does (item on the left, identity first), and notice an
# __eq__ that changes the deque.
from collections import deque


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


class E:
    def __init__(self, v, victim=None):
        self.v = v
        self.victim = victim

    def __eq__(self, other):
        print("eq", self.v, getattr(other, "v", other))
        if self.victim is not None:
            self.victim.append(0)
        return self.v == getattr(other, "v", other)

    def __repr__(self):
        return "E(%r)" % self.v


class K:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < other.v

    def __eq__(self, other):
        return self.v == other.v

    def __repr__(self):
        return f"K({self.v})"


class R:
    def __repr__(self):
        return "R!"


d = deque([E(1), E(2)])
show(lambda: d.count(2))
show(lambda: d.index(2))
show(lambda: d.index(3))
show(lambda: d.index(E(1), 1))
show(lambda: 2 in d)
show(lambda: 3 not in d)
show(lambda: d.remove(2))
show(lambda: d)
show(lambda: d.remove(E(9)))
same = E(5)
show(lambda: deque([same]).count(same))
show(lambda: deque([same]).index(same))

# An __eq__ that appends to the deque being searched.
for search in [lambda m, x: m.count(x), lambda m, x: m.index(x), lambda m, x: m.remove(x), lambda m, x: x in m,
               lambda m, x: m.index(x, 0, 1)]:
    m = deque([1, 2, 3])
    show(lambda: search(m, E(5, m)))
m = deque([1, 2, 3])
show(lambda: m.index(E(1, m)))

# Comparisons: == stops at a size difference; the first unequal pair decides (compared again
# with the operator itself).
show(lambda: deque([E(1), E(2)]) == deque([E(1), E(3)]))
show(lambda: deque([E(1), E(2)]) != deque([E(1), E(2)]))
show(lambda: deque([E(1)]) == deque([E(1), E(2)]))
show(lambda: deque([E(1)]) < deque([E(1), E(2)]))
show(lambda: deque([E(1), E(2)]) >= deque([E(1)]))
show(lambda: deque([K(1)]) == deque([K(1)]))
show(lambda: deque([K(1), K(2)]) < deque([K(1), K(3)]))
show(lambda: deque([K(2)]) <= deque([K(1), K(3)]))
show(lambda: deque([K(2)]) > deque([K(2)]))
show(lambda: sorted([deque([K(2)]), deque([K(1)])]))
show(lambda: K(1) in deque([K(1)]))
show(lambda: deque([K(1), K(2)]).count(K(2)))
show(lambda: deque([K(1), K(2)]).index(K(2)))
k = deque([K(1), K(2)])
k.remove(K(1))
show(lambda: k)
show(lambda: deque([K(1)]).remove(K(3)))
show(lambda: deque([K(1)]).index(K(3)))

# repr and str of items with a user __repr__, recursion included.
show(lambda: deque([R()]))
show(lambda: str(deque([R()], maxlen=2)))
r = deque([R()])
r.append(r)
print(r, [r], f"{r!r} {r}")
show(lambda: deque([1]).index(R()))
show(lambda: deque([1]).remove(R()))
