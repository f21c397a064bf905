# 08 - throw(), close() and cleanup in finally
#
# The caller can do more than resume a generator:
#   gen.throw(exc)  raises exc *inside* the generator, at the paused yield.
#                   The generator may catch it and carry on, or let it escape.
#   gen.close()     raises GeneratorExit at the paused yield so the generator
#                   can clean up; it must not yield again afterwards.
# Either way, `finally` blocks in the generator run, so resources are released
# no matter how the generator ends.


def connection(name):
    print(f"  [{name}] open")
    try:
        while True:
            try:
                message = yield
                print(f"  [{name}] handled {message!r}")
            except ValueError as e:
                print(f"  [{name}] recovered from bad input: {e}")
    finally:
        print(f"  [{name}] closed (cleanup in finally)")


print("1. throw() an exception the generator handles; it keeps going:")
conn = connection("A")
next(conn)
conn.send("hello")
conn.throw(ValueError("not a message"))
conn.send("still alive")
conn.close()

print()
print("2. throw() an exception it does not handle; finally runs, then it escapes:")
conn = connection("B")
next(conn)
try:
    conn.throw(KeyError("fatal"))
except KeyError as e:
    print("  caller caught", repr(e))
print("  generator finished:", next(conn, "yes"))

print()
print("3. close() ends it cleanly; closing again is harmless:")
conn = connection("C")
next(conn)
conn.send("last words")
conn.close()
conn.close()
print("  a closed generator is exhausted:", next(conn, "yes"))

print()
print("4. close() reaches through `yield from` to the innermost generator first:")


def session():
    try:
        yield from connection("inner")
    finally:
        print("  [session] closed")


s = session()
next(s)
s.send("via session")
s.close()

print()
print("5. A generator that yields after GeneratorExit is a bug:")


def stubborn():
    try:
        yield "working"
    except GeneratorExit:
        yield "refusing to stop"


g = stubborn()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("  RuntimeError:", e)
