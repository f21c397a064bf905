# Defaults are evaluated once, when `def` runs: the mutable default pitfall.
def make_default():
    print("evaluating default")
    return 10

def f(a, b=make_default()):
    return a + b

print("defined")
print(f(1), f(1, 2), f(5))

def append_to(item, target=[]):
    target.append(item)
    return target

print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))

def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target

print(safe_append(1), safe_append(2))
x = 5
def g(value=x):
    return value
x = 6
print(g(), x)
def h(a, b=2, c=3):
    return (a, b, c)
print(h(1), h(1, c=30), h(1, 20), h(c=0, a=-1))
