# Counter's multiset operators, comparisons and orderings (ties, unorderable counts).
from collections import Counter

a = Counter(x=3, y=1, z=-2, w=0)
b = Counter(y=4, v=2, z=-5, u=-1)
print(a + b, a - b, b - a, a | b, b | a, a & b, b & a)
print(+a, -a, +Counter(), -Counter())
print(a == a.copy(), a != b, a < b, a <= b, a > b, a >= b, Counter(p=1) < Counter(p=1, q=2))
print(Counter(p=2, q=1) > Counter(p=1), Counter(p=2) >= Counter(p=2, q=0), Counter() == Counter(k=0))
print(a == {'x': 3, 'y': 1, 'z': -2, 'w': 0}, a != {'x': 3}, Counter(a=1).__eq__({}), Counter(a=1).__add__(5))
ties = Counter("bdacbdca")
print(ties.most_common(), ties.most_common(1), ties.most_common(2), ties.most_common(10), Counter().most_common(1))
print(ties.most_common(True), ties.most_common(False), Counter(a=1).most_common(1.0))
print(sorted(Counter(a=2, b=0, c=-1, d=1).elements()), Counter(a=2).elements().__class__.__name__)
c = Counter("aab")
c.update(Counter(a=1, n=4))
c.update({'b': 10}, b=1, m=2)
c.subtract({'a': 1, 'q': 2})
c.subtract("nn")
print(c, c.total())
d = Counter(a=1, b=5)
d |= Counter(a=4, b=2, c=0, e=3)
print(d)
d &= Counter(a=2, b=9, e=1)
print(d)
d -= Counter(a=2)
print(d)
d += Counter(z=0, y=-1)
print(d)
mixed = Counter({'s': 'xx', 'n': 'yy'})
print(repr(mixed))
mixed2 = Counter({'s': 1, 't': 'a'})
print(repr(mixed2))
try:
    mixed2.most_common()
except TypeError as e:
    print("TypeError:", e)
class Bag(Counter):
    pass
bag = Bag("zzy")
print(bag, bag + bag, type(bag + bag).__name__, type(-bag).__name__, type(bag.copy()).__name__, Bag())
print(Counter(['a', 'b', 'a']) == Counter({'a': 2, 'b': 1}), Counter(a=1, b=2).total(), Counter(x=0.5, y=0.25).total())
del bag['missing']
del bag['z']
print(bag, bag['z'], 'z' in bag)
for bad in [lambda: Counter(5), lambda: Counter().update(3), lambda: Counter(a=1) + {'a': 1}]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print(Counter(a=1) < {'a': 2} if False else "", Counter.__name__, Counter.__qualname__, Counter.__module__)
