# Step 4 - waiting for several coroutines at once
#
# wait() (wait.py) wraps each coroutine in a Task, so they all make progress
# on the loop together, and suspends its caller on one more Future that a
# done-callback on every child resolves when the last child finishes. The
# results come back in the order the coroutines were given, whatever order
# they finished in. The first child to fail makes wait() raise its exception.
from future import Future
from loop import Loop
from task import Task
from wait import wait


def fetch(name, steps):
    print(f"  fetch {name}: start ({steps} steps)")
    for _ in range(steps):
        yield
    print(f"  fetch {name}: done")
    return f"<{name} page>"


def broken(steps):
    for _ in range(steps):
        yield
    raise ConnectionError("connection reset")


def main():
    pages = yield from wait(fetch("slow", 3), fetch("fast", 1), fetch("medium", 2))
    print("  main: pages", pages)
    # Futures can be waited for too, alongside coroutines.
    ticket = Future("ticket")
    Loop.get().call_soon(ticket.set_result, 7)
    both = yield from wait(ticket, fetch("again", 1))
    print("  main: both", both)
    empty = yield from wait()
    print("  main: nothing to wait for", empty)
    survivor = Task(fetch("survivor", 5))
    try:
        yield from wait(survivor, broken(1))
    except ConnectionError as e:
        print("  main: wait() raised", repr(e))
    print("  main: the other child kept running:", survivor)
    print("  main: and finishes with", (yield from survivor))
    return len(pages)


loop = Loop.get()
print("result:", loop.run_until_complete(main()))
print("steps:", loop.steps)

print("-- the same with the loop tracing its steps")
loop.trace = True
print("result:", loop.run_until_complete(wait(Task(fetch("a", 2), name="a"), Task(fetch("b", 1), name="b"))))
