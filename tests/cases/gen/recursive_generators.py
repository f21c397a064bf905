# Recursive generators: tree walks and permutations via `yield from`.
tree = [1, [2, [3, 4], 5], [[6], 7]]
def walk(node, depth=0):
    if isinstance(node, list):
        for child in node:
            yield from walk(child, depth + 1)
    else:
        yield (node, depth)
print(list(walk(tree)))

def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for perm in permutations(rest):
            yield [items[i]] + perm
print([''.join(p) for p in permutations("abc")])
print(len(list(permutations([1, 2, 3, 4, 5]))))

def subsets(items):
    if not items:
        yield []
        return
    for s in subsets(items[1:]):
        yield s
        yield [items[0]] + s
print(sorted(subsets([1, 2, 3])))

def hanoi(n, a, b, c):
    if n:
        yield from hanoi(n - 1, a, c, b)
        yield (a, c)
        yield from hanoi(n - 1, b, a, c)
print(list(hanoi(3, "L", "M", "R")))
