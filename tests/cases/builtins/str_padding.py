# center/ljust/rjust/zfill and partition/rpartition.
print(repr("ab".center(6)), repr("ab".center(7, "*")), repr("abc".center(2)), repr("a".center(4, "-")))
print(repr("ab".ljust(5)), repr("ab".rjust(5)), repr("ab".ljust(5, ".")), repr("ab".rjust(1)))
print("42".zfill(5), "-42".zfill(5), "+42".zfill(5), "abc".zfill(5), "12345".zfill(3), "".zfill(2))
print("key=value=x".partition("="), "key=value=x".rpartition("="))
print("no sep".partition("="), "no sep".rpartition("="))
print("a.b".partition("."), "".partition("x"))
for thunk in (lambda: "a".center(5, "ab"), lambda: "a".partition(""), lambda: "a".ljust("5")):
    try:
        print(thunk())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
