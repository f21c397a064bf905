# A generator yielding 10M ints, summed by a for loop.
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


total = 0
for x in count(10_000_000):
    total += x
print(total)
