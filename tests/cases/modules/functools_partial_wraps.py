import functools
from functools import partial, wraps, reduce, cmp_to_key


def power(base, exp, *, mod=None):
    "Raise base to exp."
    r = base**exp
    return r % mod if mod else r


square = partial(power, exp=2)
cube_mod = partial(power, exp=3, mod=10)
two_to = partial(power, 2)
print(square(5), cube_mod(7), two_to(10), two_to(3, mod=5))
print(square.func is power, square.args, square.keywords, repr(partial(power, 1, mod=3)).startswith("functools.partial(<function power at "))
p2 = partial(two_to, 5)
print(p2(), p2.func is power, p2.args, type(p2).__name__, callable(p2))
print(list(map(partial(power, exp=3), [1, 2, 3])))


def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print("calling", func.__name__, args)
        return func(*args, **kwargs)

    return wrapper


@logged
def add(a, b):
    """Add two numbers."""
    return a + b


print(add(2, 3), add.__name__, add.__doc__, add.__qualname__, add.__wrapped__.__name__)
print(sorted([5, 1, 4], key=cmp_to_key(lambda a, b: b - a)), reduce(lambda a, b: a * b, [1, 2, 3, 4]))
print(functools.WRAPPER_ASSIGNMENTS)
try:
    partial(5)
except TypeError as e:
    print("TypeError:", e)
