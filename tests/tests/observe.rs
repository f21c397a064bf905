//! `coro trace` and `coro profile`. The expected traces below were written by hand from the
//! programs' meaning (who calls, resumes and yields to whom, with what), never produced by coro;
//! profile counts are checked against what the programs must do (calls of a recursion, resumes
//! and yields of generators). The diagrams committed beside `programs/*.py` must be what
//! `coro trace --mermaid` prints for them now.

use coro_tests::repo_root;
use coro_tests::runner::{coro_bin, coro_in_scratch as coro};
use serde_json::Value;

/// Calls, recursion, an exception leaving a frame, a generator driven by next() and send(), a
/// `yield from` delegate, and a generator's return ending in StopIteration.
const PROGRAM: &str = "\
def add(a, b):
    return a + b

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def boom():
    raise ValueError('x')

def inner():
    x = yield 1
    return x * 2

def outer():
    r = yield from inner()
    yield r

g = outer()
print(next(g))
print(g.send(5))
print(add(2, 3), fact(2))
try:
    boom()
except ValueError:
    pass
try:
    next(g)
except StopIteration:
    print('done')
";

const EXPECTED_MERMAID: &str = "\
sequenceDiagram
    participant Caller
    participant outer
    participant inner
    participant add
    participant fact
    participant boom
    Caller->>+outer: next()
    outer->>+inner: yield from
    inner-->>-Caller: yield 1 via outer
    deactivate outer
    activate outer
    Caller->>+inner: send(5) via outer
    inner->>-outer: return 10 to yield from
    outer-->>-Caller: yield 10
    Caller->>+add: call add(2, 3)
    add->>-Caller: return 5
    Caller->>+fact: call fact(2)
    fact->>+fact: call fact(1)
    fact->>-fact: return 1
    fact->>-Caller: return 2
    Caller->>+boom: call boom()
    boom-xCaller: raise ValueError('x')
    deactivate boom
    Caller->>+outer: next()
    outer->>-Caller: return None: StopIteration
";

const EXPECTED_LOG: &str = "   1  Caller -> outer: next()
   2    outer -> inner: yield from
   3  inner --> Caller: yield 1 via outer
   4  Caller -> inner: send(5) via outer
   5    inner -> outer: return 10 to yield from
   6  outer --> Caller: yield 10
   7  Caller -> add: call add(2, 3)
   8  add -> Caller: return 5
   9  Caller -> fact: call fact(2)
  10    fact -> fact: call fact(1)
  11    fact -> fact: return 1
  12  fact -> Caller: return 2
  13  Caller -> boom: call boom()
  14  boom -x Caller: raise ValueError('x')
  15  Caller -> outer: next()
  16  outer -> Caller: return None: StopIteration
";

const PROGRAM_OUTPUT: &str = "1\n10\n5 2\ndone\n";

/// The part of `out` after the program's own output.
fn after_output(out: &str) -> &str {
    out.strip_prefix(PROGRAM_OUTPUT).unwrap_or_else(|| panic!("the program's output should come first:\n{out}"))
}

#[test]
fn trace_mermaid_is_the_hand_written_diagram() {
    let (status, out, err) = coro(&["trace", "--mermaid", "prog.py"], &[("prog.py", PROGRAM)], "");
    assert_eq!(status, Some(0), "{err}");
    let diagram = after_output(&out);
    let (header, body) = diagram.split_once('\n').expect("a header line");
    assert_eq!(header, "%% coro trace --mermaid --limit 1000 prog.py");
    assert_eq!(body, EXPECTED_MERMAID);
}

#[test]
fn trace_log_is_the_hand_written_log() {
    let (status, out, err) = coro(&["trace", "prog.py"], &[("prog.py", PROGRAM)], "");
    assert_eq!(status, Some(0), "{err}");
    assert_eq!(after_output(&out), EXPECTED_LOG);
}

