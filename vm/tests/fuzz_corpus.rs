//! Replays the fuzz corpus through the fuzz targets (`tests/fuzz/src/targets.rs`, included here so
//! an ordinary `cargo test` runs the same functions `cargo fuzz` does): the committed hostile
//! inputs (`tests/fuzz/corpus/hostile/`, and `corpus/run/` for scripts that test the limits) and
//! what the fuzzer found (`corpus/found/` for the source targets, `corpus/found-load/` for
//! bytecode files), plus the seeds it starts from, `programs/` and `tests/cases/`, as source and
//! as compiled bytecode files.

#[path = "../../tests/fuzz/src/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file under `dir` (recursively) whose name passes `keep`, sorted.
fn files(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.filter_map(|e| e.ok()) {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if keep(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn is_py(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "py")
}

fn sources() -> Vec<PathBuf> {
    let corpus = root().join("tests/fuzz/corpus");
    let mut all = files(&corpus.join("hostile"), &|_| true);
    all.extend(files(&corpus.join("run"), &|_| true));
    all.extend(files(&corpus.join("found"), &|_| true));
    all.extend(files(&root().join("programs"), &is_py));
    all.extend(files(&root().join("tests/cases"), &is_py));
    assert!(all.len() > 300, "expected the seeds, found {}", all.len());
    all
}

#[test]
fn source_targets_replay() {
    for p in sources() {
        let data = std::fs::read(&p).unwrap();
        let what = p.display().to_string();
        for (name, target) in [
            ("parse", targets::parse as fn(&[u8])),
            ("compile", targets::compile),
            ("run", targets::run),
            ("round_trip", targets::round_trip),
        ] {
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                panic!("{name} target failed on {what}");
            }
        }
    }
}

#[test]
fn load_target_replays() {
    let mut inputs: Vec<(String, Vec<u8>)> = files(&root().join("tests/fuzz/corpus/found-load"), &|_| true)
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    // The seeds: every source seed compiled (they go stale in a committed corpus whenever the
    // opcode table changes, so they are made afresh), plus every truncation of a small one.
    for p in sources() {
        let Ok(src) = std::fs::read_to_string(&p) else { continue };
        if let Ok(code) = coro_compiler::compile_module(&src, "seed.py") {
            inputs.push((p.display().to_string(), coro_compiler::bytecode_file::save(&code)));
        }
    }
    let small = coro_compiler::bytecode_file::save(&coro_compiler::compile_module("print(1)", "x.py").unwrap());
    for n in 0..small.len() {
        inputs.push((format!("print(1) cut to {n}"), small[..n].to_vec()));
    }
    for (what, data) in inputs {
        if std::panic::catch_unwind(|| targets::load(&data)).is_err() {
            panic!("load target failed on {what}");
        }
    }
}

/// The run and round-trip targets really run scripts under the limits (so they can fail).
#[test]
fn targets_run_scripts_under_the_limits() {
    let run = |src: &str| targets::run_code(coro_compiler::compile_module(src, "fuzz.py").unwrap());
    assert_eq!(run("print(1)"), "returned\n2 bytes of output:\n1\n");
    assert!(run("while True:\n    pass\n").starts_with("out of fuel\n"));
    // A comprehension's filter jumps back to the loop head: that costs fuel too.
    assert!(run("print([x for x in range(10**9) if x < 0])\n").starts_with("out of fuel\n"));
    assert!(run("print(len({x for x in range(10**9) if not x >= 0}))\n").starts_with("out of fuel\n"));
    let deep = run("def f():\n    f()\nf()\n");
    assert!(deep.contains("RecursionError: maximum recursion depth exceeded"), "{deep}");
    let big = run("a = []\nwhile True:\n    a.append([0] * 100000)\n");
    assert!(big.contains("MemoryError"), "{big}");
    // An int result past what the memory limit leaves is refused before it is computed.
    let huge = run("x = 10 ** 188888888\n");
    assert!(huge.contains("MemoryError"), "{huge}");
    let time = run("import time\n");
    assert!(time.contains("ModuleNotFoundError: No module named 'time'"), "{time}");
}
