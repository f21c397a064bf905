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
