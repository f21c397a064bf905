# yield inside try, except, else and finally blocks and inside loops.
def guarded():
    try:
        yield "in try"
        raise ValueError("oops")
    except ValueError as e:
        yield f"in except: {e}"
    else:
        yield "never"
    finally:
        yield "in finally"
    yield "after"
print(list(guarded()))

def else_branch():
    try:
        yield "try"
    except Exception:
        yield "except"
    else:
        yield "else"
print(list(else_branch()))

def loop_with_cleanup():
    for i in range(3):
        try:
            yield i
        finally:
            print("  cleanup", i)
for value in loop_with_cleanup():
    print("got", value)

def nested_handlers():
    try:
        try:
            yield "inner"
            raise KeyError("k")
        finally:
            yield "inner finally"
    except KeyError as e:
        yield f"outer caught {e}"
print(list(nested_handlers()))

def handler_scope():
    try:
        raise ValueError("saved")
    except ValueError as e:
        yield "suspended inside a handler"
        yield f"exception still visible after resuming: {e}"
print(list(handler_scope()))
