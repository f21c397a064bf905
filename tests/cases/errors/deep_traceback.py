# An error deep in a call chain: only the final line is compared.
def a(n):
    return b(n) + 1
def b(n):
    return c(n) * 2
def c(n):
    return {"one": 1}[n]
print(a("one"))
print(a("two"))
