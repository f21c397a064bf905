# Functions are values: stored, passed, returned; their names and reprs.
def square(x):
    return x * x
def apply_twice(f, x):
    return f(f(x))
print(apply_twice(square, 3))
ops = {"sq": square, "neg": lambda v: -v}
print([ops[k](4) for k in ("sq", "neg")])
def outer():
    def inner():
        pass
    return inner
print(square.__name__, outer().__name__)
print(repr(square))
print(outer())
print(lambda: 0)
print(type(square), type(len), callable(square))
print(square is square, square == square, outer() is outer())
print(len, print)
alias = square
print(alias(9), alias.__name__)
