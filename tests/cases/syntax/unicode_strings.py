# Non-ASCII text: length counts code points, indexing and slicing by code point.
s = "héllo wörld ✓"
print(s, len(s))
print(s[1], s[-1], s[7:12])
print(s.upper())
print(s[::-1])
print("日本語", len("日本語"), "日本語"[1])
print([c for c in "añb"])
print(repr("✓"), repr("a✓b"))
print("é" < "f", "é" > "e", "Z" < "a")
print(ord("✓"), chr(10003))
