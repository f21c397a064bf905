# CPython's errors around classes and instances.
class Empty:
    pass


class Init:
    def __init__(self, a, b=2):
        self.a = a


class ReturnsValue:
    def __init__(self):
        return 5


def attempt(label, f):
    try:
        f()
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


attempt("args to no-init", lambda: Empty(1))
attempt("kwargs to no-init", lambda: Empty(x=1))
attempt("missing arg", lambda: Init())
attempt("too many", lambda: Init(1, 2, 3))
attempt("bad keyword", lambda: Init(1, c=3))
attempt("init returns", lambda: ReturnsValue())
attempt("missing attr", lambda: Empty().nothing)
attempt("class attr", lambda: Empty.nothing)
attempt("int attr", lambda: setattr(int, "x", 1))
attempt("object attr", lambda: setattr(object(), "x", 1))
attempt("del missing", lambda: delattr(Empty(), "nothing"))
attempt("super no args", lambda: super())
attempt("super bad type", lambda: super(1, 2))
attempt("super bad obj", lambda: super(Init, Empty()))
attempt("duplicate base", lambda: type("x", (), {}) if False else exec_dup())
attempt("not callable", lambda: Empty()())
attempt("compare", lambda: Empty() < Empty())
attempt("len", lambda: len(Empty()))
attempt("iterate", lambda: list(Empty()))


def exec_dup():
    class D(Empty, Empty):
        pass


e1, e2 = Empty(), Empty()
print(e1 == e1, e1 == e2, e1 != e2, e1 is not e2, bool(e1), len({e1: 1, e2: 2}))
print(type(e1).__name__, type(Empty).__name__, Empty.__class__.__name__, object.__name__)
o = object()
print(type(o).__name__, isinstance(e1, object), issubclass(Empty, object))
