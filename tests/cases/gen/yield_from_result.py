# The value of `yield from sub()` is the subgenerator's return value.
def sub(n):
    total = 0
    for i in range(n):
        total += yield i
    return total

def outer():
    first = yield from sub(3)
    print("  first subtotal", first)
    second = yield from sub(2)
    print("  second subtotal", second)
    return first + second

g = outer()
print(next(g))
for value in (10, 20, 30, 1):
    print("sent", value, "->", g.send(value))
try:
    g.send(2)
except StopIteration as e:
    print("outer returned", e.value)

def empty_sub():
    return "immediate"
    yield
def uses_empty():
    r = yield from empty_sub()
    yield r
print(list(uses_empty()))

def averages():
    results = []
    for chunk in ([1, 2, 3], [10, 20]):
        results.append((yield from mean_of(chunk)))
    return results
def mean_of(values):
    for v in values:
        yield v
    return sum(values) / len(values)
gen = averages()
print(list(gen))
gen = averages()
try:
    while True:
        next(gen)
except StopIteration as e:
    print("averages:", e.value)
