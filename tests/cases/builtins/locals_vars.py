# locals() and vars() without an argument: the frame's variables, one dict per activation.
def outer(a, b):
    c = 1
    d = 2
    def inner(x):
        y = x + a
        print(sorted(locals()), list(locals()))
        return y
    inner(5)
    print(list(locals()))
    del c
    print(list(locals()))
    return vars()
print(outer(1, 2).keys())
class K:
    x = 1
    print(list(locals()), vars() is locals())
print(locals() is globals(), vars() is globals())
def g():
    yield locals()
    z = 3
    yield locals()
print(list(g()))
print([locals() for i in range(2)][0].keys())


def keep():
    first = locals()
    later = 1
    second = locals()
    return first is second, sorted(first)


print(keep())
for bad in ((1,), (1, 2)):
    try:
        locals(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    vars(1, 2)
except TypeError as e:
    print("TypeError:", e)
print(locals)
