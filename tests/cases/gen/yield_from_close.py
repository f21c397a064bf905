# close() through `yield from` closes the innermost generator first, then outward.
def level(n):
    try:
        if n == 0:
            yield "bottom"
        else:
            yield from level(n - 1)
    finally:
        print("  closing level", n)

g = level(3)
print(next(g))
g.close()
print(next(g, "all closed"))

def inner():
    try:
        yield 1
    except GeneratorExit:
        print("  inner saw GeneratorExit")
        raise
def outer():
    try:
        yield from inner()
    except GeneratorExit:
        print("  outer saw GeneratorExit")
        raise
o = outer()
next(o)
o.close()

def stubborn_inner():
    try:
        yield 1
    except GeneratorExit:
        yield "refuses"
def delegating():
    yield from stubborn_inner()
d = delegating()
next(d)
try:
    d.close()
except RuntimeError as e:
    print(type(e).__name__, e)
