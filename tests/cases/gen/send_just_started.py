# The first resume of a generator must be next() or send(None).
def gen():
    x = yield "ready"
    print("got", x)
    yield "after"

g = gen()
try:
    g.send("too early")
except TypeError as e:
    print(type(e).__name__, e)
print(g.send(None))
print(g.send("now fine"))
h = gen()
h.send(1)
