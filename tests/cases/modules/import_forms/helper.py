print("helper body runs, __name__ =", __name__)
VALUE = 10
calls = 1
_count = 0


def double(x):
    return x * 2


def counter():
    global _count
    _count += 1
    return _count
