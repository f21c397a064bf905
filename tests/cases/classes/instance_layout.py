# Instances keep their attributes in the order they were given, whatever path sets or reads
# them: the inline caches in loops, setattr with computed names, del, __dict__ and vars().


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


# The same attribute reads and writes run many times, so the caches are warm.
points = [Point(i, -i) for i in range(5)]
for _ in range(3):
    for p in points:
        p.x = p.x + 1
print([p.norm1() for p in points], [vars(p) for p in points[:2]])

# Attributes given in another order, or only some of them.
a = Point(1, 2)
a.z = 3
b = Point(4, 5)
b.w = 6
b.z = 7
c = Point.__new__(Point)
c.y = 8
c.x = 9
print(vars(a), vars(b), vars(c))

# Deleting and giving back: the name goes last, as in a dict.
for name in ["x", "y"]:
    p = Point(1, 2)
    p.extra = 0
    delattr(p, name)
    print(vars(p), hasattr(p, name))
    setattr(p, name, 10)
    print(vars(p), p.norm1())
p = Point(1, 2)
del p.y
p.y = 3
print(list(vars(p)), p.norm1())
try:
    del p.missing
except AttributeError as e:
    print("AttributeError:", e)
del p.x
try:
    del p.x
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.norm1()
except AttributeError as e:
    print("AttributeError:", e)

# __dict__ is the same dict every time, and it and the attributes are one.
d = Point(1, 2)
dd = d.__dict__
print(dd is d.__dict__, dd is vars(d))
dd["x"] = 100
dd["new"] = "n"
d.y = 200
print(d.x, d.new, dd, d.norm1())
for _ in range(3):
    d.x += 1
print(vars(d))
del dd["x"]
print(hasattr(d, "x"), vars(d))
d.__dict__.clear()
print(vars(d), hasattr(d, "y"))
d.x, d.y = 5, 6
print(vars(d), d.norm1())

# Names made at run time are the same attributes as the literal names.
e = Point(1, 2)
setattr(e, "x" + "", 30)
setattr(e, "".join(["n", "ew"]), 40)
print(e.x, getattr(e, "new"), vars(e))

# An instance attribute named like a method hides it, once the call sites are warm.
class Greeter:
    def hello(self):
        return "method"


gs = [Greeter() for _ in range(4)]
out = []
for i, g in enumerate(gs):
    if i == 2:
        g.hello = lambda: "instance"
    out.append(g.hello())
print(out)
for _ in range(2):
    out = [g.hello() for g in gs]
print(out)
del gs[2].hello
print([g.hello() for g in gs])

# A property added to the class later takes over from the instances' attributes.
class Box:
    def __init__(self, v):
        self.v = v


boxes = [Box(i) for i in range(3)]
print([b.v for b in boxes])
Box.v = property(lambda self: "prop")
print([b.v for b in boxes])
try:
    boxes[0].v = 5
except AttributeError as e:
    print("AttributeError:", e)
del Box.v
print([b.v for b in boxes])


# Many attribute names, more than instances share a layout for.
class Bag:
    pass


bags = [Bag() for _ in range(3)]
for k, bag in enumerate(bags):
    for j in range(40):
        setattr(bag, f"a{(j * (k + 1)) % 41}", j)
print([len(vars(bag)) for bag in bags], list(vars(bags[2]))[:5], bags[1].a2, bags[2].a39)
for bag in bags:
    bag.a1 = "one"
print([bag.a1 for bag in bags], [list(vars(bag))[-1] for bag in bags])

# Instances of a subclass keep their own order.
class Point3(Point):
    def __init__(self, x, y, z):
        self.z = z
        super().__init__(x, y)


q = Point3(1, 2, 3)
print(vars(q), q.norm1(), vars(Point(7, 8)))
print(object().__class__.__name__, hasattr(object(), "__dict__"))

# Names that are instances of a str subclass (hashing as str) are the same attributes.
class Name(str):
    pass


class Pair:
    def __init__(self):
        self.y = 0


p = Pair()
setattr(p, Name("zz"), 1)
setattr(p, Name("y"), 2)
print(getattr(p, "zz"), getattr(p, Name("zz")), vars(p), p.y, [type(k).__name__ for k in vars(p)])
q = Pair()
q.zz = 5
print(vars(q), getattr(q, Name("zz")), hasattr(q, Name("nope")))
