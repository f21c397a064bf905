# 05 - A generic loop that runs generators: a tiny scheduler
#
# Here the generators do not yield *data*; they yield *requests* to the loop
# that drives them ("let me sleep 2 ticks", "start this other task"). The
# loop function knows nothing about what each task does. It just resumes tasks
# in order and handles their requests. This is the shape of every event loop
# built on generators or coroutines: the loop is generic, the tasks are
# ordinary-looking sequential code that yields wherever it would wait.


def sleep(ticks):
    """A request: resume me after `ticks` clock ticks."""
    return ("sleep", ticks)


def spawn(task):
    """A request: start running this other task too."""
    return ("spawn", task)


def run(main):
    """Run `main` and everything it spawns until all have finished."""
    clock = 0
    ready = [(0, 0, main)]          # (wake-up tick, sequence number, task)
    sequence = 1
    print(f"[t={clock}]")
    while ready:
        ready.sort(key=lambda entry: (entry[0], entry[1]))
        wake_at, _, task = ready.pop(0)
        if wake_at > clock:         # nothing runnable earlier: jump the clock
            clock = wake_at
            print(f"[t={clock}]")
        try:
            request = next(task)    # run the task until it yields a request
        except StopIteration as stop:
            if stop.value is not None:
                print(f"[t={clock}] a task finished with {stop.value!r}")
            continue
        kind, argument = request
        if kind == "sleep":
            ready.append((clock + argument, sequence, task))
        elif kind == "spawn":
            ready.append((clock, sequence, argument))
            sequence += 1
            ready.append((clock, sequence, task))
        sequence += 1
    print(f"[t={clock}] loop finished: nothing left to run")


def worker(name, steps, delay):
    for i in range(steps):
        print(f"  {name}: step {i + 1}/{steps}")
        yield sleep(delay)
    return f"{name} done"


def main():
    print("  main: starting two workers")
    yield spawn(worker("fast", 3, 1))
    yield spawn(worker("slow", 2, 3))
    print("  main: workers started, main sleeps 2 ticks")
    yield sleep(2)
    print("  main: awake again, starting a late worker")
    yield spawn(worker("late", 1, 1))
    return "main done"


run(main())
