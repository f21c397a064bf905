from collections import namedtuple
Point = namedtuple('Point', ['x', 'y'])
p = Point(1, 2)
print(p, p.x, p.y, p[0], p[-1], len(p), list(p), tuple(p), type(p).__name__)
x, y = p
print(x, y, p == (1, 2), (1, 2) == p, hash(p) == hash((1, 2)), isinstance(p, tuple), isinstance(p, Point))
print(Point._fields, Point._field_defaults, Point._make([3, 4]), p._asdict(), p._replace(x=10))
print(Point.__mro__, Point.__bases__, Point.__name__, Point.__module__, Point.__doc__)
print(Point(y=5, x=6), repr(p), str(p), f"{p}", [p], {p: 1}, {"k": p})
print(p + (3,), p * 2, p[:1], type(p[:1]).__name__, p.count(1), p.index(2), 1 in p)
P3 = namedtuple('P3', 'a, b c', defaults=[0, 9])
print(P3(1), P3(1, 2), P3(1, 2, 3), P3._field_defaults)
R = namedtuple('R', ['abc', 'def', 'abc', '_x'], rename=True)
print(R._fields, R(1, 2, 3, 4))
try:
    p.x = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.x
except AttributeError as e:
    print("AttributeError:", e)
try:
    print(p.q)
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.__dict__
except AttributeError as e:
    print("AttributeError:", e)

class Vec(namedtuple('Vec', 'x y')):
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

v = Vec(3, 4)
print(v, v.norm(), v + Vec(1, 1), Vec.__mro__, type(v + Vec(1,1)).__name__)
v.extra = 1
print(v.extra, v.__dict__)
class Vec2(namedtuple('Vec2', 'x y')):
    __slots__ = ()
    def __repr__(self):
        return f"<{self.x},{self.y}>"
w = Vec2(1, 2)
print(w, [w], w._replace(y=5))
try:
    w.extra = 1
except AttributeError as e:
    print("AttributeError:", e)
E = namedtuple('E', '')
print(E(), len(E()), E._fields)
print(sorted([Point(2, 1), Point(1, 2)]), max(Point(2, 1), Point(1, 2)))
d = {}
d[Point(1, 2)] = "a"
print(d[(1, 2)], (1, 2) in d, Point(1, 2) in {(1, 2)})
