# Method calls and instantiation take cached paths in the VM once a call site has seen a class:
# every way an instance's own dict can come to hold a method's name, and every way a class can
# stop being "plain" to instantiate, must still be seen at the next call.


class Greeter:
    def __init__(self, name):
        self.name = name

    def hello(self):
        return "hello " + self.name


def call_all(objs):
    return [o.hello() for o in objs]


a, b = Greeter("a"), Greeter("b")
print(call_all([a, b]))

# Shadowing through attribute assignment, setattr with a name built at run time (an equal
# string that is not the same object as the name in the code), and the instance's __dict__.
a.hello = lambda: "own a"
print(call_all([a, b]))
setattr(b, "".join(["hel", "lo"]), lambda: "own b")
print(call_all([a, b]))
del a.hello
b.__dict__.pop("hello")
print(call_all([a, b]))
a.__dict__["hel" + "lo"] = lambda: "dict a"
print(call_all([a, b]))
a.__dict__.clear()
try:
    print(call_all([a, b]))
except AttributeError as e:
    print("AttributeError:", e)
a.name = "a again"
print(call_all([a, b]))

# Many attributes on one instance, none of them the method.
c = Greeter("c")
for i in range(40):
    setattr(c, "attr%d" % i, i)
print(c.hello(), c.attr39)
c.hello = lambda: "shadowed after 40 others"
print(c.hello())


# Instantiation: Python __init__ with exactly the arguments, and every other shape.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


print([Point(i, -i) for i in range(3)])


class WithDefault:
    def __init__(self, x, y=10):
        self.total = x + y


print(WithDefault(1).total, WithDefault(1, 2).total)


class Inherits(Point):
    pass


print(Inherits(5, 6))


class ReturnsValue:
    def __init__(self, flag):
        if flag:
            return 42


print(type(ReturnsValue(False)).__name__)
try:
    ReturnsValue(True)
except TypeError as e:
    print("TypeError:", e)


class NoInit:
    pass


try:
    NoInit(1)
except TypeError as e:
    print("TypeError:", e)
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)


class Raises:
    def __init__(self, x):
        raise ValueError("bad %s" % x)


try:
    Raises("input")
except ValueError as e:
    print("ValueError:", e)


# A class whose __init__ changes (or gains a __new__) between calls at the same site.
class Shape:
    def __init__(self, n):
        self.n = n


def make_all(n):
    return [Shape(i) for i in range(n)]


print([s.n for s in make_all(3)])
Shape.__init__ = lambda self, n: setattr(self, "n", n * 100)
print([s.n for s in make_all(3)])
del Shape.__init__
try:
    make_all(1)
except TypeError as e:
    print("TypeError:", e)


Shape.__init__ = lambda self, n: None
print([hasattr(s, "n") for s in make_all(2)])


# __init__ recursing through instantiation reaches the recursion limit cleanly.
class Nest:
    def __init__(self, depth):
        self.child = Nest(depth + 1)


try:
    Nest(0)
except RecursionError as e:
    print("RecursionError:", e)
