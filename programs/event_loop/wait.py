"""wait(): run several coroutines (or futures) at once and collect their results."""
from typing import Any, Generator, List, Union

from future import CancelledError, Future
from task import Task


def wait(*aws: Union[Future, Generator[Any, None, Any]]) -> Generator[Future, None, List[Any]]:
    """Results in the order given. The first child to fail makes wait() raise its error
    (the others keep running); cancelling the task that waits cancels every child."""
    if not aws:
        return []
    children = [aw if isinstance(aw, Future) else Task(aw) for aw in aws]
    remaining = len(children)
    all_done = Future("wait")

    def on_child_done(child: Future) -> None:
        nonlocal remaining
        remaining -= 1
        if all_done.done():
            return
        if not child.cancelled() and child.exception() is not None:
            all_done.set_exception(child.exception())
        elif remaining == 0:
            all_done.set_result(None)

    for child in children:
        child.add_done_callback(on_child_done)
    try:
        yield from all_done
    except CancelledError:
        for child in children:
            child.cancel()
        raise
    return [child.result() for child in children]
