# List comprehensions with conditions, nesting and multiple `for` clauses.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
print([c.upper() for c in "hello" if c != "l"])
print([x if x % 2 else -x for x in range(6)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([n for row in matrix for n in row if n > 2])
print([(i, c) for i, c in enumerate("ab")])
print([a + b for a, b in zip([1, 2], [10, 20])])
print([x for x in []], [[] for _ in range(2)])
