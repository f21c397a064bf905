# Assignment expressions bind in the enclosing scope, even from comprehensions.
data = [3, 1, 4, 1, 5, 9, 2, 6]
if (n := len(data)) > 5:
    print("long list", n)
items = iter(data)
while (item := next(items, None)) is not None:
    if item > 4:
        print("found", item)
        break
print([y for x in data if (y := x * 2) > 8], y)
total = 0
print([total := total + x for x in [1, 2, 3]], total)
print((z := 10) + z, z)
def f():
    if any((hit := v) > 5 for v in data):
        return hit
    return None
print(f())
print(last := "assigned in call", last)
