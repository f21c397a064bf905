# A generator's return value travels in StopIteration.value.
def with_return():
    yield 1
    return "the result"
def bare_return():
    yield 1
    return
def falls_off():
    yield 1

for make in (with_return, bare_return, falls_off):
    g = make()
    next(g)
    try:
        next(g)
    except StopIteration as e:
        print(make.__name__, repr(e.value), e.args)

def returns_tuple():
    if False:
        yield
    return 1, 2
try:
    next(returns_tuple())
except StopIteration as e:
    print(e.value, e.args, repr(e))

def returns_none_explicitly():
    yield
    return None
g = returns_none_explicitly()
next(g)
try:
    next(g)
except StopIteration as e:
    print(e.value, e.args)

def drive(gen):
    values = []
    while True:
        try:
            values.append(next(gen))
        except StopIteration as stop:
            return values, stop.value
def countdown(n):
    while n:
        yield n
        n -= 1
    return "liftoff"
print(drive(countdown(3)))
print(list(countdown(2)), [x for x in countdown(2)])
print(StopIteration().value, StopIteration(7).value, StopIteration(1, 2).value)
