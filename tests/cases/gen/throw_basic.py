# throw() raises an exception at the paused yield; the generator may handle it.
def resilient():
    while True:
        try:
            value = yield "waiting"
            print("  received", value)
        except ValueError as e:
            print("  handled", repr(e))
            yield "recovered"

g = resilient()
print(next(g))
print(g.throw(ValueError))
print(next(g))
print(g.throw(ValueError("with message")))
print(g.send("normal value"))
try:
    g.throw(KeyError("not handled"))
except KeyError as e:
    print("propagated out:", repr(e))
print("generator is finished:", next(g, "exhausted"))

def unstarted():
    try:
        yield 1
    except Exception:
        print("never printed: the exception is raised before the first line")
u = unstarted()
try:
    u.throw(RuntimeError("into unstarted"))
except RuntimeError as e:
    print("unstarted generator raised", e)
print(next(u, "exhausted too"))

done = unstarted()
list(done) if False else None
for _ in done:
    pass
try:
    done.throw(IndexError("into finished"))
except IndexError as e:
    print("finished generator raised", e)
