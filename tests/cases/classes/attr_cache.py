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

Bad()
