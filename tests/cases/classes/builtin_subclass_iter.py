# Iteration and membership of builtin-type subclasses: the builtin base's own __iter__ and __contains__ come before a subclass's __getitem__, and a subclass's __iter__ is used by list(), sorted() and for.
class T(tuple):
    def __getitem__(self, i):
        return "x"
t = T((1, 2))
print(list(t), [v for v in t], 1 in t, "x" in t, t[5])
class L(list):
    def __iter__(self):
        yield 99
l = L([1, 2])
print(list(l), 99 in l, 1 in l, sorted(l), [v for v in l], len(l))
class S(str):
    def __getitem__(self, i):
        return "z"
s = S("ab")
print(list(s), "a" in s, s[0])
class D(dict):
    def __getitem__(self, k):
        return 0
d = D(a=1)
print(list(d), "a" in d, d["q"])
it = iter(t)
print(next(it))
a = [0]
a += t
print(a)
