# raise with a class, an instance, re-raise, and raise inside handlers.
def attempt(thunk):
    try:
        thunk()
    except Exception as e:
        print(type(e).__name__, repr(e), str(e))

def raise_class():
    raise ValueError
def raise_instance():
    raise ValueError("with message")
def raise_args():
    raise KeyError("k", 2)
def reraise():
    try:
        raise IndexError("original")
    except IndexError:
        print("handling, then re-raising")
        raise
def reraise_named():
    try:
        raise TypeError("named")
    except TypeError as e:
        raise e
def raise_new_in_handler():
    try:
        raise ValueError("first")
    except ValueError:
        raise RuntimeError("second")
attempt(raise_class)
attempt(raise_instance)
attempt(raise_args)
attempt(reraise)
attempt(reraise_named)
attempt(raise_new_in_handler)
attempt(lambda: (_ for _ in ()).throw(ZeroDivisionError("via throw")))
exc = ValueError("reused instance")
for _ in range(2):
    try:
        raise exc
    except ValueError as e:
        print(e is exc, e)
try:
    raise 42
except TypeError as e:
    print("TypeError", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError", e)
