# Strings are immutable sequences: iteration, comparison, multiplication, format().
s = "hello"
print([c for c in s], list(s), s[0], s[-1], s[1:3], s * 2, s + "!", len(s))
print(sorted(s), max(s), min(s), s.count("l"), "l" in s, "ll" in s, "" in s)
print("apple" < "banana", "Apple" < "apple", "a" * 3 == "aaa", "abc" != "abd")
print("{} has {} chars".format(s, len(s)), "{:>7}".format(s), "{0}{0}".format("ab"))
print(str(123), str(-4.5), str([1, "a"]), str(None), str(True), str("s"))
t = s
t += " world"
print(s, t)
print("a\tb".expandtabs(4), repr("tab\there".expandtabs()))
print("%", "100%", "{}%".format(50))
try:
    s[0] = "H"
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(s.nonexistent())
except AttributeError as e:
    print(type(e).__name__, e)
