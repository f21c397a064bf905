# throw() and close() while delegating to an iterator that has no throw/close methods:
# the exception is raised in the delegating generator at the `yield from`.
def over_range():
    try:
        yield from range(3)
    except KeyError as e:
        print("  delegator handled", repr(e))
        yield "after handling"
    finally:
        print("  delegator finally")

g = over_range()
print(next(g))
print(g.throw(KeyError("k")))
print(next(g, "exhausted"))
h = over_range()
print(next(h), next(h))
h.close()
print(next(h, "closed"))
def over_string():
    result = yield from "xy"
    print("  string delegation result:", result)
print(list(over_string()))
