# Indexing with positive and negative indices; out-of-range messages.
lst = [10, 20, 30, 40]
s = "hello"
t = (1, 2, 3)
print(lst[0], lst[-1], lst[-4], s[1], s[-1], t[2], t[-3])
nested = [[1, 2], [3, [4, 5]]]
print(nested[1][1][0], nested[-1][-1][-1])
d = {"a": 1, (1, 2): "tuple key", 3: "int key"}
print(d["a"], d[(1, 2)], d[1, 2], d[3])
print("abc"[True], [5, 6][False])
print(range(10)[3], range(10)[-1], range(2, 20, 3)[2])
for thunk in (lambda: lst[4], lambda: lst[-5], lambda: s[5], lambda: t[3], lambda: range(3)[3], lambda: d["zz"], lambda: ""[0]):
    try:
        print(thunk())
    except (IndexError, KeyError) as e:
        print(type(e).__name__, e)
try:
    lst[10 ** 20]
except IndexError as e:
    print(type(e).__name__, e)
