# Step 2 - Future and Task
#
# A Future (future.py) is a box for a result that is not there yet: it starts
# PENDING, becomes DONE with a result or an exception, and then schedules the
# callbacks waiting for it on the loop. Its __iter__ is a generator, so a
# coroutine can write `value = yield from future`: the future itself is
# yielded up to whoever drives the coroutine, and when that driver resumes it
# after the future is done, `yield from` evaluates to the result.
#
# A Task (task.py) is that driver. It is itself a Future (its result is what
# the coroutine returns). Each step sends into the coroutine; when the
# coroutine yields a future, the task adds a done-callback to it and sleeps;
# the callback runs the next step.
from future import Future, FutureState, InvalidStateError
from loop import Loop
from task import Task

print("-- a future on its own")
fut = Future("answer")
print(fut, fut.state, fut.done())
try:
    fut.result()
except InvalidStateError as e:
    print("result() too early:", e)
fut.add_done_callback(lambda f: print("  callback sees", f))
fut.set_result(42)
print(fut, fut.state, fut.result())
print("the callback is scheduled, not run yet; the loop runs it:")
Loop.get().run_once()
try:
    fut.set_result(43)
except InvalidStateError as e:
    print("set_result() twice:", e)
print([state.name for state in FutureState], FutureState("done"), FutureState.DONE.value)


print("-- a task waiting for a future another task resolves")


def producer(box):
    print("  producer: working...")
    yield
    yield
    print("  producer: result ready")
    box.set_result("the data")
    return "produced"


def consumer(box):
    print("  consumer: waiting for", box)
    data = yield from box
    print("  consumer: got", repr(data))
    return len(data)


def main():
    box = Future("box")
    consumer_task = Task(consumer(box))
    producer_task = Task(producer(box))
    print("  main: started", consumer_task, "and", producer_task)
    length = yield from consumer_task
    print("  main: consumer returned", length, "- producer is", producer_task)
    return length * 2


print("result:", Loop.get().run_until_complete(main()))


print("-- an exception set on a future is raised by `yield from`")


def fails_later(box):
    yield
    box.set_exception(ValueError("no data today"))


def careful():
    box = Future("box")
    Task(fails_later(box))
    try:
        yield from box
    except ValueError as e:
        print("  careful: caught", repr(e))
    box2 = Future("box2")
    Task(fails_later(box2))
    yield from box2


try:
    Loop.get().run_until_complete(careful())
except ValueError as e:
    print("run_until_complete raised", repr(e))
