"""A Future: a result that is not there yet, and the callbacks waiting for it."""
import enum
from typing import Any, Callable, Generator, List, Optional

from loop import Loop


class FutureState(enum.Enum):
    PENDING = "pending"
    DONE = "done"
    CANCELLED = "cancelled"


class CancelledError(BaseException):
    """Raised by result() of a cancelled future, and inside a cancelled task's coroutine.
    A BaseException (as in asyncio), so `except Exception` does not swallow it."""


class InvalidStateError(Exception):
    """The future is not in the state the call needs."""


class Future:
    def __init__(self, name: Optional[str] = None) -> None:
        self.name = name
        self._state = FutureState.PENDING
        self._result: Any = None
        self._exception: Optional[BaseException] = None
        self._callbacks: List[Callable[["Future"], None]] = []

    @property
    def state(self) -> FutureState:
        return self._state

    def done(self) -> bool:
        return self._state != FutureState.PENDING

    def cancelled(self) -> bool:
        return self._state == FutureState.CANCELLED

    def result(self) -> Any:
        if self._state == FutureState.CANCELLED:
            raise CancelledError(f"{self!r} was cancelled")
        if self._state == FutureState.PENDING:
            raise InvalidStateError("result is not ready")
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self) -> Optional[BaseException]:
        if self._state == FutureState.CANCELLED:
            raise CancelledError(f"{self!r} was cancelled")
        if self._state == FutureState.PENDING:
            raise InvalidStateError("exception is not set")
        return self._exception

    def add_done_callback(self, fn: Callable[["Future"], None]) -> None:
        """fn(self) runs on the loop once the future is done (at the next step if it is)."""
        if self.done():
            Loop.get().call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def set_result(self, result: Any) -> None:
        self._finish(FutureState.DONE, result=result)

    def set_exception(self, exception: BaseException) -> None:
        self._finish(FutureState.DONE, exception=exception)

    def cancel(self) -> bool:
        """Cancel the future if it is pending; True if it was."""
        if self.done():
            return False
        self._finish(FutureState.CANCELLED)
        return True

    def _finish(self, state: FutureState, *, result: Any = None, exception: Optional[BaseException] = None) -> None:
        if self.done():
            raise InvalidStateError(f"{self!r} is already {self._state.value}")
        self._state = state
        self._result = result
        self._exception = exception
        # The callbacks do not run now, inside whoever finished the future: they are
        # scheduled on the loop, in the order they were added.
        callbacks, self._callbacks = self._callbacks, []
        for fn in callbacks:
            Loop.get().call_soon(fn, self)

    def __iter__(self) -> Generator["Future", None, Any]:
        """`yield from future` in a coroutine: the future itself travels up to the task
        driving the coroutine, which resumes it once the future is done."""
        while not self.done():
            yield self
        return self.result()

    def __repr__(self) -> str:
        label = type(self).__name__
        if self.name is not None:
            label += f" {self.name!r}"
        info = self._state.value
        if self._state == FutureState.DONE:
            if self._exception is not None:
                info += f" exception={self._exception!r}"
            else:
                info += f" result={self._result!r}"
        return f"<{label} {info}>"
