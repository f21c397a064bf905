# Generator objects: type, __name__ and repr (addresses normalised by the harness).
def simple():
    yield 1
def outer():
    def inner():
        yield 2
    return inner()
g = simple()
print(type(g))
print(simple.__name__, g.__name__)
print(repr(g))
print(g)
i = outer()
print(i.__name__, i)
print(str(g) == repr(g), g is iter(g), iter(g) is g)
lam = (lambda: (yield "from lambda"))()
print(lam.__name__, list(lam))
print(f"{g!r}")
print([g][0] is g)


# A generator takes the function's name as it is when called, not as it was defined.
def renamed():
    yield 1


before = renamed()
renamed.__name__ = "new_name"
renamed.__qualname__ = "Outer.new_name"
after = renamed()
print(before.__name__, before.__qualname__)
print(after.__name__, after.__qualname__, repr(after).split(" at ")[0])
