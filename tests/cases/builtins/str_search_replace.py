# strip variants, replace, find/rfind/index/rindex, count, startswith/endswith.
s = "xxhello worldxx"
print(repr("  pad  ".strip()), repr("  pad  ".lstrip()), repr("  pad  ".rstrip()))
print(s.strip("x"), s.lstrip("x"), s.rstrip("x"), "abcba".strip("ab"), "\t\n x \r".strip())
print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"), "abc".replace("x", "y"))
print("banana".replace("ana", "ANA"), "a.b.c".replace(".", ""))
print("hello".find("l"), "hello".rfind("l"), "hello".find("z"), "hello".find("l", 3), "hello".find("", 2))
print("hello".index("e"), "hello".rindex("l"), "hello".find("lo", 1, 4), "hello".find("lo", 1, 5))
print("banana".count("a"), "banana".count("an"), "aaaa".count("aa"), "abc".count(""), "banana".count("a", 2))
print("hello".startswith("he"), "hello".startswith(("x", "h")), "hello".endswith("lo"), "hello".endswith(("a", "b")))
print("hello".startswith("l", 2), "hello".endswith("l", 0, 4), "".startswith(""), "abc".startswith(""))
print("abc" in "xabcx", "ABC".lower() in "abc", "hello"[::-1].find("l"))
for thunk in (lambda: "hello".index("z"), lambda: "hello".rindex("q"), lambda: "a".startswith(["a"])):
    try:
        print(thunk())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
