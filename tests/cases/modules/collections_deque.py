from collections import deque
import collections

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], 2 in d, 9 in d, bool(deque()), list(d))
print(d.pop(), d.popleft(), d)
d.extend("ab")
d.extendleft([8, 9])
print(d, d.count(2), d.index("a"))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.remove("a")
d.reverse()
print(d, d == deque(list(d)), d == [1], type(d), d.maxlen)
ring = deque(maxlen=3)
for i in range(6):
    ring.append(i)
print(ring, ring.maxlen)
ring.appendleft(-1)
print(ring)
q = deque()
for i in range(100):
    q.append(i)
total = 0
while q:
    total += q.popleft()
    if len(q) % 10 == 0 and q:
        q.append(q.popleft())
print(total, q)
print(deque("xy") + deque("z"), deque(range(3)).copy())
d2 = deque([1, 2])
d2 += [3]
print(d2, d2[1], collections.deque is deque)
for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5], lambda: deque([1]).remove(7),
            lambda: deque([1]).index(7), lambda: deque(maxlen=-1)]:
    try:
        bad()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
d3 = deque([1, 2, 3])
try:
    for x in d3:
        d3.append(x)
except RuntimeError as e:
    print("RuntimeError:", e)

# Construction: any iterable, maxlen keeps the newest items.
def gen(n):
    for i in range(n):
        yield i


class Items:
    def __iter__(self):
        return iter([7, 8])


class Old:
    def __getitem__(self, i):
        if i < 3:
            return i * 10
        raise IndexError


print(deque(gen(4)), deque(gen(4), maxlen=2), deque(Items()), deque(Old()), deque("abc", 2))
print(deque(iterable=[1], maxlen=True), deque(maxlen=0), deque(range(3), maxlen=None), deque({1: 2}))
print(deque(deque([1, 2], maxlen=5)), deque([1, 2], maxlen=5).copy(), deque([1]).__copy__())
print(deque([1]).maxlen, deque(maxlen=5).maxlen, len(deque(range(1000))), bool(deque([0])), not deque())

# maxlen: appends on one side drop from the other; maxlen=0 keeps nothing.
d = deque([1, 2, 3], maxlen=3)
d.append(4)
d.appendleft(0)
print(d)
d.extend([5, 6])
print(d)
d.extendleft([7, 8])
print(d)
z = deque(maxlen=0)
z.append(1)
z.extend(gen(3))
z.extendleft([1])
print(z, len(z))
d = deque([1, 2], maxlen=3)
d.extendleft(gen(3))
print(d)

# extend/extendleft from themselves and from generators.
d = deque([1, 2, 3])
d.extend(d)
print(d)
d = deque([1, 2, 3])
d.extendleft(d)
print(d)
d = deque([0])
d.extend(gen(2))
d.extendleft(gen(2))
d.extend(Items())
print(d)

# insert, rotate, reverse, clear, index with start/stop, remove.
d = deque([1, 2, 3])
d.insert(-10, "a")
d.insert(10, "b")
d.insert(2, "c")
d.insert(-1, "d")
print(d)
d = deque(range(10))
d.rotate(3)
print(d)
d.rotate(-13)
print(d)
d.rotate()
print(d)
d.rotate(0)
d.reverse()
print(d)
d.clear()
print(d, len(d))
d = deque(range(5))
print(d.index(3, -3), d.index(3, 1, -1), d.index(0, -100), d.index(4, 0, 100), d.count(9))
print(d.index(2, -2**70, 2**70))
d.remove(0)
print(d)

# Indexing.
d = deque(range(5))
del d[2]
del d[-1]
print(d, d[0], d[-1], d[True])
d[0] = "x"
d[-1] = "y"
print(d)

