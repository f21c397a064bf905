for f in [lambda: list.append(), lambda: list.remove(), lambda: list.append(5, 1), lambda: dict.keys(), lambda: set.add(), lambda: dict.get([], 1), lambda: tuple.count(), lambda: int.bit_length("x")]:
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
l = []
list.append(l, 3)
print(l, dict.get({1: 2}, 1), int.bit_length(255))
