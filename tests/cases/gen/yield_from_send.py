# send() through `yield from` reaches the innermost generator directly.
def inner():
    while True:
        received = yield "inner ready"
        print("  inner got", received)
        if received == "quit":
            return "inner done"

def middle():
    result = yield from inner()
    print("  middle got inner's result:", result)
    received = yield "middle ready"
    print("  middle got", received)

def outer():
    yield from middle()
    yield "outer last"

g = outer()
print(next(g))
print(g.send("one"))
print(g.send(2))
print(g.send("quit"))
print(g.send("to middle"))
print(next(g, "exhausted"))
