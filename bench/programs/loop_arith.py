# 10M iterations of integer arithmetic in a while loop.
i = 0
t = 0
while i < 10_000_000:
    t = (t + i * 7) % 1000003
    i += 1
print(t)
