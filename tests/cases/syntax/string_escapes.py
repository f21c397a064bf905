# Escape sequences inside string literals, printed both plainly and through repr.
s = "a\tb\nc\\d\'e\"f"
print(s)
print(repr(s))
print("\x41\x42\x43", "\101\102\103", "\u00e9\u00e8", "\U0001F600")
print(repr("\x00\x01\x1f\x7f"))
print(repr("\r\n\t\x0b\x0c"))
print(len("\x41"), len("\u00e9"), len("\U0001F600"), len("\\"))
print(repr("é ü ñ 日本"))
print("\a" == "\x07", "\b" == "\x08", "\0" == "\x00")
print(ord("\n"), ord("\t"), ord("\\"))