# Iteration, reversed(), unpacking and builtins that consume iterables.
d = deque([3, 1, 2])
print(list(reversed(d)), tuple(d), sorted(d), sum(d), min(d), max(d), set(d), [x * 2 for x in d])
print(list(zip(deque([1, 2]), deque("ab"))), list(enumerate(deque("ab"))), "".join(deque("abc")))
print(dict(deque([(1, 2)])), [*deque([1, 2])], any(deque([0, 1])), all(deque([])))
a, *b = deque([1, 2, 3])
print(a, b)
it = iter(deque([5]))
print(type(it).__name__, next(it), next(it, "end"))
print(type(reversed(deque())).__name__)

# Mutation during iteration: any change of length or order, even after the end; not d[i] = x,
# reverse(), or changes that change nothing.
def after(change):
    d = deque([1, 2, 3])
    it = iter(d)
    next(it)
    change(d)
    try:
        return next(it)
    except RuntimeError as e:
        return "RuntimeError: " + str(e)


def setitem(d):
    d[0] = 9


def iadd(d):
    d += []


def imul1(d):
    d *= 1


def imul0(d):
    d *= 0


def delitem(d):
    del d[0]


for change in [lambda d: d.append(0), lambda d: d.appendleft(0), lambda d: d.pop(), lambda d: d.popleft(),
               lambda d: d.extend([]), lambda d: d.extend([1]), lambda d: d.clear(), lambda d: d.copy(),
               lambda d: d.rotate(0), lambda d: d.rotate(3), lambda d: d.reverse(), lambda d: d.insert(0, 1),
               lambda d: d.remove(3), lambda d: d.count(1), lambda d: d.index(1), setitem, iadd, imul1, imul0,
               delitem]:
    print(after(change), end=" ")
print()
d = deque([1, 2])
it = iter(d)
print(list(it))
d.append(3)
for _ in range(2):
    try:
        next(it)
    except RuntimeError as e:
        print("RuntimeError:", e)
d = deque()
it = iter(d)
d.clear()
print(next(it, "empty"))
d = deque([3, 2])
it = reversed(d)
print(next(it))
d.appendleft(0)
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e)

# Operators.
print(deque([1, 2]) * 2, 2 * deque([1]), deque([1, 2], maxlen=3) * 3, deque([1]) * -1, deque([1, 2], maxlen=3) * 0)
print(deque([1, 2, 3], maxlen=4) * 2, deque(maxlen=2) * 3, deque([1, 2], maxlen=5) + deque([3]), deque() + deque(maxlen=1))
d = deque([1, 2], maxlen=3)
d *= 2
print(d)
d = deque([1, 2])
d2 = d
d2 += deque([3])
d2 += gen(2)
d2 += Items()
d2 += "z"
print(d, d is d2)
d *= 0
print(d)
d = deque([1, 2, 3])
d += d
print(d)
lst = [0]
lst += gen(2)
print(lst)

# Comparisons: only with deques, item by item.
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([1, 2]), deque([1]) == [1], deque() != ())
print(deque([1, 2]) < deque([1, 2, 0]), deque([2]) > deque([1, 9]), deque() <= deque(), deque("b") >= deque("a"))
print(deque([[1], (2,)]) == deque([[1], (2,)]), deque([deque([1])]) == deque([deque([1])]))
print(deque([deque([1])]) < deque([deque([2])]), sorted([deque([2]), deque([1, 5]), deque([1])]))
n = deque([float("nan")])
print(n == n, [n] == [n], 2 in deque([1, 2.0]), "a" in deque("abc"), [1] in deque([[1]]), 5 not in deque())

# repr: maxlen, recursion, nesting.
e = deque()
e.append(e)
print(e, [e], str(e), repr(deque(maxlen=3)))
inner = []
d = deque([inner], maxlen=2)
inner.append(d)
print(d, inner, f"{d}", "%s" % (d,))
print(isinstance(deque(), collections.deque), type(deque()) is deque, deque.__name__, deque.__module__)

# A long-running queue.
q = deque()
for i in range(100000):
    q.append(i)
    if i % 3 == 0:
        q.popleft()
print(len(q), q[0], q[-1], q[len(q) // 2])
