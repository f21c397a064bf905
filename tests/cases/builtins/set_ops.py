# Set algebra and methods on small ints (their iteration order is deterministic).
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print({1, 2} <= a, {1, 2} < a, a < a, a <= a, a >= {1}, a > {9})
print({1, 2}.issubset(a), a.issuperset({1, 2}), a.isdisjoint({7, 8}), a.isdisjoint(b))
s = set()
s.add(3); s.add(1); s.add(3)
print(s, len(s))
s.discard(1); s.discard(100)
print(s)
s.update([5, 6], {7})
print(sorted(s))
s.remove(5)
print(sorted(s), 6 in s, 5 in s, 5 not in s)
c = a.copy()
c.clear()
print(c, a)
popped = {42}.pop()
print(popped)
print(set([1, 1, 2]), {x % 3 for x in range(10)}, set(range(5)) - {0, 4})
print(sorted({-5, 10, 3, -1, 7}), {1, 2} == {2, 1}, {1} != {1, 2})
t = {1, 2, 3}
t |= {4}; t &= {1, 2, 4}; t -= {1}; t ^= {9}
print(sorted(t))
for thunk in (lambda: {1}.remove(2), lambda: set().pop(), lambda: {1} + {2}, lambda: {[1]}):
    try:
        print(thunk())
    except (KeyError, TypeError) as e:
        print(type(e).__name__, e)
