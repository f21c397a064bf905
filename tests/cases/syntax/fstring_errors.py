# Bad format specs raise at run time with CPython's messages.
def attempt(thunk):
    try:
        print(thunk())
    except Exception as e:
        print(type(e).__name__, e)

attempt(lambda: f"{3.5:d}")
attempt(lambda: f"{'s':d}")
attempt(lambda: f"{5:s}")
attempt(lambda: f"{'x':,}")
attempt(lambda: f"{[]:>5}")
attempt(lambda: f"{1:q}")
attempt(lambda: f"{undefined_name}")
attempt(lambda: f"{1 / 0}")
attempt(lambda: "{} {}".format(1))
attempt(lambda: "{0} {2}".format(1, 2))
attempt(lambda: "{x}".format(y=1))
print(f"{1:.1f}")
print(f"{2.5:d}")
