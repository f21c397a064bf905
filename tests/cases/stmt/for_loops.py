# for over lists, strings, ranges and dicts, with else, break and continue.
for x in [1, 2, 3]:
    print("x", x)
else:
    print("for finished normally")
for c in "abc":
    if c == "b":
        continue
    print("c", c)
for i in range(10):
    if i == 2:
        print("break at", i)
        break
else:
    print("not printed")
print("loop variable keeps its last value:", i)
for k in {"one": 1, "two": 2}:
    print("key", k)
for k, v in {"one": 1, "two": 2}.items():
    print(k, "=", v)
for i in range(3, 0, -1):
    print("countdown", i)
for _ in []:
    print("never")
else:
    print("else after empty loop")
for i in range(3):
    for j in range(3):
        if j > i:
            break
        print(i, j, end="; ")
print()
lst = [1, 2, 3]
for x in lst:
    if x == 1:
        lst.append(4)
    print("iter", x)
for x, in [(1,), (2,)]:
    print("single-element unpack", x)
