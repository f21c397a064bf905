# __repr__ and __str__ wherever Python turns objects into text.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Named:
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return f"<{self.name}>"

    def __repr__(self):
        return f"Named({self.name!r})"


class OnlyStr:
    def __str__(self):
        return "only str"


p = Point(1, 2)
n = Named("x")
print(p, n)
print([p, n], (p,), {p: n}, {"k": [p, (n, 1)]})
print(str(p), repr(p), str(n), repr(n), str([n]))
print(f"{p} {n} {n!r} {n!s} {p!r:>12}|{n:<6}|")
print(format(n), format(p, ""), "%s" % "plain")
print("joined:", p, n, sep=" / ", end=" !\n")
loop = [p]
loop.append(loop)
print(loop)
print(repr(OnlyStr())[:10] == "<__main__.", str(OnlyStr()))


class Bad:
    def __repr__(self):
        return 42


class BadStr:
    def __str__(self):
        return None


for obj in (Bad(), BadStr()):
    try:
        print(obj)
    except TypeError as e:
        print("TypeError:", e)
try:
    repr(Bad())
except TypeError as e:
    print("TypeError:", e)
try:
    f"{p:>5}"
except TypeError as e:
    print("TypeError:", e)
