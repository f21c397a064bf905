# Truth tests of builtin-subclass instances with __len__/__bool__, inside a function (the dispatch loop's inner path) and outside.
class L(list):
    def __len__(self):
        return 0
def f(x):
    if x:
        return "truthy"
    return "falsy"
print(f(L([1, 2])), f([1]), bool(L([1])))
class T(tuple):
    def __bool__(self):
        return False
print(f(T((1,))), not T((1,)))
from collections import namedtuple, Counter, deque
P = namedtuple("P", "x y")
p = P(1, 2)
print(p, p.x + p.y, f(p))
print(Counter("abracadabra").most_common(2))
q = deque([1, 2]); print(q, f(q))
