# sum with start; min and max with key=, default= and their errors.
print(sum([]), sum([1, 2, 3]), sum([1, 2], 10), sum(range(5), start=100), sum([0.5, 0.25]))
print(sum([[1], [2, 3]], []), sum(((1,), (2,)), ()))
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"), min("hello"))
print(max([1, -5, 3], key=abs), min(["bb", "a", "ccc"], key=len), max(["bb", "a", "cc"], key=len))
print(max([], default="empty"), min([], default=None), max([7], default=0))
print(max(1, 2.5), min(-1, -1.0), max([2, 2.0]), max([(1, "b"), (1, "c"), (0, "z")]))
words = ["apple", "fig", "banana", "kiwi"]
print(min(words), max(words), min(words, key=lambda w: (len(w), w)))
for thunk in (lambda: max([]), lambda: min([]), lambda: max(), lambda: min(5),
              lambda: sum(["a", "b"], ""), lambda: sum(["a"]), lambda: max([1, "a"]),
              lambda: max(1, 2, default=0)):
    try:
        print(thunk())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(max([]))
