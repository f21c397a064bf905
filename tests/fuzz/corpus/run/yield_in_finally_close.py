def f():
    try:
        yield 1
    finally:
        yield 2
g = f()
next(g)
g.close()
