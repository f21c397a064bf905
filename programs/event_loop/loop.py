"""The event loop: a queue of ready handles, run in order, one step at a time."""
from collections import deque
from typing import Any, Callable, Deque, Generator, Union

from handle import Handle


class Loop:
    """There is one loop per program: reach it with Loop.get(), never Loop()."""

    _instance: "Loop" = None

    @classmethod
    def get(cls) -> "Loop":
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def __init__(self) -> None:
        self._ready: Deque[Handle] = deque()
        self.steps = 0
        self.trace = False

    def call_soon(self, callback: Callable[..., Any], *args: Any) -> Handle:
        """Run callback(*args) at the next step, after the handles already scheduled."""
        handle = Handle(callback, args)
        self._ready.append(handle)
        return handle

    def run_once(self) -> None:
        """One step: run the handles that are ready now. Those they schedule wait for the
        next step, so a task that keeps rescheduling itself cannot starve the others."""
        self.steps += 1
        if self.trace:
            print(f"step {self.steps}: {list(self._ready)}")
        for _ in range(len(self._ready)):
            handle = self._ready.popleft()
            handle.run()

    def run_until_idle(self) -> None:
        """Run steps until no handle is ready."""
        while self._ready:
            self.run_once()

    def run_until_complete(self, aw: Union["Future", Generator[Any, None, Any]]) -> Any:
        """Run steps until the future is done (a coroutine is wrapped in a Task first);
        return its result or raise its exception."""
        # future.py and task.py import this module: importing them when they are first
        # needed (not at the top) breaks the cycle.
        from future import Future
        from task import Task

        task = aw if isinstance(aw, Future) else Task(aw)
        while not task.done():
            if not self._ready:
                raise RuntimeError(f"nothing is ready but {task!r} is not done")
            self.run_once()
        return task.result()
