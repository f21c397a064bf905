# return with and without values, multiple values, early returns from loops.
def nothing():
    pass
def bare():
    return
def several():
    return 1, "two", [3]
def find(lst, target):
    for i, x in enumerate(lst):
        if x == target:
            return i
    return -1
def nested_loops():
    for i in range(5):
        for j in range(5):
            if i * j == 6:
                return i, j
print(nothing(), bare(), several())
a, b, c = several()
print(a, b, c)
print(find([5, 6, 7], 7), find([], 1))
print(nested_loops())
def early(n):
    if n > 0:
        return "positive"
    print("fell through")
print(early(1), early(-1))
