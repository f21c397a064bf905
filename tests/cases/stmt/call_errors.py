# CPython's TypeError messages for calls that do not match the parameters.
def attempt(thunk):
    try:
        thunk()
        print("no error")
    except TypeError as e:
        print(e)

def f(a, b):
    pass
def g(a, b, c):
    pass
def h():
    pass
def opt(a, b=1):
    pass
def one(a):
    pass
def kw(a, *, b):
    pass
def star(a, *args):
    pass

attempt(lambda: f(1))
attempt(lambda: f())
attempt(lambda: g())
attempt(lambda: g(1))
attempt(lambda: f(1, 2, 3))
attempt(lambda: h(1))
attempt(lambda: h(1, 2))
attempt(lambda: one(1, 2))
attempt(lambda: opt())
attempt(lambda: opt(1, 2, 3))
attempt(lambda: opt(1, 2, 3, 4))
attempt(lambda: f(1, 2, z=3))
attempt(lambda: f(1, b=2, a=3))
attempt(lambda: f(1, a=1))
attempt(lambda: h(x=1))
attempt(lambda: kw(1))
attempt(lambda: kw(1, 2))
attempt(lambda: kw(1, 2, b=3))
attempt(lambda: star())
attempt(lambda: star(a=1, b=2))
attempt(lambda: f(**{"a": 1, "c": 2}))
attempt(lambda: f(*[1, 2, 3, 4]))
attempt(lambda: (lambda x: x)())
attempt(lambda: f(1, **{"b": 2}))
