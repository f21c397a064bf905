def f():
    "hello"
    return 1
class A:
    "cls doc"
    def m(self):
        "mdoc"
print(f.__doc__, A.__doc__, A.m.__doc__, A().m.__doc__)
