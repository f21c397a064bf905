import m
x = 1
print(sorted(k for k in globals() if not k.startswith("__")))
print(m.g() is m.__dict__, "y" in m.g())