#[test]
fn trace_limit_keeps_the_first_transfers_and_says_how_many_more() {
    let (status, out, err) = coro(&["trace", "--limit", "2", "prog.py"], &[("prog.py", PROGRAM)], "");
    assert_eq!(status, Some(0), "{err}");
    let first_two: String = EXPECTED_LOG.lines().take(2).map(|l| format!("{l}\n")).collect();
    assert_eq!(after_output(&out), format!("{first_two}... 14 more transfers not shown (--limit 2)\n"));
    let (_, out, _) = coro(&["trace", "--mermaid", "--limit", "1", "prog.py"], &[("prog.py", PROGRAM)], "");
    assert!(
        after_output(&out)
            .ends_with("    Caller->>+outer: next()\n    Note over Caller: 15 more transfers not shown (--limit 1)\n"),
        "{out}"
    );
}

#[test]
fn trace_writes_to_a_file_and_keeps_the_programs_status() {
    let program = "def f():\n    raise KeyError('k')\nf()\n";
    let (status, out, err) = coro(&["trace", "prog.py"], &[("prog.py", program)], "");
    assert_eq!(status, Some(1));
    assert!(err.contains("KeyError: 'k'"), "{err}");
    assert_eq!(out, "   1  Caller -> f: call f()\n   2  f -x Caller: raise KeyError('k')\n");
}

#[test]
fn committed_program_diagrams_are_up_to_date() {
    let root = repo_root();
    let programs = root.join("programs");
    let mut checked = 0;
    let mut stale = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&programs).expect("programs/").flatten().map(|e| e.path()).collect();
    entries.sort();
    for py in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "py")) {
        let mmd = py.with_extension("mmd");
        let committed = std::fs::read_to_string(&mmd).unwrap_or_else(|_| {
            panic!("{} has no diagram: run `coro trace --mermaid -o {} {}`", py.display(), mmd.display(), py.display())
        });
        // The first line records the command that made the diagram (run from the repository root).
        let header = committed.lines().next().unwrap_or("");
        let args: Vec<&str> = header
            .strip_prefix("%% coro ")
            .unwrap_or_else(|| panic!("{}: no command line", mmd.display()))
            .split(' ')
            .collect();
        let out = std::process::Command::new(coro_bin().unwrap_or_else(|e| panic!("{e}")))
            .args(&args)
            .current_dir(&root)
            .output()
            .expect("run coro trace");
        let expected_output = std::fs::read_to_string(py.with_extension("expected")).unwrap_or_default();
        let stdout = String::from_utf8_lossy(&out.stdout);
        // The diagram follows the program's output (checked against CPython by the e2e tests).
        let at = stdout.find("%% coro trace").unwrap_or(0);
        if stdout[at..] != committed {
            stale.push(format!("{} (rerun: coro {} -o {})", mmd.display(), args.join(" "), mmd.display()));
        }
        assert!(
            expected_output.is_empty() || at > 0,
            "{}: the program printed nothing before its diagram",
            py.display()
        );
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} programs found");
    assert!(stale.is_empty(), "stale diagrams:\n{}", stale.join("\n"));
}

/// Recursion, a generator loop and a three-level `yield from` chain, with known counts.
const PROFILED: &str = "\
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def gen(n):
    for i in range(n):
        yield i

def nest(depth, n):
    if depth == 0:
        yield from gen(n)
    else:
        yield from nest(depth - 1, n)

total = 0
for i in range(1000):
    total += i
print(fib(10), total)
print(sum(nest(3, 10)))
kept = [gen(2) for _ in range(4)]
for k in kept:
    next(k)
";

fn profile_json() -> Value {
    let (status, out, err) = coro(&["profile", "--json", "prog.py"], &[("prog.py", PROFILED)], "");
    assert_eq!(status, Some(0), "{err}");
    let json = out.strip_prefix("55 499500\n45\n").unwrap_or_else(|| panic!("program output first:\n{out}"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{json}"))
}

fn function<'v>(doc: &'v Value, name: &str) -> &'v Value {
    doc["functions"]
        .as_array()
        .expect("functions")
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no function {name}"))
}

