from collections import Counter
c = Counter('abracadabra')
print(c, c['a'], c['zz'], len(c), c.most_common(2), c.most_common(), c.total())
print(sorted(c.elements()), list(Counter(a=2, b=1).elements()))
c.update('aaz')
print(c)
c.update({'q': 3})
c.subtract(a=10)
print(c, repr(c))
print(Counter({'x': 3, 'y': 1}) + Counter(x=1, z=2), Counter(a=3) - Counter(a=1, b=2))
print(Counter(a=3, b=1) & Counter(a=1, b=2), Counter(a=3, b=1) | Counter(a=1, b=2))
print(+Counter(a=1, b=-2, c=0), -Counter(a=1, b=-2))
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == {'a': 1}, Counter(a=1) != Counter(a=2))
print(Counter(a=1) <= Counter(a=2), Counter(a=3) < Counter(a=2), isinstance(c, dict), type(c).__name__)
d = Counter()
print(d, bool(d), Counter(), dict(Counter(b=2)))
d['x'] += 1
d['x'] += 1
del d['nope']
print(d, d.copy(), type(d.copy()).__name__, list(d.keys()), list(d.items()))
e = Counter(a=1)
e += Counter(a=2, b=-1)
print(e)
e -= Counter(a=5)
print(e)
words = "the quick brown fox jumps over the lazy dog the end".split()
wc = Counter(words)
for w, n in wc.most_common(3):
    print(w, n)
print(Counter([1, 1, 2]).most_common(0), Counter([1, 2, 2]).most_common(-1))
try:
    Counter.fromkeys('abc')
except NotImplementedError as ex:
    print("NotImplementedError:", ex)
try:
    Counter(1, 2)
except TypeError as ex:
    print("TypeError:", ex)
print(Counter.__mro__)
class MyC(Counter):
    pass
print(MyC('aab'), MyC('aab').copy())
