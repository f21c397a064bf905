# A running generator cannot be resumed from inside itself.
def selfish():
    yield "start"
    try:
        next(me)
    except ValueError as e:
        print(type(e).__name__, e)
    yield "after next"
    try:
        me.send(None)
    except ValueError as e:
        print(type(e).__name__, e)
    try:
        me.throw(KeyError)
    except ValueError as e:
        print(type(e).__name__, e)
    yield "end"

me = selfish()
print(list(me))

def closes_itself():
    yield 1
    me2.close()
me2 = closes_itself()
next(me2)
try:
    next(me2)
except ValueError as e:
    print(type(e).__name__, e)

def recurse():
    yield next(r)
r = recurse()
next(r)
