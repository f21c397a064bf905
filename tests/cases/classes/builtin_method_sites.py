# One method call site used with lists, a list subclass overriding the method, deques,
# generators and an instance with a method of the same name (the inner loop's method cache).
from collections import deque
class L(list):
    def append(self, x):
        super().append(("wrapped", x))
def put(c, x):
    c.append(x)
    return c
for c in [[], L(), deque(), [], L(), deque()]:
    put(c, 1); put(c, 2)
    print(type(c).__name__, list(c))
def gen():
    x = yield 1
    yield x
g = gen(); print(g.send(None), g.send(5))
class G:
    def send(self, v): return ("G.send", v)
for s in [gen(), G(), gen()]:
    try:
        print(s.send(None))
    except TypeError as e:
        print("TypeError", e)
