# Container, iteration, truth, call and format special methods.


class Deck:
    def __init__(self, cards):
        self.cards = list(cards)

    def __len__(self):
        return len(self.cards)

    def __getitem__(self, i):
        return self.cards[i]

    def __setitem__(self, i, v):
        print("set", i, v)
        self.cards[i] = v

    def __delitem__(self, i):
        print("del", i)
        del self.cards[i]

    def __contains__(self, card):
        print("contains", card)
        return card in self.cards

    def __repr__(self):
        return f"Deck({self.cards})"


d = Deck("abcde")
print(len(d), d[0], d[-1], d[1:3], bool(d), bool(Deck("")), "c" in d, "z" not in d)
d[0] = "A"
del d[1]
print(d, list(d), [c for c in d], sorted(d, reverse=True), "".join(d))
x, *rest = d
print(x, rest, list(reversed(d.cards)), tuple(d), set(d) == set("Acde"), dict.fromkeys(d))
if not Deck([]):
    print("empty deck is false")
print(any(Deck([0, 0])), all(Deck([1, 2])), max(Deck([3, 9, 2])), sum(Deck([1, 2, 3])))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(3)), [x * 2 for x in Countdown(3)], 2 in Countdown(3), 5 in Countdown(3))
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"), next(it, "done"))
for n in Countdown(3):
    if n == 2:
        continue
    print("n", n)
else:
    print("loop finished")
for n in Countdown(5):
    if n == 3:
        break
print("broke at", n)
z = list(zip(Countdown(3), "abc"))
print(z, list(enumerate(Countdown(2))), list(map(str, Countdown(2))))


class Words:
    def __init__(self, text):
        self.text = text

    def __iter__(self):
        for w in self.text.split():
            yield w.upper()


print(list(Words("a bb ccc")), "BB" in Words("a bb"), len(list(Words("x y"))))


class Truthy:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        print("bool", self.v)
        return self.v


t, f = Truthy(True), Truthy(False)
print(t and "yes", f and "no", f or "fallback", t or "unused", not f, bool(t))
r = f or t
print(r is t)
while Truthy(False):
    pass
print("cond", "a" if f else "b", [v for v in [t, f] if v])


class Fn:
    def __init__(self, k):
        self.k = k

    def __call__(self, x, *, scale=1):
        return (x + self.k) * scale


add3 = Fn(3)
print(add3(1), add3(2, scale=10), callable(add3), callable(Truthy(1)), list(map(add3, [1, 2])))
print(sorted([3, 1, 2], key=Fn(0)))


class Temp:
    def __init__(self, c):
        self.c = c

    def __format__(self, spec):
        if spec.endswith("F"):
            return format(self.c * 9 / 5 + 32, spec[:-1]) + "F"
        return format(self.c, spec) + "C"


print(f"{Temp(100)}", f"{Temp(21.5):.2f}", f"{Temp(0):.1F}", format(Temp(5), ">4"))


# The errors CPython reports.
class Bad:
    def __len__(self):
        return -1

    def __bool__(self):
        return 1

    def __iter__(self):
        return 5

    def __format__(self, spec):
        return 7


class BadLen:
    def __len__(self):
        return "3"


class Nothing:
    pass


for expr in [lambda: len(Bad()), lambda: bool(Bad()), lambda: iter(Bad()), lambda: format(Bad(), ""),
             lambda: len(BadLen()), lambda: bool(BadLen()), lambda: len(Nothing()), lambda: iter(Nothing()),
             lambda: Nothing()[0], lambda: Nothing()(), lambda: 1 in Nothing(), lambda: next(Nothing()),
             lambda: list(Nothing()), lambda: f"{Nothing():>3}", lambda: Deck("ab")[5]]:
    try:
        print(expr())
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)

try:
    Nothing()[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    del Nothing()[0]
except TypeError as e:
    print("TypeError:", e)
for v in Nothing(), Bad():
    try:
        for _ in v:
            pass
    except TypeError as e:
        print("TypeError:", e)
