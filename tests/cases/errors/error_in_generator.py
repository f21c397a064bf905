def parse(lines):
    for line in lines:
        yield int(line)
print(sum(parse(["1", "2"])))
print(sum(parse(["3", "x", "5"])))
