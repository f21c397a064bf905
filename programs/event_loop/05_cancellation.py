# Step 5 - cancellation
#
# Task.cancel() asks a coroutine to stop where it is suspended: the loop
# raises CancelledError at its `yield` (if the task waits for a future, that
# future is cancelled, and `yield from future` raises it from result()). The
# coroutine runs its `finally` blocks on the way out, or catches the error and
# carries on. Whoever waits for a cancelled task gets CancelledError too, so
# cancelling the task that waits in wait() cancels the children as well.
from future import CancelledError, Future
from loop import Loop
from task import Task
from wait import wait


def worker(name, steps):
    try:
        for i in range(steps):
            print(f"  {name}: step {i}")
            yield
        return f"{name} finished"
    finally:
        print(f"  {name}: cleaning up")


def waiter(name, future):
    try:
        return (yield from future)
    except CancelledError as e:
        print(f"  {name}: cancelled while waiting: {e}")
        raise


def stubborn():
    try:
        yield from Future("never")
    except CancelledError:
        print("  stubborn: ignoring the cancellation")
    return "stubborn result"


def main():
    print("- a task suspended at a bare yield")
    w = Task(worker("w", 10))
    yield
    yield
    print("  main: cancel", w, "->", w.cancel())
    try:
        yield from w
    except CancelledError as e:
        print("  main: waiting for it raised", repr(e))
    print("  main:", w, w.cancelled(), w.cancel())

    print("- a task waiting for a future")
    box = Future("box")
    t = Task(waiter("t", box))
    yield
    t.cancel()
    print("  main: the future was cancelled with it:", box)
    yield
    print("  main:", t)

    print("- a task cancelled before it ever ran")
    never = Task(worker("never", 1))
    never.cancel()
    yield
    print("  main:", never)

    print("- a coroutine may refuse")
    s = Task(stubborn())
    yield
    s.cancel()
    print("  main: stubborn returned", repr((yield from s)), s.cancelled())

    print("- cancelling the task waiting in wait() cancels the children")
    group = Task(wait(worker("a", 5), worker("b", 5)), name="group")
    yield
    yield
    group.cancel()
    try:
        yield from group
    except CancelledError:
        print("  main:", group)

    return "main finished"


loop = Loop.get()
print("result:", loop.run_until_complete(main()))

print("- through a chain of tasks, each waiting for the next")


def chain():
    inner = Task(waiter("inner", Future("deep")), name="inner")
    middle = Task(waiter("middle", inner), name="middle")
    outer = Task(waiter("outer", middle), name="outer")
    yield
    outer.cancel()
    yield from wait(outer, middle, inner)


try:
    loop.run_until_complete(chain())
except CancelledError as e:
    print("run_until_complete raised", repr(e))

print("- nothing catches it: the program stops with CancelledError")
forever = Task(waiter("root", Future("forever")), name="root")
loop.call_soon(forever.cancel)
loop.run_until_complete(forever)
