# Closures created in a loop all see the loop variable's final value.
funcs = []
for i in range(3):
    funcs.append(lambda: i)
print([f() for f in funcs])
funcs = []
for i in range(3):
    funcs.append(lambda i=i: i)
print([f() for f in funcs])
def make(i):
    return lambda: i
funcs = [make(i) for i in range(3)]
print([f() for f in funcs])
def builders():
    result = []
    for name in ["a", "b"]:
        def show():
            return name
        result.append(show)
    name = "rebound after loop"
    return result
print([f() for f in builders()])
adders = [lambda x, n=n: x + n for n in range(3)]
print([add(10) for add in adders])
