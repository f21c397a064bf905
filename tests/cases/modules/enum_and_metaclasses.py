from enum import Enum, auto, unique
import enum


class FutureState(Enum):
    PENDING = "pending"
    DONE = "done"
    CANCELLED = "cancelled"


class Color(Enum):
    RED = auto()
    GREEN = auto()
    BLUE = 10
    NAVY = 10
    _hidden = 5

    def describe(self):
        return f"{self.name} is {self.value}"

    @classmethod
    def default(cls):
        return cls.RED


s = FutureState.PENDING
print(s, repr(s), s.name, s.value, f"{s}", f"[{s:>25}]", str(s), [s])
print(s == FutureState.PENDING, s is FutureState("pending"), s != FutureState.DONE, s == "pending")
print(list(FutureState), len(Color), list(Color), Color.NAVY is Color.BLUE, Color["GREEN"])
print(Color.RED.describe(), Color.default(), type(Color.RED), isinstance(Color.RED, Color), repr(Color))
print(Color(10), Color._hidden, FutureState.DONE in FutureState, Color.RED in FutureState)
print({s: 1, FutureState.DONE: 2}[FutureState.DONE], hash(s) == hash("PENDING"), sorted(m.name for m in Color))
print(Color.__members__, type(Color).__name__, enum.EnumMeta is enum.EnumType, Color.RED.__class__.__name__)
state = FutureState.PENDING
if state is FutureState.PENDING:
    print("pending branch")
for bad in [lambda: Color(99), lambda: Color["PURPLE"]]:
    try:
        bad()
    except (ValueError, KeyError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)


class Meta(type):
    def __init__(cls, name, bases, ns):
        print("Meta.__init__", name, sorted(k for k in ns if not k.startswith("__")))
        cls.registry = [name]

    def __call__(cls, *args):
        print("Meta.__call__", cls.__name__, args)
        return super().__call__(*args)

    def hello(cls):
        return "hello from " + cls.__name__


class Base(metaclass=Meta):
    x = 1

    def __init__(self, v):
        self.v = v


class Child(Base):
    y = 2


c = Child(5)
print(c.v, type(Child).__name__, Child.registry, Base.hello(), Child.hello(), isinstance(Child, Meta))
