# A chain of 1000 generators, each delegating to the next with `yield from`.
# CPython 3.11 resumes each level in a nested C call, so the recursion limit is
# raised to be safe; values, sends, throws and closes all cross the whole chain.
import sys
sys.setrecursionlimit(5000)

def chain(depth):
    if depth == 0:
        total = 0
        while True:
            try:
                received = yield total
            except ValueError as e:
                print("  bottom handled", e)
                continue
            if received is None:
                return total
            total += received
    result = yield from chain(depth - 1)
    return result + 1

g = chain(1000)
print(next(g))
print(g.send(5))
print(g.send(10))
print(g.throw(ValueError("thrown from the top")))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)

def closing_chain(depth, log):
    try:
        if depth == 0:
            yield "deepest"
        else:
            yield from closing_chain(depth - 1, log)
    finally:
        log.append(depth)
log = []
c = closing_chain(1000, log)
print(next(c))
c.close()
print(len(log), log[:3], log[-3:])

def counting(depth):
    if depth == 0:
        yield from range(5)
    else:
        yield from counting(depth - 1)
print(sum(counting(1000)))
