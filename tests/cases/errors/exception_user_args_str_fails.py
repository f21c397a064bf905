# An uncaught exception whose argument's __str__ raises: CPython reports that str() failed.


class Bad:
    def __str__(self):
        raise RuntimeError("bad __str__")


print("before")
raise ValueError(Bad())
