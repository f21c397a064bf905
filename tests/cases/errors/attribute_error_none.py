result = [3, 1, 2].sort()
print(result)
print(result.reverse())
