# Every way to divide by zero, with CPython's messages; the last one is uncaught.
def attempt(label, thunk):
    try:
        print(label, thunk())
    except ZeroDivisionError as e:
        print(label, "->", type(e).__name__, e)

attempt("1/0", lambda: 1 / 0)
attempt("1//0", lambda: 1 // 0)
attempt("1%0", lambda: 1 % 0)
attempt("divmod(1,0)", lambda: divmod(1, 0))
attempt("1.0/0", lambda: 1.0 / 0)
attempt("1.0//0.0", lambda: 1.0 // 0.0)
attempt("1.0%0.0", lambda: 1.0 % 0.0)
attempt("divmod(1.0,0.0)", lambda: divmod(1.0, 0.0))
attempt("big//0", lambda: 2 ** 100 // 0)
attempt("0**-1", lambda: 0 ** -1)
attempt("0.0**-1", lambda: 0.0 ** -1)
attempt("pow(0,-2)", lambda: pow(0, -2))
print("now uncaught:")
print(10 // 0)
