# The body of coro's `inspect` module (CPython's are Python functions too). The names starting
# with an underscore are set by vm/src/modules/inspect.rs before this runs.


def ismodule(object):
    return isinstance(object, _ModuleType)


def isfunction(object):
    return isinstance(object, _FunctionType)


def ismethod(object):
    return isinstance(object, _MethodType)


def isbuiltin(object):
    return isinstance(object, _BuiltinType)


def isclass(object):
    return isinstance(object, type)


def iscode(object):
    return isinstance(object, _CodeType)


def isgenerator(object):
    return isinstance(object, _GeneratorType)


def isgeneratorfunction(obj):
    return _is_generator_function(obj)


def isroutine(object):
    return isbuiltin(object) or isfunction(object) or ismethod(object)


# coro has no `async def`: nothing is a native coroutine or a coroutine function.
def iscoroutine(object):
    return False


def iscoroutinefunction(obj):
    return False


def isawaitable(object):
    return getattr(type(object), "__await__", None) is not None
