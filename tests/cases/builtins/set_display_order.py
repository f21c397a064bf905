# Set displays of constants are folded the way CPython folds them, which decides their order;
# sets built from the same items at run time can print in another order.
print({1, 46, 20, 63, 1989, 613})
for x in {1, 46, 20, 63, 1989, 613}:
    print(x, end=" ")
print()
print([x for x in {9, 1, 17, 25}])
items = [1, 46, 20, 63, 1989, 613]
print(set(items), {*items})
s = {5, 13, 21, 29}
s.add(37)
print(s, len(s), 13 in s, 14 in {13, 14, 15})
print({3, 1, 2}, {10, 2, 33}, {(1, 2), (3, 4), (5, 6)} == {(5, 6), (3, 4), (1, 2)})
