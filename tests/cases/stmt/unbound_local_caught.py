# UnboundLocalError and NameError messages, caught.
count = 0
def bump():
    count += 1
def deleted():
    v = 1
    del v
    return v
def conditional(flag):
    if flag:
        result = "set"
    return result
def outer():
    def inner():
        return captured
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    captured = "now bound"
    return inner()
for f in (bump, deleted, lambda: conditional(False)):
    try:
        f()
    except UnboundLocalError as e:
        print(type(e).__name__, e)
print(conditional(True))
print(outer())
try:
    bump()
except NameError as e:
    print("UnboundLocalError is a NameError:", isinstance(e, NameError))
