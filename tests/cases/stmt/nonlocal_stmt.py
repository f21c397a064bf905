# `nonlocal` rebinding variables of enclosing function scopes.
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
def outer():
    x = "outer"
    def middle():
        def inner():
            nonlocal x
            x = "changed by inner"
        inner()
        return x
    result = middle()
    return result, x
print(outer())
def two_levels():
    a = 1
    def mid():
        a = 2
        def inner():
            nonlocal a
            a += 10
        inner()
        return a
    return mid(), a
print(two_levels())
def accumulator():
    total = 0
    items = []
    def add(x):
        nonlocal total
        total += x
        items.append(x)
        return total, items
    return add
add = accumulator()
add(1)
print(add(2))
