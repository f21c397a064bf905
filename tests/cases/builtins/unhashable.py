# Mutable containers cannot be dict keys or set members.
def attempt(thunk):
    try:
        thunk()
    except TypeError as e:
        print(e)
attempt(lambda: {[1, 2]: "x"})
attempt(lambda: {{}: 1})
attempt(lambda: {1: 2}.get([1]))
attempt(lambda: set([[1]]))
attempt(lambda: {1, 2}.add({3}))
attempt(lambda: [1] in {1: 2})
attempt(lambda: hash((1, [2])))
attempt(lambda: {(1, [2]): 0})
print({(1, (2, 3)): "nested tuples are fine"})
d = {}
d[[1]] = 1
