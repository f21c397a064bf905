# Exceptions whose args hold instances of user classes with __str__/__repr__: every way of
# turning the exception into text reaches the user methods.


class A:
    def __str__(self):
        return "A-str"

    def __repr__(self):
        return "A-repr"


class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"


class Plain:
    pass


a = A()

print(str(KeyError(a)))
print(str(ValueError(a)))
print(repr(ValueError(a)))
print(repr(KeyError(a)))
print(ValueError(a))
print(KeyError(a))
print(ValueError(OnlyRepr()))
print(str(IndexError(OnlyRepr())))

# Several args: str is the repr of the args tuple.
e = ValueError(a, 1)
print(str(e))
print(repr(e))
print(str(KeyError(a, "k")))
print(repr(ValueError(a, OnlyRepr(), "x")))
print(repr(ValueError()), repr(str(ValueError())))

# f-strings, %, str.format, format(), ascii().
print(f"{e} | {e!r} | {e!s} | {ValueError(a)}")
print(f"[{ValueError(a)!s:>10}]")
print("%s" % ValueError(a))
print("%r" % (ValueError(a),))
print("%s and %s" % (KeyError(a), ValueError(a, 2)))
print("{}".format(ValueError(a)))
print("{!r} {}".format(KeyError(a), TypeError(OnlyRepr())))
print("{0.args}".format(ValueError(a)))
print(format(ValueError(a)))
print(format(ValueError(a), ""))
print(ascii(ValueError(a)))

# args keep the objects themselves.
print(ValueError(a).args)
print(ValueError(a).args[0] is a)

# Nested containers.
print(ValueError([a]))
print(str(ValueError([a, {"k": a}])))
print(repr(ValueError((a,))))
print([ValueError(a)])
print({"e": KeyError(a)})
print(str((ValueError(a), 1)))
print(ValueError(ValueError(a)))
print(repr(ValueError(KeyError(a))))

# print with several args and sep.
print(ValueError(a), KeyError(a), sep=" / ")


# User exception subclasses.
class MyError(Exception):
    pass


class WithStr(Exception):
    def __str__(self):
        return "WithStr: " + str(self.args[0])


class WithRepr(Exception):
    def __repr__(self):
        return "WithRepr!"


print(MyError(a))
print(repr(MyError(a)))
print(WithStr(a))
print(repr(WithStr(a)))
print(WithRepr(a))
print(repr(WithRepr(a)))
print(f"{WithStr(a)} {WithRepr(a)!r} {MyError(a, a)!r}")

# Caught and converted in the handler.
try:
    raise KeyError(a)
except KeyError as exc:
    print("caught:", exc, repr(exc), exc.args)

try:
    {}[a]
except KeyError as exc:
    print("missing:", exc)

# Without a user method, the default repr still shows (addresses vary, so only its start).
print(str(ValueError(Plain())).startswith("<__main__.Plain object at 0x"))


# A user __str__ that raises propagates from str(), print() and f-strings.
class Bad:
    def __str__(self):
        raise RuntimeError("bad __str__")

    def __repr__(self):
        return "Bad()"


for f in (str, print, lambda x: f"{x}", lambda x: "%s" % x, "{}".format):
    try:
        f(ValueError(Bad()))
    except RuntimeError as exc:
        print("raised:", exc)
print(repr(ValueError(Bad())))
print(str(ValueError(Bad(), 1)))


class NotText:
    def __str__(self):
        return 42


try:
    str(ValueError(NotText()))
except TypeError as exc:
    print("TypeError:", exc)

# The uncaught exception's last line uses the user __str__ of the argument.
raise ValueError(a)
