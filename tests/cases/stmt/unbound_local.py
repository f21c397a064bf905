# Assigning anywhere in a function makes the name local everywhere in it.
x = "global"
def show():
    print("reading x before assignment...")
    print(x)
    x = "local"
show()
