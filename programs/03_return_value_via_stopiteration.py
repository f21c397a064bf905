# 03 - Getting a generator's return value out of StopIteration
#
# A generator can `return value`. The caller does not receive that value from
# next(); instead next() raises StopIteration, and the returned value rides
# along in the exception's `.value` attribute. A for loop silently discards it,
# so a caller that wants the result must drive the generator by hand.


def read_records(records):
    """Yield each valid record; return a summary when done."""
    skipped = 0
    for record in records:
        if record.strip() == "":
            skipped += 1
            continue
        yield record.upper()
    return f"{skipped} blank record(s) skipped"


data = ["alpha", "", "beta", "   ", "gamma"]

print("A for loop sees the yielded values but loses the return value:")
for record in read_records(data):
    print("  record:", record)

print()
print("Driving it by hand keeps the return value:")
gen = read_records(data)
while True:
    try:
        record = next(gen)
    except StopIteration as stop:
        print("  generator returned:", repr(stop.value))
        break
    print("  record:", record)

print()
print("A generator with a bare `return` (or none) gives value None:")


def no_result():
    yield "only item"


g = no_result()
print("  next ->", next(g))
try:
    next(g)
except StopIteration as stop:
    print("  StopIteration.value is", stop.value)

print()
print("A small helper that collects both the items and the result:")


def run_to_completion(generator):
    items = []
    while True:
        try:
            items.append(next(generator))
        except StopIteration as stop:
            return items, stop.value


def squares_until(limit):
    n = 1
    while n * n <= limit:
        yield n * n
        n += 1
    return f"stopped before {n * n}"


print(" ", run_to_completion(squares_until(30)))
print(" ", run_to_completion(squares_until(0)))
