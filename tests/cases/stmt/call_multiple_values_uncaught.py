def f(a, b=0):
    return a - b

print(f(b=1, a=2))
f(1, a=2)
