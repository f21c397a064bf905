# collections.deque's errors, with CPython 3.11's messages.
from collections import deque


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


d = deque([1, 2, 3])


def set_maxlen():
    d.maxlen = 3


def del_maxlen():
    del d.maxlen


def del_slice():
    del d[1:2]


def set_slice():
    d[1:2] = [1]


def set_str():
    d["a"] = 1


def set_out():
    d[10] = 1


def del_out():
    del d[-10]


cases = [
    # The constructor.
    lambda: deque([1], 2, 3),
    lambda: deque(x=1),
    lambda: deque([1], iterable=[2]),
    lambda: deque([1], 2, maxlen=3),
    lambda: deque([1], maxlen=1.5),
    lambda: deque([1], maxlen="3"),
    lambda: deque([1], maxlen=2**70),
    lambda: deque([1], maxlen=-2**70),
    lambda: deque(maxlen=-1),
    lambda: deque(5),
    lambda: deque(None),
    # Arguments of the methods.
    lambda: d.append(),
    lambda: d.append(1, 2),
    lambda: d.appendleft(x=1),
    lambda: d.pop(1),
    lambda: d.popleft(x=1),
    lambda: d.clear(1),
    lambda: d.copy(1),
    lambda: d.count(),
    lambda: d.extend(),
    lambda: d.extend(5),
    lambda: d.extendleft(1, 2),
    lambda: d.extendleft(None),
    lambda: d.index(),
    lambda: d.index(1, 2, 3, 4),
    lambda: d.index(1, start=1),
    lambda: d.index(1, "a"),
    lambda: d.index(1, 0, 2.0),
    lambda: d.insert(1),
    lambda: d.insert(1, 2, 3),
    lambda: d.insert("a", 1),
    lambda: d.insert(2**70, 1),
    lambda: d.remove(),
    lambda: d.reverse(1),
    lambda: d.rotate(1, 2),
    lambda: d.rotate(n=1),
    lambda: d.rotate("a"),
    lambda: d.rotate(1.0),
    lambda: d.rotate(2**70),
    lambda: deque.append(),
    lambda: deque.append(1, 2),
    lambda: deque.pop([]),
    lambda: deque.popleft(),
    # Empty, full and missing.
    lambda: deque().pop(),
    lambda: deque().popleft(),
    lambda: deque([1, 2, 3], maxlen=3).insert(0, 1),
    lambda: deque(maxlen=0).insert(0, 1),
    lambda: deque([1]).remove(7),
    lambda: deque([1, "a"]).remove("b"),
    lambda: deque([1]).index(7),
    lambda: deque([1, 2, 3]).index(1, 1),
    lambda: deque([1, 2, 3]).index(3, 0, 2),
    lambda: deque([1, 2, 3]).index(3, 5),
    # Indexing.
    lambda: d[3],
    lambda: d[-4],
    lambda: deque()[0],
    lambda: d["a"],
    lambda: d[1:2],
    lambda: d[1.0],
    lambda: d[2**70],
    lambda: d[None],
    set_maxlen,
    del_maxlen,
    del_slice,
    set_slice,
    set_str,
    set_out,
    del_out,
    # Operators.
    lambda: deque([1]) + [1],
    lambda: deque() + 1,
    lambda: [1] + deque(),
    lambda: 1 + deque(),
    lambda: deque([1]) * "a",
    lambda: "a" * deque([1]),
    lambda: deque() * 2**70,
    lambda: deque([1]) * 2**70,
    lambda: deque() * 1.5,
    lambda: deque() - deque(),
    lambda: -deque(),
    lambda: deque([1]) < [1],
    lambda: deque("abc") > "ab",
    lambda: deque([1]) < deque(["a"]),
    lambda: deque([None]) >= deque([None]),
    lambda: hash(deque()),
    lambda: {deque(): 1},
    lambda: {deque()},
    lambda: d.foo,
    lambda: len(iter(deque())),
    lambda: 1 in 5,
]
for case in cases:
    show(case)


def iadd_int():
    e = deque()
    e += 5
    return e


def imul_str():
    e = deque([1])
    e *= "a"
    return e


def imul_big():
    e = deque([1])
    e *= 2**70
    return e


for case in [iadd_int, imul_str, imul_big]:
    show(case)
d = deque([1, 2, 3])
try:
    for x in d:
        d.append(x)
except RuntimeError as e:
    print("RuntimeError:", e)
print(d)
d.pop()
