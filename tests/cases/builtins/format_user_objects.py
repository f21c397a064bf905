# %-formatting, str.format and format() of instances whose classes define __str__, __repr__
# or __format__, alone and inside containers, with field access through properties,
# __getattr__ and __getitem__.


class Both:
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return "str:" + self.name

    def __repr__(self):
        return "repr:" + self.name


class OnlyRepr:
    def __repr__(self):
        return "R<é>"


class OnlyStr:
    def __str__(self):
        return "S!"


class Fmt:
    def __format__(self, spec):
        return "F[" + spec + "]"

    def __str__(self):
        return "Fmt-str"


class Plain:
    pass


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    @property
    def norm(self):
        print("  (norm computed)")
        return abs(self.x) + abs(self.y)

    def __getattr__(self, name):
        print("  (getattr", name + ")")
        return name.upper()

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Table:
    def __getitem__(self, key):
        print("  (getitem", repr(key) + ")")
        return Both(str(key))


class S(str):
    pass


class ReturnsSub:
    def __str__(self):
        return S("sub")

    def __format__(self, spec):
        return S("fsub" + spec)


a = Both("a")
b = Both("b")
p = Point(3, -4)

print("-- %")
print("%s" % a)
print("%r" % a)
print("%a" % OnlyRepr())
print("%s|%r" % (a, b))
print("%s" % OnlyRepr())
o = OnlyStr()
print("%r" % o == repr(o))
print("%(k)s and %(k)r" % {"k": a})
print("%(x)s %(y)s" % {"x": 1, "y": b})
print("%s" % ([a],))
print("%s" % [a, b])
print("%r" % ({1: a},))
print("%s %d %5.2f %x %c %%" % (a, 42, 3.14159, 255, 65))
print("[%10s] [%-10s] [%.3s] [%*s] [%-*s] [%.*s]" % (a, a, a, 8, a, 8, a, 2, a))
print("[%5r]" % (b,))
print("%s" % (S("plain sub"),))
print(type("%s" % ReturnsSub()).__name__, type("%s!" % ReturnsSub()).__name__)
t = (ReturnsSub(),)
print(type("%s" % t).__name__, type("%5s" % ReturnsSub()).__name__)
# A literal tuple makes '...' % (x,) an f-string in CPython: the str subclass is formatted.
print(type("%s" % (ReturnsSub(),)).__name__, type("%d %s" % (1, ReturnsSub())).__name__)


class Inner(str):
    def __str__(self):
        return "inner"


class Outer:
    def __str__(self):
        return Inner("outer")

    def __repr__(self):
        return Inner("router")


o = Outer()
print("%s" % o, "%s" % (o,), "[%s]" % (o,), "[%r]" % (o,), "[%s]" % [o], "%s %d" % (o, 1))
print("{}".format(o), "<{}>".format(o), "{!s}".format(o), f"{o}", f"<{o!r}>", format(o), str(o))


class Loud:
    def __init__(self, n):
        self.n = n

    def __str__(self):
        print("  (str", str(self.n) + ")")
        return "L" + str(self.n)

    def __repr__(self):
        print("  (repr", str(self.n) + ")")
        return "R" + str(self.n)


def made(n):
    print("  (made", str(n) + ")")
    return Loud(n)


# Each item of a literal tuple is made just before it is formatted, in CPython's rewrite.
print("%s and %r" % (made(1), made(2)))
print("%s and %d" % (made(3), 4))
s = "<%s>"
s %= a
print(s)
print("%(a)s" % Table())
tab = Table()
print("%s" % tab == str(tab))
print("%s" % (Plain(),) != "")
print("no conversions" % {"k": a})

print("-- str.format")
print("{}".format(a))
print("{!r}".format(a))
print("{!s}".format(OnlyRepr()))
print("{!a}".format(OnlyRepr()))
print("{!s:>12}|{!s:<12}|{!r:^12}".format(a, a, a))
print("{0} {0!r} {1}".format(a, b))
print(str.format("{0}", a))
print("{x} {y!r}".format(x=a, y=b))
print("{}".format([a, OnlyRepr()]))
print("{}".format({1: a}))
print("{:>20}".format(str((a,))))
print("{}|{:spec}|{!s:>8}|{!r}".format(Fmt(), Fmt(), Fmt(), Fmt()))
print("{:{}}".format(Fmt(), "w"))
print("{:{w}.{p}}".format(a, w=10, p=4) if False else "{!s:{w}.{p}}".format(a, w=10, p=4))


class Width:
    def __format__(self, spec):
        return ">" + spec + "8"


print("[{0:{1}}] [{0:{1:0}}]".format(3.5, Width()))
print("{0.x} {0.y} {0.norm} {0.missing}".format(p))
print("{0[key]} {0[7]}".format(Table()))
print("{t[7]!r:>10}".format(t=Table()))
print("{0.name}".format(a))
print("{0[0]} {0[1]!r}".format([a, b]))
print("{p.x}/{p.norm}".format(p=p))
print(type("{}".format(ReturnsSub())).__name__, type("{:x}".format(ReturnsSub())).__name__)
print(type("{!s}".format(ReturnsSub())).__name__, type("<{}>".format(ReturnsSub())).__name__)
print("{{literal}} {} {{}}".format(a))

print("-- format()")
print(format(a))
print(format(a, ""))
print(format(Fmt(), "xyz"))
print(format([a], ""))
print(format(OnlyRepr()))
print(type(format(ReturnsSub(), "")).__name__)
print(ascii(OnlyRepr()), ascii([OnlyRepr()]))
print(f"{OnlyRepr()!a} {a!r:>10} {Fmt():q}")


class IntWithStr(int):
    def __str__(self):
        return "IWS"


n = IntWithStr(7)
print(format(n), format(n, ""), format(n, ">4"), "{}".format(n), "{:03}".format(n), f"{n:>4}")
print("%s %d %r" % (n, n, n))


class RMod:
    def __rmod__(self, other):
        return "rmod called"

    def __str__(self):
        return "RMod-str"


print("%s" % RMod())
print("x" % RMod() if False else "%s!" % (RMod(),))


class Order:
    def __init__(self, log, tag):
        self.log = log
        self.tag = tag

    def __str__(self):
        self.log.append(self.tag)
        return self.tag

    def __format__(self, spec):
        self.log.append(self.tag + ":" + spec)
        return self.tag


log = []
"%s %s %s" % (Order(log, "1"), Order(log, "2"), Order(log, "3"))
"{} {:x} {!s}".format(Order(log, "4"), Order(log, "5"), Order(log, "6"))
print(log)

# A user method that changes a list formatted after it: CPython reads the list afterwards.
items = []


class Appender:
    def __str__(self):
        items.append("late")
        return "appender"


print("%s %s" % (Appender(), items))
print("{} {}".format(Appender(), items))
print("{0} {1}".format(items, Appender()))
