# The with statement: __enter__/__exit__, exceptions swallowed or not, return/break/continue.


class Managed:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, typ, exc, tb):
        print("exit", self.name, typ.__name__ if typ else None, exc, tb is None, type(tb).__name__)
        return self.swallow


with Managed("a") as x:
    print("body", x)

with Managed("b", swallow=True):
    raise ValueError("swallowed")
print("after b")

try:
    with Managed("c"):
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))

with Managed("outer") as o, Managed("inner") as i:
    print("both", o, i)


def early(n):
    with Managed("f"):
        if n:
            return "returned " + str(n)
        print("fell through")
    return "end"


print(early(1), early(0))

for k in range(3):
    with Managed(str(k)):
        if k == 0:
            continue
        if k == 2:
            break
        print("loop body", k)
print("after loop")


def gen():
    with Managed("gen"):
        yield 1
        yield 2


g = gen()
print(next(g))
g.close()
print(list(gen()))


class Suppress:
    def __init__(self, *types):
        self.types = types

    def __enter__(self):
        return self

    def __exit__(self, typ, exc, tb):
        return typ is not None and issubclass(typ, self.types)


with Suppress(ZeroDivisionError):
    print(1 / 0)
print("suppressed")
try:
    with Suppress(ZeroDivisionError):
        [][1]
except IndexError as e:
    print("not suppressed:", e)


class Failing:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        raise RuntimeError("exit failed")


try:
    with Failing():
        raise ValueError("body")
except RuntimeError as e:
    print(e, "context:", repr(e.__context__))

try:
    with Managed("x") as (a, b):
        pass
except ValueError as e:
    print("ValueError:", e)

for m in [object(), 5, Suppress]:
    try:
        with m:
            pass
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)


class EnterOnly:
    def __enter__(self):
        return 1


try:
    with EnterOnly():
        pass
except TypeError as e:
    print("TypeError:", e)

with Managed("last"):
    raise ValueError("uncaught")
