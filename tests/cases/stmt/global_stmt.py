# `global` rebinding module names from inside functions.
counter = 0
def increment():
    global counter
    counter += 1
    return counter
increment(); increment()
print(counter, increment())
def read_only():
    return counter * 10
print(read_only())
def create():
    global created_later
    created_later = "made inside a function"
create()
print(created_later)
def shadow():
    counter = "local"
    return counter
print(shadow(), counter)
def multi():
    global a, b
    a, b = 1, 2
multi()
print(a, b)
items = []
def mutate():
    items.append("no global needed to mutate")
mutate()
print(items)
