#!/usr/bin/env python3
"""Regenerate (or check) the CPython 3.11 expectations of coro's end-to-end tests.

Every `.py` file in tests/cases/<group>/ and in programs/ is run by this CPython 3.11
exactly as the harness (tests/src/) runs `coro run FILE ARGS...`: cwd = the file's
directory, FILE = its bare name (a case directory <group>/<name>/ runs its main.py), ARGS from an optional first line `# args: a b`, stdin
from `<name>.stdin` if present (else empty). What it prints is written to `<name>.expected`:

    exit: <status>
    stderr: <last line of stderr>
    --- stdout
    <stdout, verbatim>

Both streams are normalised first: the case directory's real path becomes `<case dir>`, then
every `0x[0-9a-f]+` becomes `0x...` (object addresses).
Each file is run twice and must print the same both times; it must print the same stdout
again when CPython skips its interpreter teardown (no output from finalizers at exit);
it must not make CPython warn, nor write to stderr when it exits with status 0; and it
must stay inside the subset coro implements (see SUBSET_RULES) unless tests/pending.txt lists it
as a case coro cannot run yet. The twin of this logic in Rust is
tests/src/expect.rs; keep the two in step.

    python3 tests/regen.py             # rewrite every expectation that changed
    python3 tests/regen.py --check     # only report stale/missing/orphan files; exit 1 if any
    python3 tests/regen.py PATH...     # restrict to these files or directories
"""

import argparse
import ast
import atexit
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
PROGRAMS = ROOT / "programs"
# Coro-specific messages for unsupported features have no CPython expectation.
SKIPPED_GROUPS = {"unsupported"}
# Cases that are meant not to parse; they are not checked against the subset rules.
SYNTAX_ERROR_GROUPS = {"syntaxerr"}

STDOUT_MARKER = "--- stdout"
ARGS_DIRECTIVE = "# args:"
ADDRESS = re.compile(r"0x[0-9a-f]+")
TIMEOUT_SECS = 60


CASE_DIR_PLACEHOLDER = "<case dir>"
# A subdirectory of a group holding this file is one case: main.py runs, the other .py files
# beside it are the modules it imports.
CASE_DIR_MAIN = "main.py"
# A subdirectory without main.py holds several main programs, the files named like this
# (01_loop_function.py), each a case of its own; its other .py files are their modules.
NUMBERED_MAIN = re.compile(r"[0-9][0-9]_.+\.py")
# Cases whose expectation is committed but which coro cannot run yet (twin: tests/src/pending.rs).
PENDING_FILE = ROOT / "tests" / "pending.txt"


def is_numbered_main(name):
    return NUMBERED_MAIN.fullmatch(name) is not None


def case_name(path):
    """The name the harness reports a case under: gen/foo, modules/circular, programs/01_x,
    programs/event_loop/01_x."""
    rel = path.relative_to(CASES) if CASES in path.parents else path.relative_to(ROOT)
    if path.name == CASE_DIR_MAIN and len(rel.parts) > 2:
        return "/".join(rel.parent.parts)
    return "/".join(rel.with_suffix("").parts)


