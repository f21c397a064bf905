# Case mapping and character classes beyond ASCII follow the Unicode database.
print("éa".upper(), "ÀB".lower(), "ß".upper(), "ǅ".lower(), "ﬁ".upper(), "straße".title())
print(len("ß".upper()), "İ".lower() == "i̇", "Σ".lower())
for t in ("١٢٣", "½", "²", "日本", "é", "Ⅻ", "\u00a0", "\u2003"):
    print(repr(t), t.isdigit(), t.isalpha(), t.isalnum(), t.isspace(), t.isdecimal(), t.isnumeric())
print("ÉCOLE".isupper(), "école".islower(), "Ünïcode".istitle())
