# Many ValueError messages caught and printed.
def attempt(thunk):
    try:
        thunk()
        print("no error")
    except ValueError as e:
        print(e)
attempt(lambda: int("4.5"))
attempt(lambda: int("ten"))
attempt(lambda: int("2", 2))
attempt(lambda: float("one"))
attempt(lambda: [1, 2].index(5))
attempt(lambda: [1].remove(0))
attempt(lambda: "abc".index("d"))
attempt(lambda: (1, 2).index(3))
attempt(lambda: range(3).index(7))
attempt(lambda: range(0, 10, 0))
attempt(lambda: "a,b".split(""))
attempt(lambda: chr(-5))
attempt(lambda: [0][::0])
attempt(lambda: max([]))
attempt(lambda: min(()))
attempt(lambda: 1 << -2)
attempt(lambda: [].index(0))
