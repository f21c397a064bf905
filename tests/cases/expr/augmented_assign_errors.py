x=None
try:
    x **= 2
except TypeError as e: print(e)
try:
    x @= 2
except TypeError as e: print(e)
try:
    print([1] * 2.0)
except TypeError as e: print(e)
try:
    print(2.0 * [1])
except TypeError as e: print(e)
try:
    print(True * "ab", "ab" * False)
except TypeError as e: print(e)
