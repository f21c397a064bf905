# Sequence repetition: empty, single and large counts, multi-byte text (the result is built
# by doubling copies).
print(len("ab" * 0), len("ab" * 1), "ab" * 3, "" * 5, [1, 2] * 3, (1,) * 4, [] * 9, [0] * 0)
s = "xyz" * 1_000_001
print(len(s), s[:7], s[-4:], s.count("x"))
l = [1, None, "a"] * 333_333
print(len(l), l[-3:], l.count(None))
print("é" * 5, len("日本" * 7))
