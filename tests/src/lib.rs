//! Shared helpers of coro's end-to-end tests: discovering the `.py` files of a directory,
//! running each with the real `coro` binary, comparing with the CPython 3.11 expectations
//! that `tests/regen.py` wrote beside them, and reporting every mismatch at once.
//!
//! The format and the comparison rules are described in tests/README.md.

pub mod expect;
pub mod report;
pub mod runner;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;

pub use expect::{Expectation, ARGS_DIRECTIVE, STDOUT_MARKER};

/// The suffix of a case's expectation file (`foo.py` -> `foo.expected`).
pub const EXPECTED_EXT: &str = "expected";
/// The suffix of an optional file fed to a case's stdin (`foo.py` -> `foo.stdin`).
pub const STDIN_EXT: &str = "stdin";

/// The repository root (the workspace directory holding `tests/` and `programs/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits one level below the repository root")
        .to_path_buf()
}

/// One `.py` file to run, with the files beside it that describe the run.
#[derive(Debug, Clone)]
pub struct Case {
    /// `<dir name>/<file stem>`, used in reports.
    pub name: String,
    pub dir: PathBuf,
    pub file_name: String,
    pub expected: PathBuf,
    pub stdin: Option<PathBuf>,
}

/// The file a case directory runs; the other `.py` files beside it are its modules.
pub const CASE_DIR_MAIN: &str = "main.py";

/// Every `.py` file directly inside `dir`, and every case directory in it (a subdirectory
/// holding `main.py` plus the modules it imports, run as `coro run main.py` inside it),
/// sorted by name. Expectation files with no `.py` beside them, and subdirectories without
/// `main.py`, are returned as errors, so stale files do not linger unnoticed.
pub fn discover(dir: &Path) -> Result<(Vec<Case>, Vec<String>), String> {
    let label = dir.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut names = Vec::new();
    let mut subdirs = Vec::new();
    for e in entries.filter_map(|e| e.ok()) {
        let Ok(name) = e.file_name().into_string() else { continue };
        match e.file_type() {
            Ok(t) if t.is_file() => names.push(name),
            Ok(t) if t.is_dir() => subdirs.push(name),
            _ => {}
        }
    }
    names.sort();
    subdirs.sort();
    let mut cases = Vec::new();
    let mut orphans = Vec::new();
    for name in &names {
        if let Some(stem) = name.strip_suffix(".py") {
            let stdin = dir.join(format!("{stem}.{STDIN_EXT}"));
            cases.push(Case {
                name: format!("{label}/{stem}"),
                dir: dir.to_path_buf(),
                file_name: name.clone(),
                expected: dir.join(format!("{stem}.{EXPECTED_EXT}")),
                stdin: stdin.is_file().then_some(stdin),
            });
        } else if let Some(stem) =
            name.strip_suffix(&format!(".{EXPECTED_EXT}")).or_else(|| name.strip_suffix(&format!(".{STDIN_EXT}")))
        {
            if !names.contains(&format!("{stem}.py")) {
                orphans.push(format!("{label}/{name}: no {stem}.py beside it"));
            }
        }
    }
    for sub in &subdirs {
        let case_dir = dir.join(sub);
        if !case_dir.join(CASE_DIR_MAIN).is_file() {
            orphans.push(format!("{label}/{sub}/: a case directory needs a {CASE_DIR_MAIN}"));
            continue;
        }
        let stem = CASE_DIR_MAIN.trim_end_matches(".py");
        let stdin = case_dir.join(format!("{stem}.{STDIN_EXT}"));
        cases.push(Case {
            name: format!("{label}/{sub}"),
            dir: case_dir.clone(),
            file_name: CASE_DIR_MAIN.to_string(),
            expected: case_dir.join(format!("{stem}.{EXPECTED_EXT}")),
            stdin: stdin.is_file().then_some(stdin),
        });
    }
    Ok((cases, orphans))
}

/// Runs every case of `dir` (in parallel, bounded by [`runner::jobs`]) and panics with
/// one message listing all failures: wrong output, missing or malformed expectations,
/// timeouts, orphan expectation files, or an empty directory.
pub fn check_dir(dir: &Path) {
    let (cases, mut failures) = match discover(dir) {
        Ok(found) => found,
        Err(e) => panic!("{e}"),
    };
    if cases.is_empty() {
        failures.push(format!("{}: no .py files to run", dir.display()));
    }
    let bin = match runner::coro_bin() {
        Ok(bin) => bin,
        Err(e) => panic!("cannot get the coro binary: {e}"),
    };
    let limit = runner::timeout();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    let workers = runner::jobs().min(cases.len()).max(1);
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                let verdict = check_case(bin, case, limit);
                results.lock().unwrap_or_else(|p| p.into_inner()).push((i, verdict));
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    results.sort_by_key(|(i, _)| *i);
    let other_problems = failures.len();
    let mut failing = Vec::new();
    for (i, verdict) in results {
        if let Err(report) = verdict {
            failing.push(cases[i].name.as_str());
            failures.push(report);
        }
    }
    if !failures.is_empty() {
        panic!(
            "{} of {} cases in {} failed, {} other problem(s) (binary: {}): {}\n\n{}\n",
            failing.len(),
            cases.len(),
            dir.display(),
            other_problems,
            bin.display(),
            failing.join(" "),
            failures.join("\n\n")
        );
    }
}

/// Runs one case; `Err` holds the full report of what differed.
pub fn check_case(bin: &Path, case: &Case, limit: std::time::Duration) -> Result<(), String> {
    let head = format!("=== {} ({})", case.name, case.dir.join(&case.file_name).display());
    let expected = std::fs::read_to_string(&case.expected)
        .map_err(|e| {
            format!(
                "{head}\n  cannot read {}: {e}\n  (run `python3 tests/regen.py` to create it)",
                case.expected.display()
            )
        })
        .and_then(|text| {
            Expectation::parse(&text).map_err(|e| format!("{head}\n  malformed {}: {e}", case.expected.display()))
        })?;
    let source = std::fs::read_to_string(case.dir.join(&case.file_name))
        .map_err(|e| format!("{head}\n  cannot read the case: {e}"))?;
    let args = expect::args_directive(&source);
    let mut outcome = runner::run(bin, &case.dir, &case.file_name, &args, case.stdin.as_deref(), limit)
        .map_err(|e| format!("{head}\n  {e}"))?;
    // Module paths in messages (`__file__`, ImportError) are absolute: hide where the checkout is.
    if let Ok(real) = std::fs::canonicalize(&case.dir) {
        let real = real.display().to_string();
        outcome.stdout = expect::hide_case_dir(&outcome.stdout, &real);
        outcome.stderr = expect::hide_case_dir(&outcome.stderr, &real);
    }
    report::compare(&expected, &outcome).map_err(|details| format!("{head}\n{details}"))
}
