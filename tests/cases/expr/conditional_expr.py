# Conditional expressions evaluate only the chosen branch.
def v(x):
    print("eval", x)
    return x

for n in (-2, 0, 3):
    print(n, "neg" if n < 0 else "zero" if n == 0 else "pos")
print(v("a") if v(True) else v("b"))
print(v("a") if v(0) else v("b"))
x = [1, 2] if len("ab") == 2 else None
print(x)
f = (lambda n: "even" if n % 2 == 0 else "odd")
print([f(i) for i in range(4)])
print((1 if True else 2) + (10 if False else 20))
