# Generator functions take the same parameters as functions and can close over names.
def gen(a, b=2, *rest, key="k", **extra):
    yield a
    yield b
    yield rest
    yield key
    yield extra
print(list(gen(1)))
print(list(gen(1, 3, 4, 5, key="K", x=9)))
def make_gen(prefix):
    def inner(n):
        for i in range(n):
            yield f"{prefix}{i}"
    return inner
print(list(make_gen("item")(3)))
def counter_with_shared_state():
    state = {"count": 0}
    def g():
        while True:
            state["count"] += 1
            yield state["count"]
    return g(), g(), state
g1, g2, state = counter_with_shared_state()
print(next(g1), next(g2), next(g1), state)
def outer():
    value = "before"
    def reader():
        yield value
        yield value
    r = reader()
    first = next(r)
    value = "after"
    return first, next(r)
print(outer())
def nonlocal_gen():
    total = 0
    def adder():
        nonlocal total
        while True:
            total += yield total
    a = adder()
    next(a)
    a.send(5)
    a.send(7)
    return total
print(nonlocal_gen())
try:
    gen()
except TypeError as e:
    print(type(e).__name__, e)
