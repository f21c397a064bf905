# Method resolution order, cooperative super(), attribute shadowing and late changes.
class Base:
    def __init__(self):
        self.log = ["Base"]

    def who(self):
        return "Base"

    def chain(self):
        return ["Base"]


class Left(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Left")

    def chain(self):
        return ["Left"] + super().chain()


class Right(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Right")

    def who(self):
        return "Right"

    def chain(self):
        return ["Right"] + super().chain()


class Child(Left, Right):
    def __init__(self):
        super().__init__()
        self.log.append("Child")

    def chain(self):
        return ["Child"] + super().chain()


c = Child()
print([k.__name__ for k in Child.__mro__])
print(c.log, c.chain(), c.who())
print(Child.__bases__[0].__name__, Child.__base__.__name__, len(Child.__bases__))
print(isinstance(c, (int, Right)), issubclass(Child, (str, Base)), issubclass(Base, Child))
print(super(Left, c).who(), super(Child, c).chain())


# Class attributes: shared, shadowed per instance, changed later.
class Counter:
    count = 0
    tags = []

    def bump(self):
        Counter.count += 1
        self.tags.append(Counter.count)
        return self


a, b = Counter(), Counter()
a.bump().bump()
b.bump()
print(Counter.count, a.count, b.tags is a.tags, a.tags)
a.count = 100
print(a.count, b.count, Counter.count)
del a.count
print(a.count)


# A method replaced on the class, and shadowed on one instance, after calls were made.
class Greeter:
    def hello(self):
        return "hello"


g, h = Greeter(), Greeter()
for _ in range(3):
    print(g.hello(), end=" ")
print()
Greeter.hello = lambda self: "HELLO"
print(g.hello(), h.hello())
g.hello = lambda: "instance hello"
print(g.hello(), h.hello())
del g.hello
print(g.hello())


# Nested classes and qualified names.
class Outer:
    class Inner:
        class Deepest:
            pass

        def method(self):
            pass


print(Outer.Inner.__qualname__, Outer.Inner.Deepest.__qualname__, Outer.Inner.method.__qualname__)
print(Outer.Inner.Deepest.__name__, Outer.__module__)


# super() in a class method and in a nested function inside a method.
class P:
    @classmethod
    def make(cls):
        return f"P.make({cls.__name__})"


class Q(P):
    @classmethod
    def make(cls):
        return "Q+" + super().make()

    def later(self):
        def inner():
            return __class__.__name__
        return inner()


print(Q.make(), Q().later())


# Decorators on classes and methods.
def register(cls):
    cls.registered = True
    return cls


def twice(f):
    def wrapper(*args):
        return f(*args) * 2
    return wrapper


@register
class R:
    @twice
    def value(self):
        return 21


print(R.registered, R().value())
