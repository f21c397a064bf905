class P:
    def __init__(self):
        self.x = 1
        self.y = [2]
p = P()
print(vars(p))
vars(p)["z"] = 3
print(p.z)
import math
print(vars(math)["pi"])
def f(): pass
f.tag = "t"
print(vars(f))
for bad in [5, "s", [1]]:
    try:
        vars(bad)
    except TypeError as e:
        print("TypeError:", e)
