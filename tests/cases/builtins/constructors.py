# list, tuple, dict and set constructors from various iterables.
print(list(), list("abc"), list(range(3)), list((1, 2)), list({"k": 1, "j": 2}), list({3: 0}.items()))
print(tuple(), tuple([1, 2]), tuple("ab"), tuple(x for x in range(3)))
print(dict(), dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": 1}, extra=2))
print(dict(zip("abc", range(3))), dict([[1, 2], "xy"]), dict({1: 1}.items()))
print(set(), set([3, 1, 2, 1]), sorted(set("hello")), set(range(4)), set({5: 0}))
original = [1, 2]
copy = list(original)
copy.append(3)
print(original, copy, list(original) is original)
for thunk in (lambda: dict([1, 2]), lambda: dict([(1, 2, 3)]), lambda: list(5),
              lambda: dict(5), lambda: tuple(None), lambda: set(1.5)):
    try:
        print(thunk())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
