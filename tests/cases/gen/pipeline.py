# Generators chained into a pipeline: each stage pulls from the previous one.
def source(lines):
    for line in lines:
        print("  source yields", repr(line))
        yield line

def strip_comments(lines):
    for line in lines:
        if not line.startswith("#"):
            yield line

def numbers(lines):
    for line in lines:
        for word in line.split():
            yield int(word)

def running_total(values):
    total = 0
    for v in values:
        total += v
        yield total

text = ["1 2", "# skip me", "3", "4 5 6"]
for total in running_total(numbers(strip_comments(source(text)))):
    print("total", total)

def batched(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
print(list(batched(range(7), 3)))
def window(items, size):
    buf = []
    for item in items:
        buf.append(item)
        if len(buf) > size:
            buf.pop(0)
        if len(buf) == size:
            yield tuple(buf)
print(list(window("abcde", 3)))
