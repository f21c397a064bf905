# Subclasses of builtin types: CPython's errors for what they cannot do.
class L(list):
    pass


class T(tuple):
    __slots__ = ()


class D(dict):
    pass


try:
    hash(L())
except TypeError as e:
    print("TypeError:", e)
try:
    {D(): 1}
except TypeError as e:
    print("TypeError:", e)
t = T((1, 2))
try:
    t.x = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    t.__dict__
except AttributeError as e:
    print("AttributeError:", e)
try:
    L(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    T(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    D(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    D()["missing"]
except KeyError as e:
    print("KeyError:", e)
try:

    class Both(list, dict):
        pass

except TypeError as e:
    print("TypeError:", e)
try:

    class B(bool):
        pass

except TypeError as e:
    print("TypeError:", e)
try:
    tuple.__new__(5)
except TypeError as e:
    print("TypeError:", e)
try:
    tuple.__new__(dict)
except TypeError as e:
    print("TypeError:", e)
print(L().missing)
