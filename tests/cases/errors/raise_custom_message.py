def check(x):
    if x < 0:
        raise Exception("custom message with value " + str(x))
    return x
print(check(1))
check(-1)
