"""A Task: a Future whose result is what a coroutine returns. It drives the coroutine with
send() and throw(), one step per handle on the loop."""
from typing import Any, Generator, Optional

from future import CancelledError, Future
from loop import Loop


class Task(Future):
    def __init__(self, coro: Generator[Any, None, Any], name: Optional[str] = None) -> None:
        super().__init__(name if name is not None else coro.__name__)
        self._coro = coro
        self._waiting_on: Optional[Future] = None
        self._must_cancel = False
        Loop.get().call_soon(self._step)

    def set_result(self, result: Any) -> None:
        raise RuntimeError("a Task's result is what its coroutine returns")

    def set_exception(self, exception: BaseException) -> None:
        raise RuntimeError("a Task's exception is what its coroutine raises")

    def cancel(self) -> bool:
        """Ask the coroutine to stop: CancelledError is raised where it is suspended.
        It may catch it; the task is cancelled only if the error comes back out."""
        if self.done():
            return False
        if self._waiting_on is not None and self._waiting_on.cancel():
            # Cancelling the future wakes this task up, and the coroutine's
            # `yield from future` raises CancelledError from result().
            return True
        self._must_cancel = True
        return True

    def _step(self, exc: Optional[BaseException] = None) -> None:
        if self._must_cancel:
            self._must_cancel = False
            exc = CancelledError(f"{self!r} was cancelled")
        self._waiting_on = None
        try:
            if exc is None:
                yielded = self._coro.send(None)
            else:
                yielded = self._coro.throw(exc)
        except StopIteration as stop:
            super().set_result(stop.value)
        except CancelledError:
            super().cancel()
        except Exception as error:
            super().set_exception(error)
        else:
            if isinstance(yielded, Future):
                # Sleep until the future is done; then _wakeup runs the next step.
                self._waiting_on = yielded
                yielded.add_done_callback(self._wakeup)
            elif yielded is None:
                # A bare `yield`: let the other handles run, then carry on.
                Loop.get().call_soon(self._step)
            else:
                error = RuntimeError(f"{self.name} yielded {yielded!r}, not a Future")
                Loop.get().call_soon(self._step, error)

    def _wakeup(self, future: Future) -> None:
        self._step()
