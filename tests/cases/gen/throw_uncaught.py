# An exception thrown into a generator that does not handle it escapes to the caller.
def worker():
    print("working")
    yield 1
    print("never resumed")
    yield 2

w = worker()
next(w)
w.throw(ValueError("boom from outside"))
