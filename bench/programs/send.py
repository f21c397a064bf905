# 6M send() calls into an accumulator coroutine.
def accumulator():
    total = 0
    while True:
        x = yield total
        total += x


acc = accumulator()
next(acc)
i = 0
while i < 6_000_000:
    acc.send(i)
    i += 1
print(acc.send(0))
