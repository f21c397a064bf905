# Builtin methods the inner loop runs in place: list.append/pop, deque.append/popleft,
# generator.send, with their usual arguments and the unusual ones.
from collections import deque

l = []
for i in range(5):
    l.append(i * i)
print(l, l.pop(), l.pop(), l)
while l:
    print("popped", l.pop())
try:
    l.pop()
except IndexError as e:
    print("IndexError:", e)
try:
    l.append()
except TypeError as e:
    print("TypeError:", e)
try:
    l.append(1, 2)
except TypeError as e:
    print("TypeError:", e)
l.append(7)
l.append(8)
print(l.pop(0), l)

d = deque(maxlen=3)
for i in range(5):
    d.append(i)
print(d, d.popleft(), d)
while d:
    print("popleft", d.popleft())
try:
    d.popleft()
except IndexError as e:
    print("IndexError:", e)


class Stack(list):
    pass


s = Stack()
s.append(1)
s.append(2)
print(s, s.pop(), type(s).__name__)


class Loud(list):
    def append(self, x):
        print("append", x)
        super().append(x)


q = Loud()
q.append(3)
print(q)


def echo():
    got = None
    while True:
        got = yield got
        if got == "stop":
            return "done"


g = echo()
try:
    g.send(1)
except TypeError as e:
    print("TypeError:", e)
print(g.send(None), g.send(2), g.send("x"))
try:
    g.send("stop")
except StopIteration as e:
    print("StopIteration", e.value)
try:
    g.send(3)
except StopIteration as e:
    print("StopIteration again", e.value)
try:
    g.send()
except TypeError as e:
    print("TypeError:", e)


def running():
    yield me.send(None)


me = running()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)
