# f-string replacement fields, conversions and brace escaping.
name = "world"
n = 42
items = [1, "two", 3.0]
print(f"hello {name}")
print(f"{n} + 1 = {n + 1}")
print(f"{name!r} {name!s} {n!r}")
print(f"{items} {items!r} {items!s}")
print(f"{{literal braces}} {{{n}}}")
print(f"{'nested quotes'} {'x' if n else 'y'} {n if n > 100 else -n}")
print(f"{len(items)} items, first={items[0]}, last={items[-1]!r}")
print(f"{'it' + chr(39) + 's'!r}")
print(f"""triple {name}
second line {n}""")
print(F"capital F {n}")
print(f"{n}{n}{n}", f"", f"{''}")
d = {"k": 1}
print(f"{d['k']} {d}")
print(f"{None} {True} {False!r}")
print(f"{3.0} {1e20} {0.1 + 0.2}")
print(f"{n:}", f"{name:}")
