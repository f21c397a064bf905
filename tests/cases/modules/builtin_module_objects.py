# built-in modules: reprs, one object per name in sys.modules, attributes and their errors
import sys
import itertools
import time as t
import builtins

print(sys, itertools, t, builtins)
print(sys.modules["sys"] is sys, sys.modules["time"] is t, sys.modules["__main__"].__name__)
import itertools as again

print(again is itertools, type(sys.modules).__name__, "itertools" in sys.modules)
print(itertools.__name__, t.__name__)
try:
    itertools.nothing
except AttributeError as e:
    print(e)
print(builtins.len([1, 2]), builtins.print is print)


def uses_import():
    import math as m
    from math import floor

    return m.floor(2.5) == floor(2.5)


def gen_import():
    import itertools

    yield from itertools.islice(itertools.count(), 3)


print(uses_import(), list(gen_import()), "math" in sys.modules)
import nosuchmodule_here
