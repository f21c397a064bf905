# close() raises GeneratorExit at the paused yield so finally blocks run.
def resource():
    print("  open")
    try:
        yield 1
        yield 2
    finally:
        print("  cleanup")

r = resource()
print(next(r))
print("close returns", r.close())
print("after close:", next(r, "exhausted"))
r.close()
print("second close is a no-op")

u = resource()
u.close()
print("closing an unstarted generator runs nothing:", next(u, "exhausted"))

f = resource()
print(list(f))
f.close()
print("closing a finished generator is a no-op")

def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("  saw GeneratorExit, returning quietly")
        return "ignored return value"
c = catches_exit()
next(c)
print("close result:", c.close())

def exit_is_not_exception():
    try:
        yield 1
    except Exception:
        print("  never: GeneratorExit is not an Exception")
    finally:
        print("  finally still runs")
e = exit_is_not_exception()
next(e)
e.close()

def raises_other():
    try:
        yield 1
    except GeneratorExit:
        raise ValueError("raised while closing")
o = raises_other()
next(o)
try:
    o.close()
except ValueError as err:
    print("close propagated:", err)
