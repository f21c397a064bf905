# Subclasses of str: instances are strs; results of str operations are plain strs except
# where CPython gives back the object itself.
class Tag(str):
    def shout(self):
        return self.upper() + "!"


t = Tag("hello")
print(t, repr(t), len(t), t[1], t[1:3], t.shout(), t == "hello", "hello" == t, hash(t) == hash("hello"))
print(type(t).__name__, isinstance(t, str), {t: 1}["hello"], {"hello": 2}[t], t in {"hello"}, "ell" in t)
for v in [str(t), t + "", "" + t, t * 1, t[:], t.strip(), t.lower(), t.ljust(2), t.zfill(1), t.removeprefix("x"),
          f"{t}", "%s" % t, "{}".format(t), "".join([t]), format(t), t.replace("z", "y"), t.center(3), t.rstrip(), t.title().lower(),
          " ".join([t]), t.rjust(5), t.expandtabs(), t.casefold(), t.swapcase().swapcase(), t.partition("q")[0], t.split()[0], t.splitlines()[0], t.format()]:
    print(repr(v), type(v).__name__)
for name, f in [("part", lambda: t.partition("q")[0]), ("rpart", lambda: t.rpartition("q")[2]), ("split", lambda: t.split()[0]), ("rsplit", lambda: t.rsplit()[0]), ("splitlines", lambda: t.splitlines()[0]), ("format", lambda: t.format()), ("fmt2", lambda: format(t, "")), ("fmt3", lambda: format(t, "<3")), ("fstr", lambda: f"{t:}"), ("add", lambda: t + ""), ("mod", lambda: t % ()), ("strip2", lambda: t.strip("z")), ("join2", lambda: t.join([])), ("join3", lambda: "".join([t, ""])), ("getitem", lambda: t[0:5]), ("mul", lambda: 1 * t), ("upper", lambda: Tag("ABC").upper()), ("lower", lambda: Tag("abc").lower()), ("replace", lambda: t.replace("h", "h", 0)), ("capitalize", lambda: Tag("Abc").capitalize()), ("encode_dec", lambda: t.strip(" ")), ("lstrip", lambda: t.lstrip()), ("str", lambda: str(t)), ("repr", lambda: repr(t)), ("min", lambda: min([t])), ("sorted", lambda: sorted([t])[0]), ("dictkey", lambda: list({t: 1})[0]), ("setitem", lambda: list({t})[0]), ("iter", lambda: list(t)[0])]:
    v = f()
    print(name, repr(v), type(v).__name__)
print(sorted([Tag("b"), "a"]), max(Tag("b"), "a"), [t], (t,), {t: t})
print(t.__class__, Tag.__mro__)
t.extra = 5
print(t.extra, vars(t))


class Upper(str):
    def __new__(cls, value):
        return super().__new__(cls, value.upper())

    def __repr__(self):
        return f"Upper({str(self)!r})"


u = Upper("abc")
print(u, repr(u), [u], u + "d", str(u), f"{u!r} {u}", u.lower(), type(u.lower()).__name__)


class Path2(str):
    __slots__ = ()
    def __str__(self):
        return "<" + self + ">"


p = Path2("x")
print(p, str(p), f"{p}", [p], p + "y", len(p))
try:
    p.z = 1
except AttributeError as e:
    print(e)
print(int(Tag("12")) + 1, float(Tag("1.5")), Tag("a,b").split(","), list(Tag("ab")), Tag(5), Tag())
t = Tag("hello")
for v in [f"{t:<3}", f"{t}", f"{t!s}", f"{t!r}", f"x{t}", "{}".format(t), "{:<3}".format(t), "%s" % t, "%s" % (t,), "%-3s" % t, format(t, "<3"), format(t, ""), "hello".format(), t.format(), Tag("{{").format(), Tag("%%") % (), t % {} , str.__str__(t), t.__str__(), t.partition("z")[0], t.rpartition("z")[2], f"{t:>5}", f"{t:.9}"]:
    print(repr(v), type(v).__name__)
