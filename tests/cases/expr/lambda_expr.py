# Lambdas: parameters, defaults, closures, immediate calls.
add = lambda a, b: a + b
print(add(2, 3), (lambda: "no args")(), (lambda x=5: x)(), (lambda *a, **k: (a, k))(1, b=2))
def make_adder(n):
    return lambda x: x + n
add10 = make_adder(10)
print(add10(5), make_adder(-1)(1))
pairs = [(1, "b"), (3, "a"), (2, "c")]
print(sorted(pairs, key=lambda p: p[1]))
print(list(map(lambda x: x ** 2, range(5))))
print(list(filter(lambda x: x % 2, range(10))))
compose = lambda f, g: lambda x: f(g(x))
print(compose(lambda x: x + 1, lambda x: x * 2)(5))
print((lambda: (lambda: "nested")())())
print(add.__name__, (lambda: 0).__name__)
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(20))
