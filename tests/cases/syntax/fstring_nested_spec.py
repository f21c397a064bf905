# Format specs can themselves contain replacement fields.
w = 10
p = 3
val = 2.718281828
for width in (4, 6, 8):
    print(f"[{'x':>{width}}]")
print(f"[{val:{w}.{p}f}]", f"[{val:<{w}.{p - 1}f}]")
fill = "^"
print(f"[{'mid':{fill}{w}}]")
rows = [("apple", 1.5), ("kiwi", 12.25), ("banana", 100.0)]
for name, price in rows:
    print(f"{name:<8}|{price:>8.2f}|")
