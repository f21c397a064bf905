# Local names shadow globals, which shadow builtins.
len = lambda x: "shadowed len"
print(len([1, 2]))
del len
print(len([1, 2]))
x = "global"
def f():
    x = "local"
    return x
print(f(), x)
def g():
    return x
print(g())
def h(print=print):
    print("builtin passed as a default")
h()
def uses_builtin_name():
    max = 5
    return max
print(uses_builtin_name(), max(1, 2))
for sum in range(2):
    pass
print(sum)
del sum
print(sum([1, 2]))
