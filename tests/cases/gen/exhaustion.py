# Once exhausted, a generator stays exhausted; finally runs at exhaustion.
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("  finally at exhaustion")
g = gen()
print(list(g))
print(list(g), next(g, "still exhausted"))
g.close()
h = gen()
print(next(h), next(h))
print(next(h, "end"))
print(next(h, "end again"))
def raises_midway():
    yield 1
    raise KeyError("midway")
    yield 2
r = raises_midway()
print(next(r))
try:
    next(r)
except KeyError as e:
    print("error", e)
print(next(r, "exhausted after an error"))
