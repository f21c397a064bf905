values = [3, None, 1]
print(sorted(values))
