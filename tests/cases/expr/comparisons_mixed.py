# Comparison of sequences is lexicographic; unrelated types raise TypeError.
print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 0], [] < [0], [2] > [1, 9, 9])
print((1, "a") < (1, "b"), (1, 2) == (1, 2), (1, 2) != (2, 1), () < (0,))
print("abc" < "abd", "ab" < "abc", "B" < "a", "" < "a", "abc" == "abc")
print([1, [2, 3]] == [1, [2, 3]], [1, (2,)] == [1, [2]], (1,) == [1])
print({1: 2} == {1: 2}, {1: 2} == {1: 3}, {1, 2} == {2, 1})
print(None == None, None == 0, None != False, 1 == True, 0 == "")
print(1 == 1.0 == True, [1] == [True], "1" == 1)
for a, b in [(1, "a"), ("a", 1), ([1], (1,)), (None, 0), ({1: 2}, {1: 2})]:
    try:
        print(a < b)
    except TypeError as e:
        print("TypeError", e)
try:
    print([1, 2] < [1, "x"])
except TypeError as e:
    print("TypeError", e)
print([1, 2] < [2, "x"])
