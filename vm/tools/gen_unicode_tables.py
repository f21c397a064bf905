"""Emits the Unicode tables of vm/src/builtins/strings.rs from this CPython's unicodedata."""
import sys, unicodedata as u
assert sys.version_info[:2] == (3, 11) and u.unidata_version == "14.0.0"

def cls(cp):
    cat = u.category(chr(cp))
    if cat[0] == "L": return "Let"
    if cat in ("Mn", "Mc", "Nd", "Pc"): return "Cont"
    if cat in ("Nl", "No", "Cn"): return cat
    if cat[0] in "CZ": return "Hid"
    return "Vis"

def ranges(pred):
    out, start = [], None
    for cp in range(0x110000):
        if pred(cp):
            if start is None: start = cp
        elif start is not None:
            out.append((start, cp - 1)); start = None
    return out

def wrap(items, width=96):
    lines, cur = [], "   "
    for it in items:
        if len(cur) + len(it) + 2 > width:
            lines.append(cur); cur = "   "
        cur += " " + it + ","
    lines.append(cur)
    return "\n".join(lines)

def esc(s):
    return "".join(ch if 0x20 <= ord(ch) < 0x7f and ch not in '"\\' else "\\u{%x}" % ord(ch) for ch in s)

runs, prev = [], None
for cp in range(0x110000):
    c = cls(cp)
    if c != prev:
        runs.append("(0x%x, %s)" % (cp, c)); prev = c
print("const CATEGORY_RUNS: [(u32, Cat); %d] = [" % len(runs))
print(wrap(runs)); print("];\n")

dig = ranges(lambda cp: chr(cp).isdigit() and not chr(cp).isdecimal())
print("const DIGITS: [(u32, u32); %d] = [" % len(dig))
print(wrap(["(0x%x, 0x%x)" % r for r in dig])); print("];\n")

num = [cp for cp in range(0x110000) if chr(cp).isnumeric() and cls(cp) not in ("Nl", "No") and not chr(cp).isdecimal()]
print("const IDEOGRAPHIC_NUMERALS: [u32; %d] = [" % len(num))
print(wrap(["0x%x" % c for c in num])); print("];\n")

start = lambda cp: chr(cp).isidentifier() and cp != 0x5f
cont = lambda cp: ("a" + chr(cp)).isidentifier()
base_start = lambda cp: cls(cp) in ("Let", "Nl")
base_cont = lambda cp: cls(cp) in ("Let", "Nl", "Cont")
for name, xs in [
    ("XID_START_EXTRA", [cp for cp in range(0x110000) if start(cp) and not base_start(cp)]),
    ("XID_START_EXCLUDED", [cp for cp in range(0x110000) if not start(cp) and base_start(cp)]),
    ("XID_CONTINUE_EXTRA", [cp for cp in range(0x110000) if cont(cp) and not base_cont(cp)]),
    ("XID_CONTINUE_EXCLUDED", [cp for cp in range(0x110000) if not cont(cp) and base_cont(cp)]),
]:
    print("const %s: [u32; %d] = [" % (name, len(xs)))
    print(wrap(["0x%x" % c for c in xs])); print("];\n")

lt = ranges(lambda cp: u.category(chr(cp)) == "Lt")
print("const TITLECASE_LETTERS: [(u32, u32); %d] = [" % len(lt))
print(wrap(["(0x%x, 0x%x)" % r for r in lt])); print("];\n")

tit = []
for cp in range(0x110000):
    if 0xD800 <= cp < 0xE000 or 0x10D0 <= cp <= 0x10FF or 0x1F80 <= cp <= 0x1FAF:
        continue
    c = chr(cp)
    if c.title() != c.upper():
        tit.append("('\\u{%x}', \"%s\")" % (cp, esc(c.title())))
for cp in range(0x10D0, 0x1100): assert chr(cp).title() == chr(cp)
for cp in range(0x1F80, 0x1FB0): assert chr(cp).title() == chr(cp | 8)
print("const TITLE_SPECIAL: [(char, &str); %d] = [" % len(tit))
print(wrap(tit)); print("];")
