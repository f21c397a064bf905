# 1M suspended generators alive at once (peak memory).
def gen(i):
    yield i
    yield i + 1


gens = [gen(i) for i in range(1_000_000)]
total = 0
for g in gens:
    total += next(g)
print(total)
