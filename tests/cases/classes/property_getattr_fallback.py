# A property whose getter raises AttributeError falls back to the class's __getattr__, as
# CPython's attribute lookup does; other exceptions from the getter propagate unchanged.


class C:
    def __init__(self):
        self.calls = []

    @property
    def missing(self):
        self.calls.append("getter missing")
        raise AttributeError("inner")

    @property
    def good(self):
        return "good value"

    @property
    def broken(self):
        raise ValueError("broken getter")

    @property
    def chained(self):
        return self.nothing_here

    def __getattr__(self, name):
        self.calls.append("__getattr__ " + name)
        if name.startswith("no_"):
            raise AttributeError(f"__getattr__ refuses {name}")
        return "fallback for " + name


c = C()
print(c.missing)
print(getattr(c, "missing"))
print(getattr(c, "missing", "default"))
print(hasattr(c, "missing"))
print("{0.missing}".format(c))
print(f"{c.missing}")
print(c.good, getattr(c, "good"), hasattr(c, "good"), "{0.good}".format(c))
print(c.chained)
print(c.calls)

# Non-AttributeError exceptions from the getter propagate.
for get in (lambda: c.broken, lambda: getattr(c, "broken"), lambda: getattr(c, "broken", 1),
            lambda: hasattr(c, "broken"), lambda: "{0.broken}".format(c)):
    try:
        get()
    except ValueError as e:
        print("ValueError:", e, e.__context__)


# An AttributeError raised by __getattr__ itself propagates (with no context).
class D:
    @property
    def no_way(self):
        raise AttributeError("from the getter")

    def __getattr__(self, name):
        raise AttributeError(f"__getattr__ says no to {name}")


d = D()
try:
    d.no_way
except AttributeError as e:
    print("AttributeError:", e, repr(e.__context__))
print(getattr(d, "no_way", "dflt"), hasattr(d, "no_way"))
try:
    "{0.no_way}".format(d)
except AttributeError as e:
    print("format:", e)


# A property without a getter also falls back.
class E:
    x = property(None, lambda self, v: None)

    def __getattr__(self, name):
        return "E fallback " + name


print(E().x)


# Without __getattr__, the getter's AttributeError propagates as before.
class F:
    @property
    def p(self):
        raise AttributeError("F.p fails")


print(hasattr(F(), "p"), getattr(F(), "p", "F default"))
try:
    F().p
except AttributeError as e:
    print("F:", e)


# Inherited __getattr__ and property, and a subclass of a builtin type.
class G(C):
    pass


g = G()
print(g.missing, g.calls)


class L(list):
    @property
    def head(self):
        if not self:
            raise AttributeError("empty")
        return self[0]

    def __getattr__(self, name):
        return "L fallback " + name


print(L([1, 2]).head, L().head)

# The uncaught error from __getattr__ at the end.
d.no_way
