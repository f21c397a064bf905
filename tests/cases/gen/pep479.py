# PEP 479: a StopIteration escaping a generator body becomes RuntimeError.
def leaky():
    yield 1
    raise StopIteration("leaked")

g = leaky()
print(next(g))
try:
    next(g)
except RuntimeError as e:
    print(type(e).__name__, e)
    print("cause:", repr(e.__cause__), e.__cause__ is e.__context__)

def unguarded_next():
    it = iter([])
    yield next(it)
try:
    list(unguarded_next())
except RuntimeError as e:
    print(type(e).__name__, e, repr(e.__cause__))

def guarded():
    it = iter([1])
    while True:
        try:
            value = next(it)
        except StopIteration:
            return "clean end"
        yield value
print(list(guarded()))

def plain_function():
    raise StopIteration("fine outside generators")
try:
    plain_function()
except StopIteration as e:
    print("plain function:", e)

def uncaught():
    yield "first"
    next(iter(()))
u = uncaught()
print(next(u))
next(u)
