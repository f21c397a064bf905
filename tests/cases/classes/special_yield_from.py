# `yield from` and `for` over objects: __iter__ generators, iterator classes with send/throw/close.


class Future:
    def __init__(self):
        self.done = False
        self.result = None

    def __iter__(self):
        if not self.done:
            yield self
        return self.result


def waiter(fut):
    print("waiting")
    value = yield from fut
    print("got", value)
    return value * 2


fut = Future()
g = waiter(fut)
print(next(g) is fut)
fut.done, fut.result = True, 21
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)


class Echo:
    """An iterator class with the generator-like send/throw/close protocol."""

    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration("echo done")
        return f"next {self.n}"

    def send(self, v):
        print("Echo.send", v)
        return f"sent {v}"

    def throw(self, e):
        print("Echo.throw", type(e).__name__)
        raise StopIteration("recovered")

    def close(self):
        print("Echo.close")


def outer():
    r = yield from Echo()
    print("outer got", r)
    return r


g = outer()
print(next(g), g.send("x"), next(g))
try:
    g.throw(ValueError("boom"))
except StopIteration as e:
    print("stop", e.value)

g = outer()
print(next(g))
g.close()
print("closed")

g = outer()
print(list(g))


class Plain:
    def __init__(self, items):
        self.items = items

    def __iter__(self):
        return iter(self.items)


def delegate():
    yield from Plain([1, 2])
    yield from Echo()


print(list(delegate()))


class NoThrow:
    def __iter__(self):
        return self

    def __next__(self):
        return 1


def outer2():
    yield from NoThrow()


g = outer2()
next(g)
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("KeyError passed through", e)
