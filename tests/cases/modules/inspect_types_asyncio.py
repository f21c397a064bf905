# types, inspect and asyncio: the predicates an event loop built from generators uses
import types
import inspect
import asyncio
from types import GeneratorType, FunctionType
from inspect import isgenerator, isgeneratorfunction
from asyncio import iscoroutine, iscoroutinefunction


def gen():
    yield 1


def plain():
    return 1


g = gen()
lam = lambda: None
ge = (x for x in [])
print(isinstance(g, GeneratorType), isinstance(ge, GeneratorType), isinstance(plain, GeneratorType))
print(isinstance(gen, FunctionType), isinstance(lam, types.FunctionType), isinstance(len, FunctionType))
print(GeneratorType, FunctionType, types.LambdaType is FunctionType, types.ModuleType, types.BuiltinFunctionType)
print(isinstance(types, types.ModuleType), type(g) is types.GeneratorType)
print(isgenerator(g), isgenerator(ge), isgenerator(gen), isgenerator(map(str, [])), isgenerator(iter([])))
print(isgeneratorfunction(gen), isgeneratorfunction(plain), isgeneratorfunction(g), isgeneratorfunction(len))
print(inspect.isfunction(gen), inspect.isfunction(len), inspect.isbuiltin(len), inspect.ismodule(inspect))
print(inspect.isclass(int), inspect.isclass(3), inspect.ismethod([].append), inspect.isroutine(len))
print(inspect.iscoroutine(g), inspect.iscoroutinefunction(gen), inspect.isawaitable(g), inspect.isawaitable(3))
print(iscoroutine(g), iscoroutine(ge), iscoroutine(gen), iscoroutine(1), iscoroutine(map(str, [])))
print(iscoroutinefunction(gen), iscoroutinefunction(plain), iscoroutinefunction(g), asyncio.iscoroutinefunction(lam))
print(isgenerator.__name__, isgenerator.__module__, iscoroutine.__module__, type(iscoroutine).__name__)
print(repr(isgenerator).split(" at ")[0], repr(asyncio.iscoroutine).split(" at ")[0])
next(g)
print(isgenerator(g), iscoroutine(g))
try:
    isgenerator()
except TypeError as e:
    print(e)
try:
    iscoroutinefunction()
except TypeError as e:
    print(e)
