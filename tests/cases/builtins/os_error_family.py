for e in [ConnectionResetError("x"), TimeoutError(), FileNotFoundError("f"), DeprecationWarning("d")]:
    print(type(e).__mro__, repr(e), isinstance(e, OSError))
print(IOError is OSError, EnvironmentError)
try:
    raise BrokenPipeError("pipe")
except ConnectionError as e:
    print("caught", e)
