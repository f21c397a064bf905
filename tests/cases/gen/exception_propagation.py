# An exception raised inside a generator reaches whoever resumed it.
def faulty():
    yield 1
    yield 1 / 0
    yield 3

g = faulty()
print(next(g))
try:
    next(g)
except ZeroDivisionError as e:
    print("caught from generator:", e)
print(next(g, "generator is finished after raising"))

def consumer():
    total = 0
    try:
        for x in faulty():
            total += x
    except ZeroDivisionError:
        return f"stopped with total {total}"
print(consumer())

def checked(values):
    for v in values:
        if v < 0:
            raise ValueError(f"negative value {v}")
        yield v
print(list(checked([1, 2])))
print(sum(checked([3, 4, -5, 6])))
