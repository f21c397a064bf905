# Found by the run target (slow unit, 11 s): == on two self-containing lists walked 50 million
# levels before its RecursionError; it now stops at the recursion limit, as CPython does.
a = []
a.append(a)
b = []
b.append(b)
try:
    a == b
except RecursionError as e:
    print(e)
