def f(a: int, *args: str, b: "X" = 1, **kw: float) -> None:
    pass
print(f.__annotations__)
g = lambda x: x
print(g.__annotations__)
class A:
    def m(self, x: int) -> "A":
        return self
print(A.m.__annotations__, A().m.__annotations__)
