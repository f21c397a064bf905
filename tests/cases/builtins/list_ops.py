# Lists are mutable and shared by reference.
a = [1, 2, 3]
b = a
b.append(4)
print(a, a is b, a == [1, 2, 3, 4])
c = a[:]
c[0] = 100
print(a, c)
nested = [[1, 2], [3]]
shallow = nested.copy()
shallow[0].append("shared")
shallow[1] = "replaced"
print(nested, shallow)
print([1, 2] == [1, 2], [1, 2] != [2, 1], [1, 2] < [1, 3], [[]] == [[]], len([[], []]))
x = [0] * 3
x[1] = 5
print(x, x + [1], x * 2)
stack = []
for i in range(3):
    stack.append(i)
print(stack.pop(), stack.pop(), stack)
queue = [1, 2, 3]
print(queue.pop(0), queue)
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [row[1] for row in matrix], [list(col) for col in zip(*matrix)])
print(list(reversed(a)), sorted(a, reverse=True), a)
