async def f():
    return 1
c = f()
while True:
    try:
        c.send(None)
    except StopIteration as e:
        print(e.value)
        break
