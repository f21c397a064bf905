"""Prints the Rust CASES table for strings.rs's unit tests, expectations from this CPython 3.11."""
import sys
assert sys.version_info[:2] == (3, 11)
BIG = 10**30
cases = [
    # join
    ("join", ",", [["a", "b", "c"]], {}), ("join", ",", [[]], {}), ("join", "x", [[1]], {}),
    ("join", "-", [["a", 2]], {}), ("join", "x", [5], {}), ("join", "x", [], {}),
    ("join", "x", [["a"]], {"x": 1}), ("join", "", [("ab", "c")], {}), ("join", "-", ["abc"], {}),
    # split / rsplit
    ("split", "a,b,,c", [","], {}), ("split", "  a  b ", [], {}), ("split", "", [], {}),
    ("split", "", [","], {}), ("split", "  a  b  ", [None, 1], {}), ("rsplit", "  a  b ", [None, 1], {}),
    ("rsplit", "a,b,c", [",", 1], {}), ("split", "a,b,c", [], {"sep": ",", "maxsplit": 1}),
    ("rsplit", "a b c", [], {"maxsplit": 1}), ("split", " a b ", [None, 0], {}),
    ("rsplit", " a b ", [None, 0], {}), ("split", "a b", [" ", 0], {}), ("split", "a\u3000b\x1cc\x85d", [], {}),
    ("rsplit", "aaa", ["aa"], {}), ("split", "aaa", ["aa"], {}), ("split", "a", [""], {}),
    ("split", "a", [1], {}), ("split", "a", [",", 1, 2], {}), ("split", "a", [], {"foo": 1}),
    ("split", "a", [","], {"sep": ","}), ("split", "a", [], {"maxsplit": "x"}),
    ("split", "a", [], {"maxsplit": BIG}), ("split", "a", [], {"sep": ",", "maxsplit": 1, "x": 2}),
    ("split", "a", [], {"x": 2, "y": 3}), ("rsplit", "a", [], {"foo": 1}), ("split", "a b c", [None, True], {}),
    ("split", "a b c", [None, -5], {}),
    # splitlines
    ("splitlines", "x\u2028y\x85z\x1cw\x1dv\x1eu\x0bt\x0cs\r\nr\rq\nend", [], {}),
    ("splitlines", "x\u2029y\r\n\r\nz\n", [True], {}), ("splitlines", "", [], {}), ("splitlines", "\n", [], {}),
    ("splitlines", "a\n\nb", [], {"keepends": True}), ("splitlines", "a\r", [], {"keepends": 1}),
    ("splitlines", "a", ["x"], {}), ("splitlines", "a", [None], {}), ("splitlines", "a", [2**31], {}),
    ("splitlines", "a", [1, 2], {}), ("splitlines", "a", [], {"foo": 1}),
    ("splitlines", "a", [], {"keepends": 1, "foo": 2}), ("splitlines", "a", [True], {"keepends": True}),
    # partition
    ("partition", "a=b=c", ["="], {}), ("rpartition", "a=b=c", ["="], {}), ("partition", "abc", ["x"], {}),
    ("rpartition", "abc", ["x"], {}), ("partition", "a", [""], {}), ("rpartition", "a", [""], {}),
    ("partition", "a", [1], {}), ("partition", "a", [], {}), ("partition", "aßb", ["ß"], {}),
    # strip
    ("strip", " \t x \n", [], {}), ("strip", "xxaxx", ["x"], {}), ("lstrip", "xxaxx", ["x"], {}),
    ("rstrip", "xxaxx", ["x"], {}), ("strip", "abc", [""], {}), ("strip", "\u3000a\x1c", [], {}),
    ("strip", "  a ", [None], {}), ("strip", "a", [1], {}), ("lstrip", "a", [1], {}), ("rstrip", "a", [1], {}),
    ("strip", "a", [1, 2], {}), ("strip", "a", [], {"chars": "x"}),
    # removeprefix / removesuffix
    ("removeprefix", "abc", ["ab"], {}), ("removesuffix", "abc", ["bc"], {}), ("removeprefix", "abc", ["x"], {}),
    ("removesuffix", "abc", [""], {}), ("removeprefix", "a", [1], {}), ("removesuffix", "a", [1], {}),
    ("removeprefix", "a", [], {}), ("removeprefix", "a", ["a", "b"], {}),
    # replace
    ("replace", "aaa", ["a", "b", 2], {}), ("replace", "abc", ["", "-"], {}), ("replace", "abc", ["", "-", 2], {}),
    ("replace", "", ["", "x"], {}), ("replace", "abc", ["b", "x", 0], {}), ("replace", "abc", ["b", "x", -1], {}),
    ("replace", "ßaß", ["ß", "ss"], {}), ("replace", "a", ["a"], {}), ("replace", "a", [1, "b"], {}),
    ("replace", "a", ["a", 1], {}), ("replace", "a", ["a", "b", "c"], {}), ("replace", "a", ["a", "b", BIG], {}),
    ("replace", "a", ["a", "b"], {"count": 1}),
    # find family
    ("find", "abc", ["", 10], {}), ("find", "abc", ["", 3], {}), ("rfind", "abc", ["", 10], {}),
    ("rfind", "abc", [""], {}), ("find", "abc", ["c", -1], {}), ("find", "abc", ["a", -10, -2], {}),
    ("rfind", "abc", ["b", None, -1], {}), ("find", "abc", ["c", BIG], {}), ("find", "abc", ["c", -BIG], {}),
    ("find", "abc", ["c", 0, BIG], {}), ("find", "abc", ["c", 0, -BIG], {}), ("find", "abc", ["b", True], {}),
    ("find", "aßcß", ["ß", 2], {}), ("rfind", "aßcß", ["ß", 0, 3], {}), ("index", "abc", ["c", -1], {}),
    ("index", "a", ["b"], {}), ("rindex", "a", ["b"], {}), ("rindex", "abab", ["ab"], {}),
    ("find", "a", [], {}), ("find", "a", [1], {}), ("find", "a", ["a", "x"], {}), ("find", "a", ["a", 1.5], {}),
    ("find", "a", ["a", 0, 1, 2], {}), ("find", "a", ["a"], {"start": 0}), ("index", "a", [], {}),
    ("rindex", "a", ["a", 0, 1, 2], {}), ("rfind", "a", [], {}), ("index", "a", [1], {}),
    ("count", "abc", [""], {}), ("count", "abc", ["", 10], {}), ("count", "abc", ["", 2, 1], {}),
    ("count", "abc", ["", -1], {}), ("count", "abc", ["", -BIG], {}), ("count", "aaaa", ["aa"], {}),
    ("count", "ßßß", ["ß", 1], {}), ("count", "a", [], {}), ("count", "a", [1], {}),
    ("count", "a", ["a", "x"], {}), ("count", "a", ["a", 0, 1, 2], {}),
    # startswith / endswith
    ("startswith", "abc", ["", 3], {}), ("startswith", "abc", ["", 4], {}), ("endswith", "abc", ["", 4], {}),
    ("endswith", "abc", ["c", -1], {}), ("startswith", "abc", [("x", "b"), 1], {}), ("startswith", "abc", [()], {}),
    ("startswith", "abc", [("a", 1)], {}), ("startswith", "abc", [(1, "a")], {}), ("endswith", "abc", [(1,)], {}),
    ("startswith", "abc", [1], {}), ("endswith", "abc", [1], {}), ("startswith", "abc", ["a", "x"], {}),
    ("startswith", "abc", ["a", 0, 1, 2], {}), ("startswith", "abc", [], {}), ("endswith", "abc", [], {}),
    ("endswith", "abc", ["ab", 0, 2], {}), ("endswith", "abc", ["ab", 0, -1], {}), ("startswith", "ßx", ["x", 1], {}),
    ("startswith", "abc", ["abc", 1], {}), ("endswith", "abc", ["bc", -BIG, BIG], {}),
    # case
    ("upper", "abc ß ﬃ ŉ ǰ", [], {}), ("lower", "ABC İ ΑΣ", [], {}), ("lower", "aΣ. Σ ΣΣ aΣ'b", [], {}),
    ("upper", "a", [1], {}), ("upper", "a", [], {"x": 1}), ("lower", "A", [], {"x": 1}),
    ("title", "hello world", [], {}), ("title", "they're bill's friends", [], {}),
    ("title", "ǆemal ǉubljana", [], {}), ("title", "ßtraße ﬁsh", [], {}), ("title", "ΑΣ ΑΣΑ", [], {}),
    ("title", "ᾳ ᾀ ᾈa ῳ", [], {}), ("title", "ა ბ", [], {}), ("title", "3rd 1st a1b", [], {}), ("title", "a", [1], {}),
    ("capitalize", "hELLO wORLD", [], {}), ("capitalize", "ǆ", [], {}), ("capitalize", "ßa", [], {}),
    ("capitalize", "ΑΣ", [], {}), ("capitalize", "", [], {}), ("capitalize", "1A", [], {}),
    ("swapcase", "Hello World ß ǅ İ", [], {}), ("swapcase", "ΣΑΣ", [], {}), ("swapcase", "ΑΣ", [], {}),
    ("casefold", "Straße ﬁ ẞ ᏸ ꭰ Ꭰ ı İ ς ᾈ µ", [], {}), ("casefold", "ABC", [], {}), ("casefold", "a", [1], {}),
    # predicates
    ("isdigit", "123", [], {}), ("isdigit", "²③", [], {}), ("isdigit", "½", [], {}), ("isdigit", "", [], {}),
    ("isdecimal", "١٢٣", [], {}), ("isdecimal", "²", [], {}), ("isnumeric", "½一Ⅻ", [], {}),
    ("isnumeric", "a", [], {}), ("isalpha", "abcÉ中", [], {}), ("isalpha", "Ⅰ", [], {}), ("isalpha", "a1", [], {}),
    ("isalpha", "", [], {}), ("isalpha", "\u0903", [], {}), ("isalnum", "a1½Ⅻ", [], {}), ("isalnum", "a_", [], {}),
    ("isalnum", "", [], {}), ("isspace", " \t\x1c\x85\u3000", [], {}), ("isspace", "\u200b", [], {}),
    ("isspace", "", [], {}), ("isupper", "ABC1", [], {}), ("isupper", "ǅ", [], {}), ("isupper", "1", [], {}),
    ("isupper", "Ⓐ", [], {}), ("islower", "abc1", [], {}), ("islower", "ǅ", [], {}), ("islower", "ʕ", [], {}),
    ("islower", "ꟲ", [], {}), ("islower", "", [], {}), ("istitle", "Hello World", [], {}),
    ("istitle", "Hello world", [], {}), ("istitle", "HELLO", [], {}), ("istitle", "ǅemal", [], {}),
    ("istitle", "1A", [], {}), ("istitle", "A1b", [], {}), ("istitle", "", [], {}), ("istitle", "They'Re", [], {}),
    ("isidentifier", "_a1", [], {}), ("isidentifier", "1a", [], {}), ("isidentifier", "a-b", [], {}),
    ("isidentifier", "été", [], {}), ("isidentifier", "", [], {}), ("isidentifier", "℘x", [], {}),
    ("isidentifier", "a·b", [], {}), ("isidentifier", "·", [], {}), ("isidentifier", "ͺ", [], {}),
    ("isidentifier", "a\u0e33", [], {}), ("isidentifier", "\u0e33", [], {}), ("isidentifier", "Ⅻ", [], {}),
    ("isascii", "abc\x7f", [], {}), ("isascii", "é", [], {}), ("isascii", "", [], {}),
    ("isprintable", "abc", [], {}), ("isprintable", "a\x7f", [], {}), ("isprintable", "a\u00a0", [], {}),
    ("isprintable", "é€", [], {}), ("isprintable", "", [], {}), ("isprintable", "\u0378", [], {}),
    ("isprintable", "\u00ad", [], {}), ("isprintable", "\U000e0100", [], {}), ("isprintable", "\U0001fae8", [], {}),
    ("isalpha", "\U0001fae8", [], {}), ("isdigit", "a", [1], {}), ("isidentifier", "a", [1], {}),
    # padding
    ("center", "ab", [5, "*"], {}), ("center", "ab", [6, "*"], {}), ("center", "abc", [6, "*"], {}),
    ("center", "abc", [5, "*"], {}), ("center", "a", [4], {}), ("center", "abc", [4], {}),
    ("center", "abcd", [7], {}), ("center", "x", [3, "ß"], {}), ("center", "ab", [-5], {}),
    ("center", "a", [True, "x"], {}), ("center", "a", [], {}), ("center", "a", [5, "ab"], {}),
    ("center", "a", [5, ""], {}), ("center", "a", [5, 1], {}), ("center", "a", ["x"], {}),
    ("center", "a", [1.5], {}), ("center", "a", [5, "x", 3], {}), ("center", "a", [], {"width": 5}),
    ("center", "a", [BIG], {}), ("center", "a", [-BIG], {}), ("ljust", "é", [3, "."], {}),
    ("rjust", "é", [3, "."], {}), ("ljust", "a", [5, "ab"], {}), ("rjust", "a", [5, 1], {}),
    ("ljust", "a", [], {}), ("ljust", "a", [5], {"fillchar": "x"}), ("rjust", "abc", [2], {}),
    ("zfill", "12", [5], {}), ("zfill", "-12", [5], {}), ("zfill", "+12", [2], {}), ("zfill", "--1", [4], {}),
    ("zfill", "-", [3], {}), ("zfill", "+a", [4], {}), ("zfill", "", [3], {}), ("zfill", "a", [-5], {}),
    ("zfill", "é", [3], {}), ("zfill", "a", [True], {}), ("zfill", "a", [], {}), ("zfill", "a", ["x"], {}),
    ("zfill", "a", [5, 6], {}), ("zfill", "a", [BIG], {}),
    ("expandtabs", "a\tb\r\tc\n\td", [], {}), ("expandtabs", "a\tb", [0], {}), ("expandtabs", "\t", [-1], {}),
    ("expandtabs", "ab\tc", [4], {}), ("expandtabs", "é\tx", [], {"tabsize": 3}), ("expandtabs", "a", ["x"], {}),
    ("expandtabs", "a", [], {"tabsize": "x"}), ("expandtabs", "a", [], {"foo": 1}), ("expandtabs", "a", [1, 2], {}),
    ("expandtabs", "a", [BIG], {}), ("expandtabs", "a\tb", [2**31], {}), ("expandtabs", "a\tb", [-2**31], {}),
    ("expandtabs", "a", [8], {"tabsize": 8}), ("expandtabs", "a", [], {"x": 1, "tabsize": 3}),
    # format (existing)
    ("format", "{} {x}", [1], {"x": "y"}), ("format", "{0:>5}|{1!r}", ["a", "b"], {}),
    ("format", "{:{}}", ["a", 4], {}), ("format", "{", [], {}), ("format", "}", [], {}), ("format", "{0", [1], {}),
    ("format", "{0!}", [1], {}), ("format", "{0!x}", [1], {}), ("format", "{!r:}", ["a"], {}),
    ("format", "{0!rx}", [1], {}), ("format", "{:{:{}}}", [1, 2, 3], {}), ("format", "{0[-1]}", [[1, 2]], {}),
    ("format", "{0[1]}{0[a]}", [{1: "i", "a": "s"}], {}), ("format", "{[0]}", ["abc"], {}),
    ("format", "{0[}", [[1]], {}), ("format", "{0]}", [[1]], {}), ("format", "{0[0]x}", [[1]], {}),
    ("format", "{0[]}", [[1]], {}), ("format", "{0.}", [1], {}), ("format", "{0}{}", [1, 2], {}),
    ("format", "{}{0}", [1, 2], {}), ("format", "{2}", [1], {}), ("format", "{x}", [], {}),
    ("format", "{a{}", [], {}), ("format", "{0:{1}}", [5, "{}"], {}), ("format", "{:>{w}}|{{}}", ["a"], {"w": 3}),
    ("format", "{0[0]}", ["١٢"], {}), ("format", "{0[١]}", [[1, 2]], {}),
    ("format", "{99999999999999999999}", [], {}),
]
percent = [
    ("%s %d", ("a", 3)), ("%5.2f|%-5d|%05d", (1.23456, 42, -42)), ("%x %X %o %#x %#o %#X", (255, 255, 8, 255, 8, 255)),
    ("%r %a", ("é", "é")), ("%c%c", (65, "b")), ("%(a)s %(b)d", {"a": 1, "b": 2}), ("%s", (1, 2)),
    ("%d %d", (1,)), ("%z", 1), ("%", ()), ("%.3d|%+.3d|% d", (5, 5, 5)), ("%*d|%-*d|%.*f", (5, 3, 4, 3, 2, 1.23456)),
    ("%d", 3.7), ("%d", "a"), ("%x", 3.5), ("%c", 1114112), ("%c", "ab"), ("%c", 1.5), ("%5%", (1,)), ("%5%", ()),
    ("a", [1]), ("a", 5), ("a", {"x": 1}), ("%(a)s %s", {"a": 1}), ("%(a", {"a": 1}), ("%(a)s", (1,)),
    ("%#08x|%#-8x|%08.3d|%-8.3d|", (255, 255, 5, 5)), ("%.0d %.3x %#.3o", (0, -5, 5)), ("%ld %hd", (5, 6)),
    ("%.f %.e %#g", (2.5, 25000.0, 1.0)), ("%d", float("inf")), ("%d", float("nan")), ("%*d", ("a", 1)),
    ("%.*s|%*s|", (-1, "abc", -4, "a")), ("%*d", (2**70, 1)), ("%.*d", (2**40, 1)), ("%5.1r|%.2s", ("x", "héllo")),
    ("%+s|%010s|%-05d|", ("a", "a", -3)), ("%x %X", (2**70, -255)), ("%i %u", (3.99, -3.99)), ("%s", ()),
    ("%", 1), ("%(", {}), ("%-", 1), ("%5", 1), ("%.", 1), ("%\x01", 1), ("%\u00e9", 1),
]

