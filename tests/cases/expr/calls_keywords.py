# Keyword arguments, defaults and */** unpacking at call sites.
def f(a, b=2, *args, c=3, **kwargs):
    return f"a={a} b={b} args={args} c={c} kwargs={kwargs}"

print(f(1))
print(f(1, 20))
print(f(1, 20, 30, 40))
print(f(a=1, b=5))
print(f(b=5, a=1))
print(f(1, c=7, d=8, e=9))
args = [10, 20, 30]
print(f(*args))
print(f(0, *args, c=1))
kw = {"b": "B", "c": "C", "z": "Z"}
print(f(1, **kw))
print(f(*[1, 2], *(3, 4), **{"x": 1}, **{"y": 2}))
print(f(*"ab", *range(2)))
print(f(**{"a": "from dict"}))
def g(*, key):
    return key
print(g(key="only keyword"))
print(max(3, 1, 2), max([3, 1, 2], key=lambda x: -x))
print(sorted([3, 1, 2], reverse=True), "-".join(map(str, [1, 2, 3])))
print(*[1, 2, 3], sep=", ")
print(*"abc")
print(*[], "only")