#[test]
fn profile_json_counts_calls_instructions_lines_and_generators() {
    let doc = profile_json();
    assert_eq!(doc["format"], "coro-profile");
    assert_eq!(doc["version"], 1);
    let total = doc["instructions"].as_u64().expect("instructions");
    let by_op: u64 = doc["opcodes"].as_array().expect("opcodes").iter().map(|o| o["count"].as_u64().unwrap_or(0)).sum();
    assert_eq!(by_op, total, "opcode counts add up to the total");
    let by_func: u64 =
        doc["functions"].as_array().expect("functions").iter().map(|f| f["instructions"].as_u64().unwrap_or(0)).sum();
    assert_eq!(by_func, total, "function instruction counts add up to the total");
    // fib(10) makes 177 calls; every call returns.
    let fib = function(&doc, "fib");
    assert_eq!(fib["calls"], 177);
    assert_eq!(fib["kind"], "function");
    let returns = doc["opcodes"].as_array().unwrap().iter().find(|o| o["opname"] == "Return").expect("Return");
    assert!(returns["count"].as_u64().unwrap() >= 177);
    // The module's `for` loop runs `total += i` (line 18) 1000 times, four instructions each
    // (LoadGlobal total, LoadGlobal i, InplaceAdd, StoreGlobal): the hottest line.
    let hottest = &doc["lines"][0];
    assert_eq!(hottest["line"], 18, "{hottest}");
    assert_eq!(hottest["instructions"], 4000, "{hottest}");
    assert_eq!(hottest["source"], "total += i");
    // `ForIter` then `StoreGlobal` in the same frame: 1000 iterations of that loop, 4 of `for k`.
    let pair =
        doc["pairs"].as_array().unwrap().iter().find(|p| p["first"] == "ForIter" && p["second"] == "StoreGlobal");
    assert_eq!(pair.expect("ForIter -> StoreGlobal")["count"], 1004);
    // Generators: nest(3) -> nest(2) -> nest(1) -> nest(0) -> gen: 5 created there and 4 kept;
    // gen yields 10 values through a chain of 4 delegations and returns; each kept one yields once.
    let g = &doc["generators"];
    assert_eq!(g["created"], 9, "{g}");
    assert_eq!(g["yielded"], 14, "{g}");
    assert_eq!(g["resumed"], 15, "{g}");
    assert_eq!(g["deepest_yield_from"], 4, "{g}");
    assert_eq!(g["peak_suspended"], 5, "{g}");
}

#[test]
fn profile_table_and_flamegraph() {
    let (status, out, err) = coro(&["profile", "--top", "3", "prog.py"], &[("prog.py", PROFILED)], "");
    assert_eq!(status, Some(0), "{err}");
    for heading in ["Instructions by opcode", "Most frequent opcode pairs", "Functions", "Hottest lines", "Generators"]
    {
        assert!(out.contains(heading), "no {heading}:\n{out}");
    }
    assert!(out.contains("peak suspended at once"), "{out}");
    let dir = std::env::temp_dir().join(format!("coro-flame-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let svg = dir.join("out.svg");
    std::fs::write(dir.join("prog.py"), PROFILED).expect("write");
    let out = std::process::Command::new(coro_bin().unwrap_or_else(|e| panic!("{e}")))
        .args(["profile", "--flamegraph", svg.to_str().unwrap(), "prog.py"])
        .current_dir(&dir)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&svg).expect("an SVG was written");
    assert!(text.contains("<svg"), "not an SVG");
    // The recursion shows as nested fib frames under the module, and the chain under sum.
    assert!(text.contains("fib"), "no fib frame");
    assert!(text.contains("nest"), "no nest frame");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn repl_trace_command_lists_the_transfers_of_a_statement() {
    let session = "def gen():\n    yield 1\n\ndef f():\n    return list(gen())\n\n:trace f()\n";
    let (status, out, err) = coro(&["repl"], &[], session);
    assert_eq!(status, Some(0), "{err}");
    assert_eq!(
        out,
        "[1]\n   1  Caller -> f: call f()\n   2    f -> gen: next()\n   3    gen --> f: yield 1\n   4    f -> gen: next()\n   5    gen -> f: return None: loop ends\n   6  f -> Caller: return [1]\n"
    );
}
