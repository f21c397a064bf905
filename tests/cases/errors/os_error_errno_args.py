# OSError with errno/strerror arguments is not modelled by coro yet: it raises NotImplementedError
# (tests/pending.txt lists this case, which the harness requires to fail until it is supported).
e = OSError(2, "No such file or directory")
print(type(e).__name__, e)
