# Adjacent string literals are joined at compile time, across lines and quote styles.
s = "abc" 'def' """ghi"""
print(s)
t = ("first part, "
     "second part, "
     'third part')
print(t)
print("raw " r"\n" " normal \\n")
x = 5
print(f"x is {x}" " and literal {x}" f" and again {x + 1}")
print(len("a" "b" "c"))
print("con" "cat" == "concat")
