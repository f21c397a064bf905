# 07 - Coroutines fed by send()
#
# `yield` is also an expression: `x = yield value` pauses and, when resumed
# with gen.send(v), evaluates to v. A generator used this way is a *coroutine*:
# instead of producing a stream of values it consumes one, keeping its state
# between inputs. It must first be started ("primed") with next() or
# send(None) so that it is paused at its first `yield`, ready to receive.


def averager():
    """Receives numbers, answers with the running average."""
    total = 0.0
    count = 0
    average = None
    while True:
        number = yield average   # pause: hand out the average, wait for input
        total += number
        count += 1
        average = total / count


avg = averager()
next(avg)                        # prime it: run to the first yield
for reading in (10, 20, 30, 100):
    print(f"sent {reading:>3} -> running average {avg.send(reading):.2f}")

print()
print("Sending to an unprimed coroutine is an error:")
fresh = averager()
try:
    fresh.send(5)
except TypeError as e:
    print("  TypeError:", e)

print()
print("Coroutines can be chained: each one pushes results to the next.")


def printer(prefix):
    while True:
        item = yield
        print(f"  {prefix}{item}")


def only_even(target):
    while True:
        n = yield
        if n % 2 == 0:
            target.send(n)


def squares(target):
    while True:
        n = yield
        target.send(n * n)


sink = printer("received: ")
next(sink)
evens = only_even(sink)
next(evens)
pipeline = squares(evens)
next(pipeline)
for n in range(1, 7):
    pipeline.send(n)

print()
print("A coroutine that returns a result when told to stop:")


def collect_words():
    words = []
    while True:
        word = yield len(words)
        if word is None:
            return words
        words.append(word)


c = collect_words()
next(c)
for w in ("coroutines", "are", "generators"):
    print(f"  sent {w!r}, count now {c.send(w)}")
try:
    c.send(None)
except StopIteration as stop:
    print("  result:", stop.value)
