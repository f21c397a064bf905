# chr and ord are inverses over all code points.
print(chr(65), chr(97), chr(48), chr(233), chr(8364), chr(128512), repr(chr(0)), repr(chr(10)))
print(ord("A"), ord("a"), ord("0"), ord("é"), ord("€"), ord("😀"), ord("\n"))
print("".join(chr(ord(c) + 1) for c in "HAL"))
# Lone surrogates (U+D800..U+DFFF) are left out: coro strings cannot hold them (see README).
print(all(ord(chr(i)) == i for i in range(0, 0x110000, 997) if not 0xD800 <= i < 0xE000))
for thunk in (lambda: ord("ab"), lambda: ord(""), lambda: chr(-1), lambda: chr(0x110000),
              lambda: ord(65), lambda: chr("a")):
    try:
        print(thunk())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
