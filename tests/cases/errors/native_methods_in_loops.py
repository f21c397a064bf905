# Builtin methods called in a loop run from the VM's inner loop: their errors, their requests to
# run Python (sorting with a key, resuming a generator) and their results must all arrive
# exactly as from the general loop.
import sys


def drain(stack):
    taken = []
    while True:
        try:
            taken.append(stack.pop())
        except IndexError as e:
            return taken, str(e)


print(drain([1, 2, 3]))


def counter():
    total = 0
    while True:
        got = yield total
        if got is None:
            return total
        total += got


def drive(values):
    g = counter()
    g.send(None)
    seen = []
    for v in values:
        seen.append(g.send(v))
    try:
        g.send(None)
    except StopIteration as stop:
        seen.append(("stop", stop.value))
    return seen


print(drive([1, 2, 3]))


def sort_rows(rows):
    out = []
    for row in rows:
        row.sort(key=lambda x: -x)
        out.append(row[0])
    return out


print(sort_rows([[3, 1, 2], [5, 9], [0]]))


def lookups(d, keys):
    found = []
    for k in keys:
        found.append(d.get(k, "missing"))
        try:
            found.append(d.pop(k))
        except KeyError as e:
            found.append(("KeyError", e.args))
    return found


print(lookups({"a": 1, "b": 2}, ["a", "z", "b", "a"]))


def cleanup():
    log = []
    for i in range(3):
        try:
            log.append(i)
            if i == 1:
                log.index(99)
        except ValueError as e:
            log.append(str(e))
        finally:
            log.append("finally")
    return log


print(cleanup())
sys.stdout.write("written\n")


def fail_deep(items):
    for _ in range(2):
        items.remove("absent")


def caller():
    fail_deep(["present"])


caller()
