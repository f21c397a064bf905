# while with else, break and continue.
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print("n", n)
else:
    print("while finished normally")
n = 0
while True:
    n += 1
    if n > 3:
        break
print("broke out at", n)
n = 10
while n > 0:
    n -= 3
    if n == 4:
        print("breaking, else skipped")
        break
else:
    print("not printed")
while False:
    print("never")
else:
    print("else runs for a loop that never iterates")
steps = 0
x = 27
while x != 1:
    x = x // 2 if x % 2 == 0 else 3 * x + 1
    steps += 1
print("collatz 27 steps", steps)
i = 0
while i < 3:
    j = 0
    while j < 3:
        if j == i:
            break
        j += 1
    print(i, j)
    i += 1
