# \N{NAME} escapes look characters up by their Unicode name at compile time.
print("\N{LATIN SMALL LETTER E WITH ACUTE}", "\N{GREEK SMALL LETTER ALPHA}", "\N{BLACK STAR}")
print("\N{latin small letter a}" == "a", len("\N{SNOWMAN}"), repr("\N{NO-BREAK SPACE}"))
print(f"caf\N{LATIN SMALL LETTER E WITH ACUTE}")
