# The body of coro's first `asyncio` module: the two predicates a generator-based event loop
# needs. Like CPython 3.11's asyncio, iscoroutine accepts generator objects (generator-based
# coroutines) and anything with the Coroutine methods; `_GeneratorType` is set by asyncio.rs.
# CPython defines them in asyncio.coroutines, which their __module__ shows.

__name__ = "asyncio.coroutines"


def iscoroutine(obj):
    if isinstance(obj, _GeneratorType):
        return True
    t = type(obj)
    for name in ("__await__", "send", "throw", "close"):
        if getattr(t, name, None) is None:
            return False
    return True


def iscoroutinefunction(func):
    # Only `async def` functions (which coro does not have) are coroutine functions in 3.11.
    return False


__name__ = "asyncio"
