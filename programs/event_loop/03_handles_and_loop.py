# Step 3 - Handles and the Loop singleton
#
# Everything the loop runs is a Handle (handle.py): a callback and the
# arguments to call it with. call_soon() appends one to the ready queue; each
# step of the loop runs the handles that were ready when the step began. A
# Task is nothing special to the loop: every step of a task is a handle that
# calls Task._step, and a future's done-callbacks are handles too.
#
# There is one loop per program. Loop.get() is a classmethod that creates it
# the first time and returns the same object ever after (it is kept in the
# class attribute Loop._instance). With `trace` on, the loop prints the ready
# handles at each step.
import functools

from future import Future
from loop import Loop
from task import Task

loop = Loop.get()
print(loop is Loop.get(), Loop._instance is loop, type(loop).__name__)
loop.trace = True


def report(what, *values):
    print(f"  report: {what} {values}")


print("-- callbacks with arguments")
loop.call_soon(report, "sum", 1 + 2)
skipped = loop.call_soon(report, "never printed")
# call_soon passes positional arguments only; functools.partial adds keywords.
loop.call_soon(functools.partial(print, "  print with keywords", sep="|", end="!\n"), "x")
skipped.cancel()
print(skipped, skipped.cancelled())
loop.run_once()


print("-- handles scheduled by handles run at the next step")


def chain(n):
    print(f"  chain({n})")
    if n > 0:
        loop.call_soon(chain, n - 1)


loop.call_soon(chain, 2)
loop.call_soon(report, "same step as chain(2)")
loop.run_until_idle()


print("-- a task's steps are handles too")


def ticker(name, n):
    for i in range(n):
        print(f"  {name} tick {i}")
        yield
    return name


def main():
    t1 = Task(ticker("t1", 2), name="t1")
    t2 = Task(ticker("t2", 1), name="t2")
    done = Future("done")
    done.add_done_callback(functools.partial(report, "done callback"))
    loop.call_soon(done.set_result, "set by a handle")
    names = [(yield from t1), (yield from t2)]
    print("  main: tickers returned", names)
    message = yield from done
    return message.upper()


print("result:", loop.run_until_complete(main()), "after", loop.steps, "steps in all")
