# 06 - Pitfall: a plain function between two generators
#
# A `yield` only suspends the generator it is written in. If a generator calls
# an ordinary function, and that function calls a generator function, the
# inner generator is just *created* (or driven to completion inside the plain
# function). Its yields never reach the outer loop, because a plain function
# cannot pause; only generators can. To let yields pass through, every level in
# between must itself be a generator using `yield from`.


def step(name):
    print(f"    {name}: started")
    yield f"{name} wants to pause here"
    print(f"    {name}: resumed")
    return f"{name} result"


def helper_forgets_yield_from():
    # Calling step() only creates a generator object; nothing runs.
    return step("inner")


def helper_drives_it_itself():
    # Consuming the generator inside a plain function runs it to the end
    # immediately: its pause points are spent without anybody outside noticing.
    return list(step("inner"))


def outer_a():
    result = helper_forgets_yield_from()
    yield f"outer_a got {type(result).__name__!r}, not the inner result"


def outer_b():
    result = helper_drives_it_itself()
    yield f"outer_b got {result!r} and the caller never saw the pause"


def helper_as_generator():
    # The fix: make the middle level a generator too and delegate.
    result = yield from step("inner")
    return result


def outer_c():
    result = yield from helper_as_generator()
    yield f"outer_c got {result!r}"


for outer in (outer_a, outer_b, outer_c):
    print(f"Driving {outer.__name__}:")
    for value in outer():
        print("  caller received:", value)
    print()

print("Only outer_c let the caller see the inner generator's pause:")
print("every level between the caller and the `yield` must be a generator.")
