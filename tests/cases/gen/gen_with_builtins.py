# Builtins that consume iterables accept generators, and stop pulling when they can.
def numbers(n):
    for i in range(n):
        print("  pull", i)
        yield i

print(list(numbers(3)))
print(sum(numbers(3)), max(numbers(3)), min(numbers(2)))
print(sorted(numbers(3), reverse=True))
print(tuple(numbers(2)), set(x % 2 for x in range(5)))
print(dict((i, str(i)) for i in range(3)))
print("-".join(str(i) for i in numbers(2)))
print(any(x > 0 for x in numbers(5)))
print(all(x < 1 for x in numbers(5)))
print(list(zip(numbers(5), "ab")))
print(list(enumerate(numbers(2), 1)))
print(list(map(lambda v: v * 10, numbers(2))))
print(list(filter(None, numbers(3))))
print(next(numbers(3)), next(numbers(0), "default for empty"))
a, b = numbers(2)
print(a, b)
print(*numbers(2))
print(len(list(numbers(0))), 2 in numbers(5))
