# import m, import m as n, from m import a, b as c, from m import * (with and without __all__),
# imports inside functions, __name__/__file__, module attributes, one module object per name
import helper
import helper as h2
from helper import double, VALUE as v
from starall import *
from starpublic import *
import sys

print(__name__, helper.__name__)
print(helper is h2, sys.modules["helper"] is helper)
print(double(21), v, helper.VALUE)
print(repr(helper))
print(helper.__file__)
print(__file__)
print(type(helper).__name__, type(sys.modules).__name__)
print(exported(), also_exported)
try:
    hidden_by_all
except NameError as e:
    print(e)
print(public_one, sorted(k for k in globals() if k.startswith("public")))
try:
    _private
except NameError as e:
    print(e)


def late():
    import helper as inner
    from helper import double as d
    return inner is helper, d(5)


print(late())
print(helper.calls)
helper.new_attr = 7
print(helper.new_attr, helper.__dict__["new_attr"])
del helper.new_attr
try:
    helper.new_attr
except AttributeError as e:
    print(e)
import helper
print(helper.calls, "body ran once")
print(helper.counter(), helper.counter())
print(double.__module__, double.__qualname__, double.__globals__ is helper.__dict__)
print(helper.__package__ == "")
