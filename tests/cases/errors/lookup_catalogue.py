# IndexError and KeyError messages caught and printed.
def attempt(thunk):
    try:
        thunk()
        print("no error")
    except (IndexError, KeyError) as e:
        print(type(e).__name__, e)
attempt(lambda: [][0])
attempt(lambda: [1, 2][-3])
attempt(lambda: "ab"[2])
attempt(lambda: (1,)[1])
attempt(lambda: range(0)[0])
attempt(lambda: [].pop())
attempt(lambda: [1].pop(3))
attempt(lambda: {}["k"])
attempt(lambda: {1: 2}[2])
attempt(lambda: {"a": 1}[("a",)])
attempt(lambda: {None: 1}[0])
attempt(lambda: {}.pop(5))
attempt(lambda: set().remove("x"))
attempt(lambda: {}.popitem())
attempt(lambda: set().pop())
attempt(lambda: {1.5: 0}[2.5])
