# sys.exit raises SystemExit: finally blocks run, `except Exception` does not catch it,
# and catching SystemExit explicitly stops the exit.
import sys
try:
    sys.exit(5)
except SystemExit as e:
    print("caught SystemExit, code", e.code, repr(e))
try:
    sys.exit("text")
except SystemExit as e:
    print("code", repr(e.code))
try:
    sys.exit()
except SystemExit as e:
    print("code", e.code)
def worker():
    try:
        sys.exit(7)
    except Exception:
        print("never: SystemExit is not an Exception")
    finally:
        print("finally runs during exit")
def gen():
    yield 1
    sys.exit(4)
try:
    for x in gen():
        print("generator yielded", x)
except SystemExit as e:
    print("exit from a generator, code", e.code)
worker()
print("never printed")
