# A generator that yields after GeneratorExit makes close() raise RuntimeError.
def stubborn():
    while True:
        try:
            yield "still here"
        except GeneratorExit:
            print("  ignoring GeneratorExit")

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print(type(e).__name__, e)
# The generator is still suspended; end it with an exception it does not catch.
try:
    s.throw(KeyError("finish"))
except KeyError as e:
    print("finished with", repr(e))
print(next(s, "exhausted"))

def stubborn_once():
    try:
        yield 1
    finally:
        yield "yield in finally"
t = stubborn_once()
next(t)
t.close()
