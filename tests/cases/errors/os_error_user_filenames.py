# str() of an OSError whose errno, strerror or file names are user objects: errno and
# strerror by their __str__, file names by their __repr__, as CPython 3.11 shows them.
class P:
    def __repr__(self):
        return "P()"
class E:
    def __str__(self):
        return "E!"
class Bad:
    def __repr__(self):
        raise ValueError("no repr")
e = OSError(E(), "msg", P(), None, P())
print(e)
print(f"{e}")
print(str(OSError(2, None, P())))
e = OSError(2, "x")
e.filename = P()
print(e)
e.filename2 = [P(), 1]
print(e)
print([OSError(3, "y", P())])
e = PermissionError(13, "denied", Bad())
try:
    str(e)
except ValueError as v:
    print("ValueError", v)
print(str(OSError(E(), E())))
print(str(OSError(P())))
raise FileNotFoundError(2, "No such file or directory", P())
