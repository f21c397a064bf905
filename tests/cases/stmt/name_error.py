def helper():
    return undefined_thing + 1

print("calling helper")
helper()
