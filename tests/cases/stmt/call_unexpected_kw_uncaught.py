def f(a, b=0):
    return a - b

print(f(5, b=2))
f(1, z=3)
