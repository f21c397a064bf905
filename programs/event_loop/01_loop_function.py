# Step 1 - an event loop is a loop function that drives generators
#
# Before futures and tasks, the whole idea fits in one function: keep the
# generators that can run in a queue, resume the first one, and put it back at
# the end if it paused (it yielded) or keep its return value if it finished.
# Each `yield` is a point where a generator lets the others run. `yield from`
# lets a generator call a helper that pauses too: the loop cannot tell the
# difference, it only ever sees the innermost `yield`.
from collections import deque


def countdown(name, n):
    while n > 0:
        print(f"  {name}: {n}")
        yield
        n -= 1
    return f"{name} lifted off"


def pause(steps):
    """A helper that pauses its caller for a number of steps."""
    for _ in range(steps):
        yield
    return steps


def slow_greeter(name):
    print(f"  {name}: hello")
    waited = yield from pause(3)
    print(f"  {name}: still here after {waited} steps")
    return f"{name} said goodbye"


def run(*generators):
    """Resume the generators round-robin until every one has returned; give back what
    they returned, in the order they finished."""
    ready = deque(generators)
    results = []
    while ready:
        gen = ready.popleft()
        try:
            next(gen)
        except StopIteration as stop:
            print(f"  ({gen.__name__} returned {stop.value!r}; {len(ready)} still running)")
            results.append(stop.value)
        else:
            ready.append(gen)
    return results


print(run(countdown("A", 3), countdown("B", 1)))
print(run(slow_greeter("C"), countdown("D", 2)))
