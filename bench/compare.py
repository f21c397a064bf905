#!/usr/bin/env python3
"""Times the bench programs under coro and its peers, side by side, in one run.

Runs every program in bench/programs/ under the release `coro` binary and `python3`, plus
`pypy3`, `lua5.4` and `luajit` where installed (Lua runs the ports in bench/lua/ where one
exists). Each runtime's output must equal CPython's, or the row is marked WRONG. Reports the
best wall time of --repeat runs (the runtimes take turns within each round), peak RSS, and each
runtime's time as a ratio of CPython's.

    python3 bench/compare.py                 # all programs, 3 runs each
    python3 bench/compare.py fib send        # only these programs
    python3 bench/compare.py --repeat 5
"""

import argparse
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "bench" / "programs"
LUA = ROOT / "bench" / "lua"


def coro_binary():
    exe = ROOT / "target" / "release" / "coro"
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "coro-vm", "--bin", "coro"], cwd=ROOT, check=True)
    return str(exe)


def run_once(cmd, cwd):
    """One timed run: (seconds, peak RSS in MB, stdout), ("timeout", None, None) past
    TIMEOUT_SECS, or (None, None, None) when the runtime fails."""
    # A fresh interpreter process per run keeps RSS readings per process: run the
    # measurement in a child python so RUSAGE_CHILDREN starts from zero each time.
    probe = [sys.executable, "-c", PROBE, *cmd]
    # Its own session, so a timeout kills the runtime too, not only the probe.
    proc = subprocess.Popen(probe, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, _ = proc.communicate(timeout=TIMEOUT_SECS)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return "timeout", None, None
    if proc.returncode != 0:
        return None, None, None
    head, _, body = stdout.partition("\n")
    secs, peak, status = head.split()
    if status != "0":
        return None, None, None
    return float(secs), float(peak), body


def measure_all(jobs, repeat):
    """Times each (name, cmd, cwd) job `repeat` times, the jobs taking turns within each round
    so that every runtime's best comes from the same stretch of the machine's load (a shared
    machine's contention comes in bursts, and timing one runtime's runs back to back could
    put a burst on one of them only). Returns name -> (best seconds, peak RSS, stdout), with
    "timeout" or None for the seconds of a job that timed out or failed (not run again)."""
    results = {}
    for _ in range(repeat):
        for name, cmd, cwd in jobs:
            prev = results.get(name)
            if prev is not None and not isinstance(prev[0], float):
                continue
            secs, rss, out = run_once(cmd, cwd)
            if not isinstance(secs, float):
                results[name] = (secs, None, None)
            elif prev is None:
                results[name] = (secs, rss, out)
            else:
                results[name] = (min(prev[0], secs), max(prev[1], rss), out)
    return results


# A runtime that takes longer than this on one program is reported as timed out.
TIMEOUT_SECS = 120

PROBE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
secs = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
print(f"{secs:.4f} {peak:.1f} {p.returncode}")
sys.stdout.write(p.stdout)
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="program names (without .py)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    coro = coro_binary()
    runtimes = [("coro", [coro, "run"]), ("python3", ["python3"])]
    if shutil.which("pypy3"):
        runtimes.append(("pypy3", ["pypy3"]))
    lua_runtimes = [(n, [n]) for n in ("lua5.4", "luajit") if shutil.which(n)]

    programs = sorted(PROGRAMS.glob("*.py"))
    if args.names:
        programs = [p for p in programs if p.stem in args.names]

    header = f"{'program':<16}" + "".join(f"{n:>22}" for n, _ in runtimes + lua_runtimes)
    print(header)
    print("-" * len(header))
    for prog in programs:
        jobs = [(name, cmd + [prog.name], PROGRAMS) for name, cmd in runtimes]
        lua_port = LUA / (prog.stem + ".lua")
        if lua_port.exists():
            jobs += [(name, cmd + [str(lua_port)], LUA) for name, cmd in lua_runtimes]
        results = measure_all(jobs, args.repeat)
        base = results["python3"][0]
        base = base if isinstance(base, float) else None
        expected = results["python3"][2]
        row = f"{prog.stem:<16}"
        for name, _ in runtimes + lua_runtimes:
            secs, rss, out = results.get(name, (None, None, None))
            if secs == "timeout":
                cell = f"> {TIMEOUT_SECS}s"
            elif secs is None:
                cell = "-" if name not in results else "FAILED"
            else:
                wrong = out != expected
                ratio = f"{base / secs:5.2f}x" if base and secs else "  -  "
                cell = f"{secs:7.3f}s {rss:6.0f}MB {ratio}" + (" WRONG" if wrong else "")
            row += f"{cell:>22}"
        print(row, flush=True)
    print("\nratio = CPython time / runtime time (above 1: faster than CPython). Lua rows run bench/lua ports.")


if __name__ == "__main__":
    main()
