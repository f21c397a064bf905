# property, classmethod, staticmethod and __getattr__.
class Temperature:
    scale = "C"

    def __init__(self, c):
        self._c = c

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v

    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @classmethod
    def freezing(cls):
        return cls(0)

    @classmethod
    def describe(cls):
        return f"{cls.__name__} in {cls.scale}"

    @staticmethod
    def convert(c):
        return c * 9 / 5 + 32


t = Temperature(100)
print(t.celsius, t.fahrenheit)
t.celsius = 37
print(t.celsius, round(t.fahrenheit, 1))
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print("AttributeError:", e)
del t.celsius
try:
    t.celsius
except AttributeError as e:
    print("AttributeError:", e)
try:
    del t.fahrenheit
except AttributeError as e:
    print("AttributeError:", e)
print(Temperature.freezing().celsius, t.freezing().celsius, Temperature.describe(), t.describe())
print(Temperature.convert(100), t.convert(0))
print(type(Temperature.__dict__["celsius"]).__name__, Temperature.celsius.fget.__name__)
print(isinstance(Temperature.__dict__["freezing"], classmethod), isinstance(Temperature.__dict__["convert"], staticmethod))


class Hot(Temperature):
    scale = "K"


print(Hot.describe(), Hot.freezing().__class__.__name__)


class Proxy:
    def __init__(self, target):
        self.target = target
        self.hits = 0

    def __getattr__(self, name):
        self.hits += 1
        if name.startswith("secret"):
            raise AttributeError(f"no access to {name}")
        return getattr(self.target, name)


p = Proxy(t)
print(p.scale, p.describe(), p.hits, p.target is t)
print(hasattr(p, "secret_key"), getattr(p, "secret_key", "default"), hasattr(p, "scale"))
try:
    p.secret_x
except AttributeError as e:
    print("AttributeError:", e)
print(p.hits)

# A property without a getter, and property() called directly.
class W:
    def _set(self, v):
        self.v = v

    only_set = property(None, _set)
    plain = property(lambda self: 42, doc="the answer")


w = W()
w.only_set = 5
print(w.v, w.plain, W.plain.__doc__)
try:
    w.only_set
except AttributeError as e:
    print("AttributeError:", e)

# setattr/delattr/getattr/hasattr go through properties too.
t2 = Temperature(10)
setattr(t2, "celsius", 20)
print(getattr(t2, "celsius"), "celsius" in t2.__dict__, t2.__dict__)
try:
    setattr(t2, "celsius", -500)
except ValueError as e:
    print("ValueError:", e)
delattr(t2, "celsius")
print(hasattr(t2, "celsius"), getattr(t2, "celsius", "gone"))
try:
    setattr(t2, "fahrenheit", 1)
except AttributeError as e:
    print("AttributeError:", e)
