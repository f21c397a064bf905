# After handling a thrown exception, throw() returns the next yielded value,
# or raises StopIteration if the generator returns instead.
def g():
    try:
        yield "a"
    except KeyError:
        yield "b after KeyError"
    yield "c"
    try:
        yield "d"
    except KeyError:
        return "returned after second KeyError"

it = g()
print(next(it))
print(it.throw(KeyError))
print(next(it))
print(next(it))
try:
    it.throw(KeyError)
except StopIteration as e:
    print("StopIteration", e.value)

def finally_gen():
    try:
        yield 1
    finally:
        print("  cleanup while the exception passes through")
f = finally_gen()
next(f)
try:
    f.throw(TypeError, TypeError("typed"))
except TypeError as e:
    print("escaped:", e)
