# Delegating to a plain iterator: next() works, sending a value needs a .send method.
def over_list():
    yield from [1, 2, 3]
g = over_list()
print(next(g))
print(g.send(None))
print(g.send(5))