unbound = [
    ("upper", 5, []), ("join", 5, [[]]), ("center", 5, [3]), ("split", 5, []), ("find", 5, ["a"]),
]

def a(v):
    if v is None: return "N"
    if v is True or v is False: return "B(%s)" % ("true" if v else "false")
    if isinstance(v, int):
        return "I(%d)" % v if -2**63 <= v < 2**63 else 'Big("%d")' % v
    if isinstance(v, float):
        if v != v: return "F(f64::NAN)"
        if v in (float("inf"), float("-inf")): return "F(%sf64::INFINITY)" % ("-" if v < 0 else "")
        return "F(%r)" % v
    if isinstance(v, str): return "S(%s)" % lit(v)
    if isinstance(v, tuple): return "T(&[%s])" % ", ".join(a(x) for x in v)
    if isinstance(v, list): return "L(&[%s])" % ", ".join(a(x) for x in v)
    if isinstance(v, dict): return "D(&[%s])" % ", ".join("(%s, %s)" % (a(k), a(x)) for k, x in v.items())
    raise TypeError(v)

def lit(s):
    out = '"'
    for ch in s:
        if ch in '"\\': out += "\\" + ch
        elif 0x20 <= ord(ch) < 0x7f: out += ch
        elif ch == "\n": out += "\\n"
        elif ch == "\r": out += "\\r"
        elif ch == "\t": out += "\\t"
        else: out += "\\u{%x}" % ord(ch)
    return out + '"'

def outcome(f):
    try:
        return repr(f())
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)

for m, recv, args, kw in cases:
    # Call syntax with literal keywords, as scripts write it: CPython words some errors
    # differently for a stored bound method or `**kwargs` ("find()" vs "str.find()").
    src = "r.%s(%s)" % (m, ", ".join(["a[%d]" % i for i in range(len(args))] + ["%s=kw[%r]" % (k, k) for k in kw]))
    exp = outcome(lambda: eval(src, {"r": recv, "a": args, "kw": kw}))
    print("        (%s, %s, &[%s], &[%s], %s)," % (lit(m), lit(recv), ", ".join(a(x) for x in args),
          ", ".join("(%s, %s)" % (lit(k), a(v)) for k, v in kw.items()), lit(exp)))
print("---")
for fmt, args in percent:
    exp = outcome(lambda: fmt % args)
    print("        (%s, %s, %s)," % (lit(fmt), a(args), lit(exp)))
print("---")
for m, recv, args in unbound:
    exp = outcome(lambda: getattr(str, m)(recv, *args))
    print("        (%s, %s, &[%s], %s)," % (lit(m), a(recv), ", ".join(a(x) for x in args), lit(exp)))
