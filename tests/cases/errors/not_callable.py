number = 5
print(number(3))
