value = 42
print(value[0])
