# An error raised inside an except block escapes; the last line is the newer error.
try:
    print([1, 2][5])
except IndexError:
    print("handling the IndexError...")
    print(undefined_variable)
