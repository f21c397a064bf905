# Generator expressions are lazy and can be consumed only once.
def noisy(n):
    print("producing", n)
    return n

g = (noisy(x) * 10 for x in range(3))
print("created")
print(next(g))
print(list(g))
print(list(g))
print(sum(x * x for x in range(10)))
print(max(len(w) for w in ["a", "abc", "ab"]))
print(list(x for x in range(10) if x % 4 == 0))
pairs = list((a, b) for a in range(2) for b in "xy")
print(pairs)
print(", ".join(str(i) for i in range(5)))
print(any(x > 3 for x in [1, 5]), all(x > 3 for x in [4, 5, 2]))
gen = (x for x in [1, 2, 3])
print(1 in gen, list(gen))
outer = (i * j for i in range(3) for j in range(i))
print(list(outer))
