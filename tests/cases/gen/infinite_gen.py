# Infinite generators are fine as long as the consumer stops.
def naturals():
    n = 0
    while True:
        yield n
        n += 1

def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out

print(take(10, naturals()))
print(take(15, fibonacci()))
fib = fibonacci()
for _ in range(100):
    value = next(fib)
print("fib(99) =", value)
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1
print(take(12, primes()))
evens = (n for n in naturals() if n % 2 == 0)
print([next(evens) for _ in range(5)])
def cycle(items):
    while True:
        yield from items
c = cycle("ab")
print("".join(next(c) for _ in range(7)))
