# Errors of %-formatting, str.format and format() with instances of user classes: the
# messages CPython gives, raised after the user methods CPython runs before them.


class Both:
    def __str__(self):
        print("  (Both.__str__)")
        return "both"

    def __repr__(self):
        return "Both()"


class StrInt:
    def __str__(self):
        return 42


class ReprNone:
    def __repr__(self):
        return None


class FormatInt:
    def __format__(self, spec):
        return 7


class Plain:
    pass


class Raising:
    def __str__(self):
        raise RuntimeError("from __str__")

    def __repr__(self):
        raise LookupError("from __repr__")

    def __format__(self, spec):
        raise ValueError("from __format__ with " + repr(spec))


class Mapping:
    def __getitem__(self, key):
        print("  (Mapping[" + repr(key) + "])")
        if key == "missing":
            raise KeyError(key)
        return key * 2


class Props:
    @property
    def good(self):
        print("  (good)")
        return Both()

    @property
    def broken(self):
        raise AttributeError("broken inside")


def attempt(thunk):
    try:
        r = thunk()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)


a = Both()
print("-- result checks")
attempt(lambda: "%s" % StrInt())
attempt(lambda: "%s" % (StrInt(),))
attempt(lambda: "{}".format(StrInt()))
attempt(lambda: "{!s}".format(StrInt()))
attempt(lambda: format(StrInt()))
attempt(lambda: f"{StrInt()}")
attempt(lambda: "%s" % [StrInt()])
attempt(lambda: "%r" % ReprNone())
attempt(lambda: "{!r}".format(ReprNone()))
attempt(lambda: "{}".format([ReprNone()]))
attempt(lambda: "%a" % ReprNone())
attempt(lambda: ascii(ReprNone()))
attempt(lambda: "{}".format(FormatInt()))
attempt(lambda: format(FormatInt(), "x"))
attempt(lambda: f"{FormatInt():y}")

print("-- object.__format__")
attempt(lambda: "{:>5}".format(Plain()))
attempt(lambda: "{:>5}".format(a))
attempt(lambda: format(a, "x"))
attempt(lambda: format([a], "x"))
attempt(lambda: format(a, 5))
attempt(lambda: "{!s:>6}".format(a))

print("-- % conversions")
attempt(lambda: "%d" % a)
attempt(lambda: "%i" % (a,))
attempt(lambda: "%x" % a)
attempt(lambda: "%f" % a)
attempt(lambda: "%c" % a)
attempt(lambda: "%*s" % (a, 1))
attempt(lambda: "%.*s" % (a, 1))
attempt(lambda: "%s %s" % (a,))
attempt(lambda: "%s" % (a, a))
attempt(lambda: "%s %y" % (a, 1))
attempt(lambda: "%s %" % (a,))
attempt(lambda: "%(k)s" % (a,))
attempt(lambda: "%(zz)s" % {"k": a})
attempt(lambda: "%(k)s %(k" % {"k": a})

print("-- % with a Python mapping")
attempt(lambda: "%(ab)s|%(cd)r" % Mapping())
attempt(lambda: "%(missing)s" % Mapping())
attempt(lambda: "%(a)*d" % Mapping())
attempt(lambda: "%(a).*d" % Mapping())
attempt(lambda: "%(a)z" % Mapping())
attempt(lambda: "%(a)" % Mapping())
m = Mapping()
attempt(lambda: "%s" % m == str(m))
attempt(lambda: "%s %s" % Mapping())
attempt(lambda: "plain" % Mapping())

print("-- str.format fields")
attempt(lambda: "{0.missing}".format(a))
attempt(lambda: "{0[5]}".format([a]))
attempt(lambda: "{0[x]}".format([a]))
attempt(lambda: "{1}".format(a))
attempt(lambda: "{x}".format(a))
attempt(lambda: "{!x}".format(a))
attempt(lambda: "{} }".format(a))
attempt(lambda: "{!s} {".format(a))
attempt(lambda: "{!s:{:{}}}".format(a, 1, 2))
attempt(lambda: "{0.good.} ".format(Props()))
attempt(lambda: "{0.good}".format(Props()))
attempt(lambda: "{0.broken}".format(Props()))
attempt(lambda: "{0[ab]}{0[missing]}".format(Mapping()))
attempt(lambda: "{0[ab]x}".format(Mapping()))
attempt(lambda: "{!s}{}".format(a))
attempt(lambda: "{0}{}".format(a))

print("-- exceptions from user methods")
attempt(lambda: "%s" % Raising())
attempt(lambda: "%r" % (Raising(),))
attempt(lambda: "{}".format(Raising()))
attempt(lambda: "{:spec}".format(Raising()))
attempt(lambda: "{!r}".format(Raising()))
attempt(lambda: "{!a}".format(Raising()))
attempt(lambda: "[%s]" % [Raising()])
attempt(lambda: format(Raising(), "q"))


def deeper(obj):
    return "value: %s" % (obj,)


print(deeper(Raising()))