def read_pending():
    """{case name: what coro still lacks}; the format is described in tests/src/pending.rs."""
    if not PENDING_FILE.exists():
        return {}
    pending = {}
    for number, line in enumerate(PENDING_FILE.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, *reason = line.split(None, 1)
        reason = reason[0] if reason else ""
        if not reason.strip():
            sys.exit(f"{PENDING_FILE}:{number}: {line!r} gives no reason after the name")
        if name in pending:
            sys.exit(f"{PENDING_FILE}:{number}: {name} is listed twice")
        pending[name] = reason.strip()
    return pending


def normalise(text, case_dir=None):
    # Module paths in messages are absolute: hide where the checkout is (twin of hide_case_dir).
    if case_dir:
        text = text.replace(case_dir, CASE_DIR_PLACEHOLDER)
    return ADDRESS.sub("0x...", text)


def last_line(text):
    return text.rstrip("\n").rsplit("\n", 1)[-1]


def args_directive(source):
    first = source.split("\n", 1)[0]
    if first.startswith(ARGS_DIRECTIVE):
        return first[len(ARGS_DIRECTIVE):].split()
    return []


def render(exit_status, stderr_last, stdout):
    stderr = f"stderr: {stderr_last}" if stderr_last else "stderr:"
    return f"exit: {exit_status}\n{stderr}\n{STDOUT_MARKER}\n{stdout}"


# --- the subset -------------------------------------------------------------------------

SUBSET_RULES = {
    ast.AsyncWith: "`async with`",
    ast.AsyncFunctionDef: "`async def`",
    ast.AsyncFor: "`async for`",
    ast.Await: "`await`",
    ast.Match: "`match`",
}

# The modules coro provides (vm/src/modules/mod.rs, BUILTIN_MODULES). A case may import these,
# the `.py` files beside it, and names that are no module at all (to test the errors), but no
# other standard library module: coro would refuse it, so the case could never pass.
CORO_MODULES = {
    "sys", "builtins", "time", "itertools", "math", "functools", "typing", "types", "inspect", "asyncio",
    "collections", "enum",
}


def imported_names(tree):
    """The top-level module names an `ast` tree imports (absolute imports only)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def sibling_imports(path):
    """The .py files beside `path` that it imports, directly or through each other, sorted."""
    found, todo = set(), [path]
    while todo:
        try:
            tree = ast.parse(todo.pop().read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        for name in imported_names(tree):
            module = path.parent / f"{name}.py"
            if module.exists() and module != path and module not in found:
                found.add(module)
                todo.append(module)
    return sorted(found)


def subset_violations(path, source):
    """Features coro does not implement yet; a case using them could never pass."""
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as e:
        return [f"does not parse ({e.msg}); syntax errors belong in tests/cases/syntaxerr/"]
    problems = []
    for node in ast.walk(tree):
        where = f"line {getattr(node, 'lineno', '?')}"
        for kind, what in SUBSET_RULES.items():
            if isinstance(node, kind):
                problems.append(f"{where}: uses {what}")
        modules = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        for name in modules:
            head = name.split(".")[0]
            sibling = (Path(path).parent / f"{head}.py").exists()
            if head not in CORO_MODULES and not sibling and head in sys.stdlib_module_names:
                problems.append(f"{where}: imports {name}, a standard library module coro does not provide")
        if isinstance(node, ast.Constant) and isinstance(node.value, bytes):
            problems.append(f"{where}: uses a bytes literal")
    return problems


# --- running ----------------------------------------------------------------------------


def python_env(skip_teardown=False):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    if skip_teardown:
        env["PYTHONPATH"] = SKIP_TEARDOWN_DIR
    return env


# A sitecustomize that ends the process right after the atexit stage, before CPython
# tears the interpreter down. Finalizers that run during teardown (a generator left
# suspended inside `try`/`finally` is closed then, and its cleanup may print) are a
# refcounting/teardown detail coro's collector need not mimic, so a case whose stdout
# changes without teardown is rejected.
SKIP_TEARDOWN_SITE = """\
import atexit, os, sys
def _coro_regen_skip_teardown():
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
atexit.register(_coro_regen_skip_teardown)
"""
SKIP_TEARDOWN_DIR = tempfile.mkdtemp(prefix="coro-regen-")
with open(os.path.join(SKIP_TEARDOWN_DIR, "sitecustomize.py"), "w", encoding="utf-8") as site:
    site.write(SKIP_TEARDOWN_SITE)
atexit.register(shutil.rmtree, SKIP_TEARDOWN_DIR, True)


def run_once(path, args, skip_teardown=False):
    stdin_path = path.with_suffix(".stdin")
    stdin = open(stdin_path, "rb") if stdin_path.exists() else subprocess.DEVNULL
    try:
        proc = subprocess.run(
            [sys.executable, path.name, *args],
            cwd=path.parent,
            env=python_env(skip_teardown),
            stdin=stdin,
            capture_output=True,
            timeout=TIMEOUT_SECS,
        )
    finally:
        if stdin is not subprocess.DEVNULL:
            stdin.close()
    case_dir = str(path.parent.resolve())
    stdout = normalise(proc.stdout.decode("utf-8"), case_dir)
    stderr = normalise(proc.stderr.decode("utf-8"), case_dir)
    return proc.returncode, last_line(stderr), stdout, stderr


def expectation_for(path, check_subset):
    """(rendered expectation, list of problems)."""
    source = path.read_text(encoding="utf-8")
    problems = subset_violations(path, source) if check_subset else []
    # A main program of a case directory (tests/cases/<group>/<name>/ or programs/<name>/):
    # the modules beside it must stay in the subset too. Beside main.py that is every other
    # .py file; beside an NN_*.py main program, which shares the directory with others, the
    # modules it imports (directly or through each other).
    in_case_dir = path.parent.parent == PROGRAMS or path.parent.parent.parent == CASES
    if check_subset and in_case_dir:
        if path.name == CASE_DIR_MAIN:
            modules = [m for m in sorted(path.parent.glob("*.py")) if m != path]
        else:
            modules = sibling_imports(path)
        for module in modules:
            # A module that does not parse is how a case tests SyntaxError on import.
            found = subset_violations(module, module.read_text(encoding="utf-8"))
            problems += [f"{module.name}: {p}" for p in found if not p.startswith("does not parse")]
    args = args_directive(source)
    try:
        first = run_once(path, args)
        second = run_once(path, args)
        without_teardown = run_once(path, args, skip_teardown=True)
    except subprocess.TimeoutExpired:
        return None, problems + [f"CPython did not finish within {TIMEOUT_SECS} s"]
    except UnicodeDecodeError as e:
        return None, problems + [f"output is not UTF-8: {e}"]
    if first != second:
        problems.append("CPython printed different things on two runs (nondeterministic)")
    status, stderr_last, stdout, stderr = first
    if without_teardown[2] != stdout:
        problems.append(
            "stdout changes when CPython skips interpreter teardown: the case relies on a "
            "finalizer running at exit (close or exhaust generators explicitly)"
        )
    if status < 0:
        problems.append(f"CPython was killed by signal {-status}")
    # Warnings and finalizer noise come from CPython internals coro does not mimic;
    # a case relying on them (e.g. a generator left suspended in a `try`) is wrong.
    for noise in ("Warning:", "Exception ignored"):
        if noise in stderr:
            problems.append(f"stderr contains {noise!r}: {stderr.strip()[:300]}")
    if status == 0 and stderr:
        problems.append(f"exit status 0 but stderr is not empty: {stderr.strip()[:300]}")
    return render(status, stderr_last, stdout), problems


def collect(selected):
    """[(path, check_subset)] for every .py file, and the orphan expectation files."""
    dirs = [PROGRAMS] + sorted(
        d for d in CASES.iterdir() if d.is_dir() and d.name not in SKIPPED_GROUPS
    )
    pending = read_pending()
    files, orphans = [], []

    def add(f, check_subset):
        files.append((f, check_subset and case_name(f) not in pending))

    for d in dirs:
        check_subset = d.name not in SYNTAX_ERROR_GROUPS
        for f in sorted(d.iterdir()):
            if f.is_dir():
                mains = sorted(m for m in f.iterdir() if m.is_file() and is_numbered_main(m.name))
                if (f / CASE_DIR_MAIN).exists():
                    add(f / CASE_DIR_MAIN, check_subset)
                elif mains:
                    for m in mains:
                        add(m, check_subset)
                    orphans += [
                        x for x in sorted(f.iterdir())
                        if x.suffix in (".expected", ".stdin") and x.with_suffix(".py") not in mains
                    ]
                else:
                    orphans.append(f)
            elif f.suffix == ".py":
                add(f, check_subset)
            elif f.suffix in (".expected", ".stdin") and not f.with_suffix(".py").exists():
                orphans.append(f)
    if selected:
        chosen = [p.resolve() for p in selected]

        def wanted(f):
            return any(f == c or c in f.parents for c in chosen)

        files = [(f, c) for f, c in files if wanted(f)]
        orphans = [f for f in orphans if wanted(f)]
    return files, orphans


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if anything is out of date")
    parser.add_argument("paths", nargs="*", type=Path, help="only these files or directories")
    opts = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"regen.py must run under CPython 3.11, the oracle; this is {sys.version.split()[0]}")
    if sys.implementation.name != "cpython":
        sys.exit(f"regen.py must run under CPython, not {sys.implementation.name}")

    files, orphans = collect(opts.paths)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda fc: expectation_for(*fc), files))

    stale, written, bad = [], [], []
    for (path, _), (text, problems) in zip(files, results):
        rel = path.relative_to(ROOT)
        for p in problems:
            bad.append(f"{rel}: {p}")
        if text is None or problems:
            continue
        target = path.with_suffix(".expected")
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        if opts.check:
            stale.append(f"{rel}: expectation {'missing' if current is None else 'out of date'}")
        else:
            target.write_text(text, encoding="utf-8", newline="\n")
            written.append(str(target.relative_to(ROOT)))
    for o in orphans:
        if o.is_dir():
            what = f"a case directory needs a {CASE_DIR_MAIN} or main programs named NN_*.py"
        else:
            what = "no main program .py file beside it"
        stale.append(f"{o.relative_to(ROOT)}: {what}")

    for w in written:
        print(f"wrote {w}")
    for line in bad + stale:
        print(line, file=sys.stderr)
    print(
        f"{len(files)} files run under CPython {sys.version.split()[0]}: "
        f"{len(written)} written, {len(stale)} stale, {len(bad)} problems",
        file=sys.stderr,
    )
    sys.exit(1 if bad or stale else 0)


if __name__ == "__main__":
    main()
