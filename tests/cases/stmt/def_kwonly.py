# Keyword-only parameters after * and after *args.
def f(a, *, key, flag=False):
    return (a, key, flag)

print(f(1, key="k"), f(1, flag=True, key=2))
def g(*args, sep="-", end="!"):
    return sep.join(args) + end
print(g("a", "b"), g("a", "b", sep="+"), g(end="?"))
def attempt(thunk):
    try:
        print(thunk())
    except TypeError as e:
        print(type(e).__name__, e)
attempt(lambda: f(1))
attempt(lambda: f(1, 2))
attempt(lambda: f(1, 2, key=3))
attempt(lambda: f(key=1))
def h(*, a, b, c):
    return a + b + c
attempt(lambda: h())
attempt(lambda: h(a=1))
attempt(lambda: h(1, a=1, b=2, c=3))
print(h(c=1, b=2, a=3))
