# A generator that returns before its first yield produces nothing.
def never_yields():
    print("  body runs on the first next()")
    return "early"
    yield "unreachable"

def if_false():
    if False:
        yield

g = never_yields()
print("created")
try:
    next(g)
except StopIteration as e:
    print("StopIteration", repr(e.value))
print(list(never_yields()))
print(list(if_false()), sum(if_false()), tuple(if_false()))
for x in if_false():
    print("never")
else:
    print("loop over an empty generator finished")
def conditional(n):
    if n < 0:
        return
    yield n
print(list(conditional(-1)), list(conditional(1)))
