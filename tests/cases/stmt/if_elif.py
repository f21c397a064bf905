# if / elif / else chains, nested ifs and truthiness of conditions.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

for n in (-5, 0, 3, 42):
    print(n, classify(n))
for value in ([], [0], "", "x", None, 0.0):
    if value:
        print(repr(value), "truthy")
    else:
        print(repr(value), "falsy")
x = 7
if x > 5:
    if x % 2:
        print("big odd")
    else:
        print("big even")
if x == 1:
    pass
elif x == 7:
    print("seven")
