class Animal:
    """An animal."""
    kind = "animal"

    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound

    def speak(self):
        return f"{self.name} says {self.sound}"

    def __repr__(self):
        return f"Animal({self.name!r})"

    @classmethod
    def create(cls, name):
        return cls(name)

    @staticmethod
    def helper(x):
        return x * 2

    @property
    def loud(self):
        return self.sound.upper()

    @loud.setter
    def loud(self, v):
        self.sound = v.lower()


class Dog(Animal):
    def __init__(self, name):
        super().__init__(name, "woof")

    def speak(self):
        return "Dog: " + super().speak()


a = Animal("cat", "meow")
d = Dog("rex")
print(a.speak(), d.speak())
print(a, [a, d], {"k": d})
print(repr(a), str(d), f"{a}", f"{d!r:>20}")
print(Animal.kind, d.kind, Dog.__name__, Dog.__qualname__, Dog.__module__, Animal.__doc__, Dog.__doc__)
print(Dog.__mro__)
print(isinstance(d, Animal), isinstance(a, Dog), issubclass(Dog, Animal), type(d) is Dog, d.__class__.__name__)
print(Animal.create("x"), Dog.create("y"), Animal.helper(21), a.helper(2))
print(a.loud)
a.loud = "HISS"
print(a.sound, a.loud)
print(hasattr(a, "loud"), hasattr(a, "nope"), getattr(a, "nope", 5), getattr(a, "loud"))
print(vars(a) if False else a.__dict__)
class E(ValueError):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise E(42)
except ValueError as e:
    print(type(e).__name__, e, e.code, e.args)

class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print([k.__name__ for k in D.__mro__])
try:
    class X(A, B): pass
except TypeError as e:
    print(e)
def outer():
    v = 10
    class Inner:
        w = v + 1
        def get(self):
            return v
    return Inner
I = outer()
print(I.w, I().get(), I.__qualname__)
try:
    Animal()
except TypeError as e:
    print(e)
try:
    A(1)
except TypeError as e:
    print(e)
try:
    a.missing
except AttributeError as e:
    print(e)
raise E(7)
