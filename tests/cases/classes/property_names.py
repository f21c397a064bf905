# A property's error messages name it by the attribute a class statement bound it to.
class A:
    x = property(lambda s: 1)
    @property
    def y(self): return 2
    z = y.getter(lambda s: 3)
A.w = property(lambda s: 1)
A.v = A.y
for n in "xyzwv":
    try:
        setattr(A(), n, 1)
    except AttributeError as e:
        print(e)
p = property(lambda s: 1)
class B:
    q = p
class C:
    r = p
for o, n in ((B(), "q"), (C(), "r")):
    try:
        setattr(o, n, 1)
    except AttributeError as e:
        print(e)
class D:
    s = property()
try:
    D().s
except AttributeError as e:
    print(e)
