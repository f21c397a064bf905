# + and * on sequences, and their TypeErrors.
print("ab" + "cd", "ab" * 3, 3 * "ab", "ab" * 0, "ab" * -2)
print([1] + [2, 3], [1, 2] * 2, 0 * [1], [] * 5, [[0]] * 3)
print((1,) + (2,), (1, 2) * 2, () * 3)
grid = [[0] * 3] * 2
grid[0][0] = 1
print(grid)
grid = [[0] * 3 for _ in range(2)]
grid[0][0] = 1
print(grid)
print(True * "x", "x" * True, [1] * False)
for thunk in (lambda: "a" + 1, lambda: [1] + (2,), lambda: (1,) + [2], lambda: "a" * "b",
              lambda: [1] * 1.5, lambda: "a" * 2.0, lambda: 1 + "a", lambda: "ab" - "b"):
    try:
        print(thunk())
    except TypeError as e:
        print("TypeError", e)
