# 01 - Functions versus generators
#
# Calling a *function* runs its whole body before the caller gets control back:
# the caller is blocked until the function returns, and then the function's
# local variables are gone.
#
# Calling a *generator function* (any function whose body contains `yield`)
# runs nothing at all. It returns a generator object. Each next() on that
# object runs the body until the next `yield`, hands the yielded value to the
# caller and *pauses* there, keeping its local variables. The caller decides
# when (and whether) the generator continues.


def make_list(n):
    """An ordinary function: builds everything, then returns once."""
    result = []
    for i in range(n):
        print(f"    function: computing item {i}")
        result.append(i * i)
    print("    function: returning the whole list")
    return result


def make_items(n):
    """A generator: produces one item per resume, pausing in between."""
    for i in range(n):
        print(f"    generator: computing item {i}")
        yield i * i
        print(f"    generator: resumed after item {i}")
    print("    generator: body finished")


print("1. Calling the function blocks until it is done:")
items = make_list(3)
print("   caller got", items)

print()
print("2. Calling the generator function runs none of its body:")
gen = make_items(3)
print("   caller got", type(gen).__name__, "object; nothing was computed yet")

print()
print("3. Each next() runs the generator up to its next yield:")
print("   caller: next ->", next(gen))
print("   caller: doing other work between items")
print("   caller: next ->", next(gen))
print("   caller: next ->", next(gen))

print()
print("4. When the body ends, next() raises StopIteration:")
try:
    next(gen)
except StopIteration:
    print("   caller: StopIteration - the generator is exhausted")

print()
print("5. A for loop calls next() for us and stops at StopIteration,")
print("   so the two kinds of work interleave line by line:")
for square in make_items(2):
    print("   caller: loop body got", square)

print()
print("6. Local variables survive between resumes:")


def running_total(values):
    total = 0  # lives as long as the generator object does
    for v in values:
        total += v
        yield total


totals = running_total([5, 10, 20])
print("   first total:", next(totals))
print("   the caller can wait as long as it likes...")
print("   second total:", next(totals))
print("   third total:", next(totals))
