from typing import NamedTuple, List
import typing


class Employee(NamedTuple):
    """An employee."""
    name: str
    id: int = 3
    tags: List[str] = []

    def describe(self):
        return f"{self.name}#{self.id}"

    def __str__(self):
        return "E:" + self.name


e = Employee("Guido")
print(e, repr(e), e.describe(), e.id, e._fields, e._field_defaults, Employee.__annotations__)
print(Employee.__mro__, Employee.__bases__, Employee.__orig_bases__, Employee.__doc__, Employee.__module__)
print(isinstance(e, tuple), e == ("Guido", 3, []), e._replace(id=7), Employee._make(["a", 1, []]))
print(type(e).__name__, Employee.__qualname__, e._asdict())

P = NamedTuple("P", [("x", int), ("y", float)])
print(P(1, 2.0), P.__annotations__, P.__module__)
Q = NamedTuple("Q", a=int)
print(Q(5), Q._fields)


class Sub(Employee):
    def hello(self):
        return "hi " + self.name


s = Sub("x", 1)
print(s, s.hello(), Sub.__mro__, s.describe())
try:
    class Bad(NamedTuple):
        x: int = 0
        y: int
except TypeError as err:
    print("TypeError:", err)
try:
    class Bad2(NamedTuple):
        x: int
        _fields = 1
except AttributeError as err:
    print("AttributeError:", err)
try:
    class Bad3(NamedTuple, int):
        x: int
except TypeError as err:
    print("TypeError:", err)
try:
    NamedTuple("R", [("a", int)], b=int)
except TypeError as err:
    print("TypeError:", err)
try:
    e.name = "z"
except AttributeError as err:
    print("AttributeError:", err)
print(typing.Counter[str], typing.DefaultDict[str, int], typing.OrderedDict)
Employee("a", 1, [], 4)
