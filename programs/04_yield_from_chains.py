# 04 - `yield from` chains
#
# `yield from sub` hands control to another generator (or any iterable) until it
# is exhausted. Everything crosses the chain transparently: values yielded by
# the innermost generator go straight to the outermost caller, values the
# caller sends go straight to the innermost generator, and when the inner
# generator returns, its return value becomes the value of the `yield from`
# expression. This lets a big generator be split into smaller ones, just as a
# big function is split into smaller functions.


def read_header():
    print("    read_header: start")
    yield "header line"
    return {"columns": 2}


def read_rows(count):
    print(f"    read_rows: reading {count} rows")
    for i in range(count):
        yield f"row {i}"
    return count


def read_file():
    print("  read_file: start")
    header = yield from read_header()      # result of read_header's `return`
    print("  read_file: header result", header)
    rows = yield from read_rows(3)
    print("  read_file: row count", rows)
    yield from ["footer line"]             # any iterable works too
    return f"{rows} rows with {header['columns']} columns"


print("The caller sees one flat stream of values:")
gen = read_file()
while True:
    try:
        print("caller got:", next(gen))
    except StopIteration as stop:
        print("caller got the final result:", stop.value)
        break

print()
print("Values sent in reach the innermost generator directly:")


def echo(depth):
    if depth == 0:
        received = None
        while received != "stop":
            received = yield f"echo at the bottom got {received!r}"
        return "bottom done"
    result = yield from echo(depth - 1)
    return f"level {depth} <- {result}"


chain = echo(3)
print(" ", next(chain))
print(" ", chain.send("hello"))
print(" ", chain.send(42))
try:
    chain.send("stop")
except StopIteration as stop:
    print("  final:", stop.value)

print()
print("Recursion plus `yield from` walks a nested structure lazily:")


def leaves(tree):
    for node in tree:
        if isinstance(node, list):
            yield from leaves(node)
        else:
            yield node


print(" ", list(leaves([1, [2, [3, [4]], 5], [[6]]])))
