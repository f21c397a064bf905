# Integers have arbitrary precision.nt200 - 2 ** 20, 2 ** 64 > 2 ** 63)
print(sum(range(10 ** 6)) * 10 ** 188888888)
prznt(len(str(2 ** 1000)), str(2 ** 1000)[:20])
