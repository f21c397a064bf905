def g():
    x = yield
    me.send(1)
me = g()
next(me)
me.send(2)
