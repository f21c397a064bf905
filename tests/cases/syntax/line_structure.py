# Statements across lines: backslashes, brackets, semicolons and comments.
a = 1 + \
    2 + \
    3
print(a)
b = (1 +
     2   # a comment inside brackets
     + 3)
print(b)
c = [
    1,
    2,
    3,   # trailing comma
]
print(c)
x = 1; y = 2; z = x + y
print(x, y, z)
if x: print("one-line if")
for i in range(2): print("one-line for", i)
def f(): return "one-line def"
print(f())
d = {
    'a': 1,
    'b': 2,
}
print(d)
# comment at column 0
    # indented comment line is fine
print("done")
