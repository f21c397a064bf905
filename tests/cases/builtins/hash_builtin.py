# hash: equal numbers hash equally; int hashes are defined modulo 2**61 - 1.
print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(0.0) == hash(False) == hash(-0.0))
print(hash(5), hash(-5), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(2 ** 100))
print(hash(1.5), hash(-2.5), hash(float("inf")), hash(1e100) == hash(int(1e100)))
print(hash("abc") == hash("abc"), hash("abc") == hash("ab" + "c"), hash(("a", 1)) == hash(("a", 1)))
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) != hash((2, 1)), hash(()) == hash(()))
print(hash(None) == hash(None), type(hash("x")).__name__)
d = {1: "int one"}
print(d[1.0], d[True], {1.0: "a", 1: "b"})
for bad in ([1], {"a": 1}, {1}, ([1], 2)):
    try:
        hash(bad)
    except TypeError as e:
        print("TypeError", e)
