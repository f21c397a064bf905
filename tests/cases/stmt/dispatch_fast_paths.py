# The inner dispatch loop's fast cases next to the cases they hand to the general loop:
# each pair must behave the same.
import sys

# Arithmetic: int fast path, overflow into big ints, floats, mixed types, bools.
big = 2**62
print(big + big, big * 4, -big - big - big, 3 * 0.5, 1 + 2.5, True + True, 7 - True)
x = 9223372036854775807
x += 1
print(x, x - 1, type(x - 1).__name__)
f = 0.1
f += 0.2
print(f, 1.5 * 2, 2.0 - 0.5)
s = "ab"
s += "cd"
print(s, [1] + [2], (1,) * 2)

# Comparisons: ints fast, everything else general.
print(1 < 2, 2 <= 2, 3 > 4, 4 >= 5, 5 == 5, 5 != 5, 1 < 2.5, "a" < "b", 1 == 1.0, (1, 2) < (1, 3))
print(1 < 2 < 3, 3 > 2 > 2)

# Jumps on bools and on other truth values.
for v in [True, False, 0, 1, "", "x", [], [0], None, 0.0]:
    if v:
        print("t", end=" ")
    else:
        print("f", end=" ")
print()

# Locals: unbound after del, then rebound.
def rebinding():
    a = 1
    del a
    try:
        print(a)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    a = 2
    return a

print(rebinding())

# Globals: the cached store and load see deletion and re-creation.
counter = 0
for i in range(5):
    counter += i
    if i == 2:
        del counter
        counter = 100
print(counter)
def reads_global():
    return counter
print(reads_global())
del counter
try:
    reads_global()
except NameError as e:
    print("NameError:", e)
counter = -1
print(reads_global())
print = print  # shadow a builtin with a global; the cached load must follow
print("shadowed print still prints")

# Calls: plain functions, then the general cases beside them.
def add(a, b):
    return a + b

def defaults(a, b=10):
    return a + b

def star(*args):
    return len(args)

def closure():
    v = 5
    def inner(w):
        return v + w
    return inner

print(add(1, 2), defaults(1), defaults(1, 2), star(1, 2, 3), closure()(1), add(b=1, a=2))
try:
    add(1)
except TypeError as e:
    print("TypeError:", e)

# Recursion to the limit through simple calls.
def down(n):
    return 0 if n == 0 else 1 + down(n - 1)

print(down(500))
try:
    down(10**6)
except RecursionError as e:
    print("RecursionError:", e)
sys.setrecursionlimit(5000)
print(down(4000))

# for over ranges (positive, negative, empty steps) and over generators.
print([i for i in range(3)], [i for i in range(5, 0, -2)], [i for i in range(0)], list(range(2, 2)))
def gen(n):
    for i in range(n):
        yield i * i
    return "done"

total = 0
for v in gen(5):
    total += v
print(total)

# A generator resumed by for while it is already running.
def selfish():
    for _ in me:
        yield 1
    yield 2

me = selfish()
try:
    for _ in me:
        pass
except ValueError as e:
    print("ValueError:", e)

# A for loop over a generator that raises partway.
def failing():
    yield 1
    raise KeyError("k")

try:
    for v in failing():
        print("got", v)
except KeyError as e:
    print("KeyError:", e)

# Yield to next(), to send(), and to a for loop; then exhaustion.
def echo():
    got = None
    while True:
        got = yield got

e = echo()
print(next(e), e.send(1), e.send("two"), next(e))
e.close()
try:
    next(e)
except StopIteration:
    print("StopIteration after close")

# Deep call chains interleaved with generators, cleaned up by the collector.
def chain(n):
    if n == 0:
        return [x for x in gen(3)]
    return chain(n - 1)

print(chain(200))
junk = 0
for i in range(300000):
    cycle = [i]
    cycle.append(cycle)
    junk += len(cycle)
print(junk)
