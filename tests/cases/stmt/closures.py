# Closures capture variables (cells), not values; sibling closures share cells.
def make_pair():
    value = 0
    def get():
        return value
    def set_(v):
        nonlocal value
        value = v
    return get, set_
get, set_ = make_pair()
print(get())
set_(42)
print(get())
def multiplier(factor):
    def apply(x):
        return x * factor
    return apply
double, triple = multiplier(2), multiplier(3)
print(double(5), triple(5))
def outer():
    x = 1
    def show():
        return x
    x = 2
    return show
print(outer()())
def compose(*fs):
    def run(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return run
print(compose(double, triple, lambda v: v + 1)(1))
def deep(a):
    def l1(b):
        def l2(c):
            def l3(d):
                return a + b + c + d
            return l3
        return l2
    return l1
print(deep(1)(2)(3)(4))
def memo():
    cache = {}
    def fib(n):
        if n in cache:
            return cache[n]
        result = n if n < 2 else fib(n - 1) + fib(n - 2)
        cache[n] = result
        return result
    return fib
print(memo()(90))
