print("second: start")
from first import value


def helper():
    return value
