# Class attribute lookups are cached by the VM: every change to a class (or to a base class)
# must be seen by the next lookup, through instances, subclasses and bound methods.


class Base:
    kind = "base"

    def hello(self):
        return "Base.hello"


class Mid(Base):
    pass


class Leaf(Mid):
    pass


leaf = Leaf()
for _ in range(3):
    print(leaf.kind, leaf.hello())

# A new attribute on a class between the leaf and the base shadows the base's.
Mid.kind = "mid"
Mid.hello = lambda self: "Mid.hello"
print(leaf.kind, leaf.hello())

# Replacing a value in place.
Base.kind = "base2"
print(Base().kind, leaf.kind)

# Deleting reveals the base's attribute again.
del Mid.kind
del Mid.hello
print(leaf.kind, leaf.hello())

# setattr/delattr on a class.
setattr(Leaf, "hello", lambda self: "Leaf.hello")
print(leaf.hello())
delattr(Leaf, "hello")
print(leaf.hello())

# An instance attribute shadows a method only for that instance.
other = Leaf()
leaf.hello = lambda: "instance"
print(leaf.hello(), other.hello())
del leaf.hello
print(leaf.hello())

# A missing attribute, then defined, then removed again.
for step in range(3):
    if step == 1:
        Base.late = step
    if step == 2:
        del Base.late
    try:
        print("late", leaf.late)
    except AttributeError as e:
        print("AttributeError:", e)

# Methods looked up in a loop while the class changes underneath.
class Counter:
    def bump(self):
        return 1


c = Counter()
total = 0
for i in range(6):
    if i == 3:
        Counter.bump = lambda self: 10
    total += c.bump()
print(total)


# Classes made in a loop: each one's lookups are its own.
def make(n):
    class K:
        def value(self):
            return n

    return K()


print([make(i).value() for i in range(5)])


# __init__ that returns something other than None, and a generator __init__.
class Bad:
    def __init__(self):
        return 42


class GenInit:
    def __init__(self):
        yield


for cls in (Bad, GenInit):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)


class KwInit:
    def __init__(self, a, b=2, *rest, c, **kw):
        self.parts = (a, b, rest, c, kw)


print(KwInit(1, c=3).parts, KwInit(1, 2, 3, 4, c=5, d=6).parts)
try:
    KwInit(1)
except TypeError as e:
    print("TypeError:", e)


# Instance attributes read and written at one site for objects of several classes, with
# attributes added in different orders, deleted and re-added.
class P:
    def __init__(self):
        self.a = 1
        self.b = 2


class Q:
    def __init__(self):
        self.b = 20
        self.a = 10


def read_b(o):
    return o.b


def write_b(o, v):
    o.b = v


objs = [P(), Q(), P(), Q()]
for o in objs:
    write_b(o, read_b(o) + 1)
print([read_b(o) for o in objs])
p = objs[0]
del p.a
p.a = 5
write_b(p, 7)
print(p.__dict__, read_b(p))
del p.b
try:
    read_b(p)
except AttributeError as e:
    print("AttributeError:", e)
write_b(p, 8)
print(p.__dict__)

# A property added to the class after instances cached the plain attribute wins from then on.
print(read_b(objs[2]))
P.b = property(lambda self: "from property")
print(read_b(objs[2]))
try:
    write_b(objs[2], 1)
except AttributeError as e:
    print("AttributeError:", e)
del P.b
print(read_b(objs[2]))

# Writing through __dict__ is seen by cached reads.
q = objs[1]
print(read_b(q))
q.__dict__["b"] = "via dict"
print(read_b(q))
q.__dict__.clear()
q.__dict__["b"] = "again"
print(read_b(q), q.__dict__)

# Dunder names in an instance dict do not shadow __class__ and __dict__.
q.__dict__["__class__"] = "not a class"
print(q.__class__.__name__, type(q).__name__)

Bad()
