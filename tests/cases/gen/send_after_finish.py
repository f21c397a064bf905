# Sending to a finished generator raises StopIteration again, with value None.
def short():
    x = yield 1
    return x * 2
g = short()
next(g)
try:
    g.send(21)
except StopIteration as e:
    print("first stop:", e.value)
try:
    g.send(5)
except StopIteration as e:
    print("second stop:", e.value)
print(next(g, "default after exhaustion"))
for item in g:
    print("never", item)
print(list(g))
