# split, rsplit, splitlines and join.
s = "  the quick  brown\tfox \n jumps "
print(s.split())
print(s.split(" "))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,,c".rsplit(",", 1), "a,b,c".rsplit(","))
print("one two three four".split(None, 2), "one two three four".rsplit(None, 2))
print("".split(), "".split(","), "   ".split(), "abc".split("abc"), "aaa".split("a"))
print("a--b--c".split("--"), "no separator".split("|"), "x".split("x", 0))
print("line1\nline2\r\nline3\rline4".splitlines(), "a\n\nb\n".splitlines(), "".splitlines())
print("keep\nends\n".splitlines(True), "x\r\ny".splitlines(keepends=True))
print("-".join(["a", "b", "c"]), "".join("xyz"), ", ".join([]), " ".join(("solo",)))
print("+".join(str(n) for n in range(4)), "\n".join(["l1", "l2"]))
for thunk in (lambda: "a".split(""), lambda: ",".join([1, 2]), lambda: "".join(["a", None])):
    try:
        print(thunk())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
