# An exception passing through several frames runs each finally on the way out.
def level3():
    try:
        raise ValueError("deep")
    finally:
        print("finally 3")
def level2():
    try:
        level3()
    finally:
        print("finally 2")
def level1():
    try:
        level2()
    except ValueError as e:
        print("caught at level 1:", e)
    finally:
        print("finally 1")
level1()
def loop_with_finally():
    for i in range(3):
        try:
            try:
                if i == 1:
                    raise KeyError(i)
                print("body", i)
            finally:
                print("inner finally", i)
        except KeyError as e:
            print("handled", e)
loop_with_finally()
def raise_in_finally():
    try:
        raise ValueError("original")
    finally:
        raise TypeError("replacement")
try:
    raise_in_finally()
except Exception as e:
    print(type(e).__name__, e, "context:", repr(e.__context__))
