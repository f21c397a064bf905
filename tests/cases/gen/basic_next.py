# A generator function returns a generator; next() runs it to the next yield.
def count_to(n):
    print("  started")
    i = 1
    while i <= n:
        print("  about to yield", i)
        yield i
        print("  resumed after", i)
        i += 1
    print("  finishing")

g = count_to(2)
print("created, nothing ran yet")
print("got", next(g))
print("got", next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration, value =", e.value)
try:
    next(g)
except StopIteration:
    print("still exhausted")
h = count_to(1)
print(next(h))
next(h)
