# A for loop drives a generator with next(); breaking leaves it suspended.
def numbers():
    for i in range(5):
        print("  yielding", i)
        yield i

for n in numbers():
    print("loop got", n)
g = numbers()
for n in g:
    if n == 1:
        print("break at", n)
        break
print("resume the same generator:")
for n in g:
    print("loop got", n)
else:
    print("loop else: generator exhausted")
for n in g:
    print("never")
def nested():
    for a in numbers():
        if a > 1:
            return
        for b in "xy":
            yield a, b
print(list(nested()))
total = 0
for i, value in enumerate(x * x for x in range(4)):
    total += i * value
print(total)
