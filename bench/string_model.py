#!/usr/bin/env python3
"""Derives the byte model bytecode files use for their strings: Huffman code lengths for the 256
byte values (`STRING_CODE_LENGTHS` in compiler/src/file_encoding.rs), from how often each byte
occurs in the strings and names of the test programs in tests/cases/ (programs/, whose sizes
bench/sizes.py reports, is left out so the model is not fitted to what it is measured on).

    python3 bench/string_model.py        # prints the Rust table to paste

Every byte value gets a code (counts start at 1), no code is longer than 15 bits. Changing the
table changes the file format: bump FORMAT_VERSION in compiler/src/bytecode_file.rs.
"""

import ast
import heapq
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LEN = 15


def strings_of(path):
    """The distinct strings a compiled file of `path` would hold: constants and names."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return set()
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            out.add(n.value)
        elif isinstance(n, ast.Name):
            out.add(n.id)
        elif isinstance(n, ast.Attribute):
            out.add(n.attr)
        elif isinstance(n, (ast.FunctionDef, ast.ClassDef)):
            out.add(n.name)
        elif isinstance(n, ast.arg):
            out.add(n.arg)
    return out


def code_lengths(weights):
    heap = [(w, i, [i]) for i, w in enumerate(weights)]
    heapq.heapify(heap)
    lengths = [0] * len(weights)
    tie = len(weights)
    while len(heap) > 1:
        a, b = heapq.heappop(heap), heapq.heappop(heap)
        for s in a[2] + b[2]:
            lengths[s] += 1
        heapq.heappush(heap, (a[0] + b[0], tie, a[2] + b[2]))
        tie += 1
    return lengths


def main():
    counts = Counter()
    for f in sorted((ROOT / "tests" / "cases").rglob("*.py")):
        for s in strings_of(f):
            counts.update(s.encode("utf-8", "surrogatepass"))
    weights = [counts[b] + 1 for b in range(256)]
    lengths = code_lengths(weights)
    # Flatten the model until no code is too long (raising every weight evens them out).
    while max(lengths) > MAX_LEN:
        weights = [w + 1 for w in weights]
        lengths = code_lengths(weights)
    assert sum(2.0 ** -n for n in lengths) == 1.0
    print(f"// From bench/string_model.py ({sum(counts.values())} bytes of tests/cases strings).")
    print("const STRING_CODE_LENGTHS: [u8; 256] = [")
    for row in range(0, 256, 32):
        print("    " + ", ".join(str(n) for n in lengths[row : row + 32]) + ",")
    print("];")


if __name__ == "__main__":
    main()
