# `yield` is an expression: its value is what the next send() passes in.
def echo():
    received = "nothing yet"
    while True:
        received = yield f"last received: {received}"
        if received == "stop":
            return "stopped"

g = echo()
print(next(g))
print(g.send("hello"))
print(g.send(42))
print(next(g))
try:
    g.send("stop")
except StopIteration as e:
    print("returned", e.value)

def pairs():
    a = yield
    b = yield
    yield (a, b)
p = pairs()
next(p)
p.send("first")
print(p.send("second"))

def arithmetic():
    total = (yield 1) + (yield 2)
    yield total
a = arithmetic()
print(next(a), a.send(10), a.send(20))

def in_call():
    print("printed:", (yield "yielding inside a call"))
    yield "done"
c = in_call()
print(next(c))
print(c.send("sent value"))

def yield_in_list():
    values = [(yield "first"), (yield "second")]
    yield values
l = yield_in_list()
print(next(l), l.send("A"), l.send("B"))

def bare_yield():
    yield
    yield
print(list(bare_yield()))
