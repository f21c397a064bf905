# throw() through `yield from` is delivered to the innermost generator first.
def inner(name):
    try:
        yield f"{name} step 1"
        yield f"{name} step 2"
    except ValueError as e:
        print(f"  {name} handled", e)
        yield f"{name} recovered"
    return f"{name} result"

def outer():
    r = yield from inner("A")
    print("  outer got", r)
    try:
        yield from inner("B")
    except KeyError as e:
        print("  outer handled", repr(e), "that B did not")
        yield "outer recovered"

g = outer()
print(next(g))
print(g.throw(ValueError("first")))
print(next(g))
print(g.throw(KeyError("second")))
print(next(g, "exhausted"))

def leaf():
    yield 1
def chain():
    try:
        yield from leaf()
    finally:
        print("  chain finally")
c = chain()
next(c)
try:
    c.throw(IndexError("unhandled everywhere"))
except IndexError as e:
    print("escaped:", e)
