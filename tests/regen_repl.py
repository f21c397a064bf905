#!/usr/bin/env python3
"""Regenerate (or check) the CPython 3.11 expectations of the `coro repl` tests.

Each tests/repl/<name>.session is piped into CPython's interactive interpreter,
`python3 -q -i` (no banner; with standard input not a terminal it reads plain lines and
writes its `>>> ` / `... ` prompts to stderr), in an empty temporary directory. What it
prints is written to tests/repl/<name>.expected:

    exit: <status>
    --- stderr
    <stderr, verbatim: prompts, tracebacks, syntax errors>
    --- stdout
    <stdout, verbatim: echoed values and prints>

Object addresses (`0x[0-9a-f]+`) become `0x...` in both streams. Each session is run twice and
must print the same both times. The test that reads these files is `repl_sessions_print_what_
cpython_prints` in tests/tests/tools.rs (it normalises coro's output the same way).

    python3 tests/regen_repl.py           # rewrite the expectations that changed
    python3 tests/regen_repl.py --check   # report stale or missing ones; exit 1 if any
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = ROOT / "tests" / "repl"
ADDRESS = re.compile(r"0x[0-9a-f]+")


def run(session):
    with tempfile.TemporaryDirectory() as cwd:
        p = subprocess.run(
            [sys.executable, "-q", "-i"],
            input=session.read_bytes(),
            capture_output=True,
            cwd=cwd,
            timeout=60,
            env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"},
        )
    out = ADDRESS.sub("0x...", p.stdout.decode())
    err = ADDRESS.sub("0x...", p.stderr.decode())
    return f"exit: {p.returncode}\n--- stderr\n{err}\n--- stdout\n{out}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"CPython 3.11 is the oracle; this is {sys.version.split()[0]}")
    stale = []
    for session in sorted(SESSIONS.glob("*.session")):
        text = run(session)
        if run(session) != text:
            sys.exit(f"{session.name}: CPython printed different things on two runs")
        expected = session.with_suffix(".expected")
        if not expected.exists() or expected.read_text() != text:
            stale.append(expected.name)
            if not args.check:
                expected.write_text(text)
    for orphan in sorted(SESSIONS.glob("*.expected")):
        if not orphan.with_suffix(".session").exists():
            stale.append(f"{orphan.name} (no .session beside it)")
    verb = "stale" if args.check else "rewritten"
    print(f"{len(stale)} {verb}" + "".join(f"\n  {s}" for s in stale))
    sys.exit(1 if args.check and stale else 0)


if __name__ == "__main__":
    main()
