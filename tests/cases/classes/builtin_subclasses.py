class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]

s = Stack([1, 2])
s.push(3)
print(s, len(s), s.peek(), type(s).__name__, isinstance(s, list), s == [1, 2, 3])
s.name = "st"
print(s.name, s.__dict__, vars(s))
print(type(s[:]), s + [4], type(s + [4]), list(s), sorted(s, reverse=True))
for x in s:
    print(x, end=" ")
print()
a, b, c = s
print(a, b, c, 2 in s, 9 in s)

class Named(list):
    def __init__(self, name, items=()):
        super().__init__(items)
        self.name = name
    def __repr__(self):
        return f"Named({self.name!r}, {super().__repr__()})"

n = Named("x", [1, 2])
print(n, [n], str(n), f"{n}")
print(Named.__mro__, Named.__bases__)

class D(dict):
    def __missing__(self, key):
        return key.upper()

d = D(a=1)
print(d["a"], d["zz"], d, len(d), d.get("zz"), "zz" in d, type(d).__name__)

class LowerDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.lower(), v)
    def __getitem__(self, k):
        return super().__getitem__(k.lower())

ld = LowerDict()
ld["AbC"] = 1
print(ld, ld["ABC"], ld.keys())

class T(tuple):
    def total(self):
        return sum(self)

t = T([1, 2, 3])
print(t, t.total(), hash(t) == hash((1, 2, 3)), t == (1, 2, 3), {t: 1}[(1, 2, 3)], tuple(t), type(tuple(t)))
print(t[1:], type(t[1:]), t * 2)
try:
    t.x = 1
    print(t.x)
except AttributeError as e:
    print("AE", e)
try:
    hash(Stack())
except TypeError as e:
    print(e)
class E(tuple):
    def __eq__(self, o):
        return True
try:
    hash(E())
except TypeError as e:
    print(e)
print(E((1,)) == 5)
