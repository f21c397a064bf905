print("this line is never run")
print((1, 2)
x = 3
