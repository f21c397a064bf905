def f(x: undefined_name) -> int:
    pass
print("defined")
