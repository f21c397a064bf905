# Arithmetic special methods: binary, reflected, in-place, NotImplemented and the errors.


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return f"Money({self.cents})"

    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented

    def __radd__(self, other):
        print("radd", other)
        return self.__add__(other)

    def __sub__(self, other):
        return Money(self.cents - other.cents)

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Money(self.cents * k)
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, k):
        return Money(self.cents / k)

    def __floordiv__(self, k):
        return Money(self.cents // k)

    def __mod__(self, k):
        return Money(self.cents % k)

    def __pow__(self, k):
        return Money(self.cents**k)

    def __neg__(self):
        return Money(-self.cents)

    def __pos__(self):
        return self

    def __abs__(self):
        return Money(abs(self.cents))

    def __invert__(self):
        return Money(~self.cents)

    def __lshift__(self, n):
        return Money(self.cents << n)

    def __rshift__(self, n):
        return Money(self.cents >> n)

    def __and__(self, n):
        return Money(self.cents & n)

    def __or__(self, n):
        return Money(self.cents | n)

    def __xor__(self, n):
        return Money(self.cents ^ n)

    def __matmul__(self, other):
        return self.cents * other.cents


a = Money(250)
b = Money(100)
print(a + b, a - b, a + 5, 5 + a, a * 2, 3 * a, a * 1.5)
print(a / 4, a // 3, a % 7, b**2, -a, +a, abs(Money(-3)), ~b)
print(a << 2, a >> 1, a & 15, a | 1, a ^ 255, a @ b)
print(sum([a, b, Money(1)]), sum([a, b], Money(1000)))

# In place: without __iadd__, += rebinds to a new object.
c = a
c += b
print(c, a, c is a)


class Counter:
    def __init__(self):
        self.n = 0

    def __iadd__(self, k):
        self.n += k
        return self

    def __isub__(self, k):
        return NotImplemented

    def __sub__(self, k):
        print("falls back to __sub__")
        return self.n - k

    def __repr__(self):
        return f"Counter({self.n})"


k = Counter()
same = k
k += 5
k += 2
print(k, k is same)
k -= 1
print(k)

items = [Counter()]
items[0] += 3
print(items)


# A subclass's reflected method goes first when it overrides the base's.
class Base:
    def __add__(self, other):
        return "Base.__add__"

    def __radd__(self, other):
        return "Base.__radd__"


class Derived(Base):
    def __radd__(self, other):
        return "Derived.__radd__"


class Other(Base):
    pass


print(Base() + Derived(), Derived() + Base(), Base() + Other(), Other() + Base())
print(1 + Derived(), Derived() + 1)


# NotImplemented everywhere ends in CPython's TypeError.
class Nope:
    def __add__(self, other):
        return NotImplemented

    def __radd__(self, other):
        return NotImplemented


for expr in [lambda: Nope() + 1, lambda: 1 + Nope(), lambda: Nope() + Nope(),
             lambda: Money(1) * "x", lambda: "x" * Money(1), lambda: [1] + Money(1), lambda: -Nope(),
             lambda: ~Nope(), lambda: Nope() ** 2, lambda: abs(Nope()), lambda: Nope() @ 1]:
    try:
        print(expr())
    except TypeError as e:
        print("TypeError:", e)

n = Nope()
try:
    n += 1
except TypeError as e:
    print("TypeError:", e)
print(NotImplemented, repr(NotImplemented), type(NotImplemented).__name__, bool(Money(0)))
