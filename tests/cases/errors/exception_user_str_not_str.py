# An uncaught exception whose own __str__ returns a non-str: CPython reports that str() failed.


class Odd(Exception):
    def __str__(self):
        return 5


print("before")
raise Odd("message")
