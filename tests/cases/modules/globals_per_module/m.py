y = 2
def g():
    return globals()
