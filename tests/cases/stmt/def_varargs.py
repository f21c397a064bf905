# *args collects extra positionals into a tuple, **kwargs extra keywords into a dict.
def f(*args, **kwargs):
    return args, kwargs

print(f())
print(f(1, 2))
print(f(a=1, z=2, m=3))
print(f(1, *[2, 3], k=4, **{"j": 5}))
def g(first, *rest, last="L", **options):
    print("first", first, "rest", rest, "last", last, "options", options)
g(1)
g(1, 2, 3, last=4, x=5, y=6)
g(*range(4), **dict(q=1))
def total(*nums):
    result = 0
    for n in nums:
        result += n
    return result
print(total(), total(1), total(*range(101)))
def pass_through(*args, **kwargs):
    return total(*args, **kwargs)
print(pass_through(4, 5))
kw = {"b": 1}
def k(**kwargs):
    kwargs["added"] = True
    return kwargs
print(k(**kw), kw)
