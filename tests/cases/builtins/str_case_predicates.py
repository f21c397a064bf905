# Case conversion and character-class predicates.
s = "hello World-of pyTHON 3rd"
print(s.upper(), "|", s.lower(), "|", s.title(), "|", s.capitalize(), "|", s.swapcase())
print("they're bill's".title(), "".capitalize(), "MiXeD 123".swapcase(), "a-b_c d".title())
for t in ("123", "12a", "", "abc", "ABC", "aBc", "a1", "   ", " a ", "\t\n", "Ab1"):
    print(repr(t), t.isdigit(), t.isalpha(), t.isalnum(), t.isspace(), t.isupper(), t.islower(),
          t.isdecimal(), t.isnumeric())
print("Title Case".istitle(), "not Title".istitle(), "snake_case".isidentifier(), "2x".isidentifier())
