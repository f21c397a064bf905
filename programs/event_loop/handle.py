"""A Handle: one callback, with its arguments, waiting in the loop's ready queue."""
import inspect
from typing import Any, Callable, Tuple


class Handle:
    """A callback scheduled to run once; cancel() before it runs and it does nothing."""

    def __init__(self, callback: Callable[..., Any], args: Tuple[Any, ...]) -> None:
        self._callback = callback
        self._args = args
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def cancelled(self) -> bool:
        return self._cancelled

    def run(self) -> None:
        if not self._cancelled:
            self._callback(*self._args)

    def __repr__(self) -> str:
        args = ", ".join(repr(arg) for arg in self._args)
        state = "cancelled " if self._cancelled else ""
        return f"<Handle {state}{describe(self._callback)}({args})>"


def describe(callback: Callable[..., Any]) -> str:
    """A callback's name; a bound method also shows the object it is bound to, and a
    callable without a name (such as a functools.partial) shows its repr."""
    if inspect.ismethod(callback):
        return f"{callback.__self__!r}.{callback.__name__}"
    return getattr(callback, "__qualname__", None) or repr(callback)
