# SystemExit raised inside a generator propagates out of next() like any exception.
import sys
def gen():
    yield "first"
    print("generator exiting")
    sys.exit(2)
g = gen()
print(next(g))
try:
    next(g)
finally:
    print("outer finally")
