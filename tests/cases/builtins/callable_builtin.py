# callable() on functions, builtins, methods, types and plain values.
def f():
    pass
print(callable(f), callable(len), callable(lambda: 0), callable("abc".upper), callable([].append))
print(callable(int), callable(str), callable(ValueError), callable(print))
print(callable(1), callable("f"), callable(None), callable([f]), callable((x for x in [])))
