//! Shared helpers of coro's end-to-end tests: discovering the `.py` files of a directory,
//! running each with the real `coro` binary, comparing with the CPython 3.11 expectations
//! that `tests/regen.py` wrote beside them, and reporting every mismatch at once.
//!
//! The format and the comparison rules are described in tests/README.md.

pub mod expect;
pub mod pending;
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

/// In a directory without `main.py`, the main programs are the files named `NN_*.py` (two
/// digits and an underscore, such as `01_loop_function.py`), each a case of its own; the
/// other `.py` files are the modules they import.
pub fn is_numbered_main(file_name: &str) -> bool {
    let b = file_name.as_bytes();
    b.len() > 6 && b[0].is_ascii_digit() && b[1].is_ascii_digit() && b[2] == b'_' && file_name.ends_with(".py")
}

impl Case {
    /// The case that runs `file_name` (a `.py` file in `dir`), reported as `name`.
    fn new(name: String, dir: &Path, file_name: &str) -> Case {
        let stem = py_stem(file_name);
        let stdin = dir.join(format!("{stem}.{STDIN_EXT}"));
        Case {
            name,
            dir: dir.to_path_buf(),
            file_name: file_name.to_string(),
            expected: dir.join(format!("{stem}.{EXPECTED_EXT}")),
            stdin: stdin.is_file().then_some(stdin),
        }
    }
}

/// `name` without its one `.py` suffix.
fn py_stem(name: &str) -> &str {
    name.strip_suffix(".py").unwrap_or(name)
}

/// The names of the regular files and of the subdirectories directly inside `dir`, sorted.
fn list_dir(dir: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    let mut subdirs = Vec::new();
    for e in entries.filter_map(|e| e.ok()) {
        let Ok(name) = e.file_name().into_string() else { continue };
        match e.file_type() {
            Ok(t) if t.is_file() => files.push(name),
            Ok(t) if t.is_dir() => subdirs.push(name),
            _ => {}
        }
    }
    files.sort();
    subdirs.sort();
    Ok((files, subdirs))
}

/// `.expected`/`.stdin` files among `names` whose `.py` is not a case (missing, or a module).
fn orphans_among(label: &str, names: &[String], is_case: impl Fn(&str) -> bool) -> Vec<String> {
    let mut orphans = Vec::new();
    for name in names {
        let stem =
            name.strip_suffix(&format!(".{EXPECTED_EXT}")).or_else(|| name.strip_suffix(&format!(".{STDIN_EXT}")));
        if let Some(stem) = stem {
            let py = format!("{stem}.py");
            if !(names.contains(&py) && is_case(&py)) {
                orphans.push(format!("{label}/{name}: no {py} main program beside it"));
            }
        }
    }
    orphans
}

/// Every `.py` file directly inside `dir`, and the cases of each subdirectory, sorted by
/// name. A subdirectory holding `main.py` is one case (run as `coro run main.py` inside it,
/// the other `.py` files being its modules); one without `main.py` holds several main
/// programs, its [`is_numbered_main`] files, each a case `<dir>/<sub>/<stem>` run inside it.
/// Expectation files with no case beside them, and subdirectories with neither kind of main
/// program, are returned as errors, so stale files do not linger unnoticed.
pub fn discover(dir: &Path) -> Result<(Vec<Case>, Vec<String>), String> {
    let label = dir.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
    let (names, subdirs) = list_dir(dir)?;
    let mut cases = Vec::new();
    for name in names.iter().filter(|n| n.ends_with(".py")) {
        cases.push(Case::new(format!("{label}/{}", py_stem(name)), dir, name));
    }
    let mut orphans = orphans_among(&label, &names, |_| true);
    for sub in &subdirs {
        let case_dir = dir.join(sub);
        if case_dir.join(CASE_DIR_MAIN).is_file() {
            cases.push(Case::new(format!("{label}/{sub}"), &case_dir, CASE_DIR_MAIN));
            continue;
        }
        let (sub_names, _) = list_dir(&case_dir)?;
        let mains: Vec<&String> = sub_names.iter().filter(|n| is_numbered_main(n)).collect();
        if mains.is_empty() {
            orphans.push(format!(
                "{label}/{sub}/: a case directory needs a {CASE_DIR_MAIN} or main programs named NN_*.py"
            ));
            continue;
        }
        for name in mains {
            cases.push(Case::new(format!("{label}/{sub}/{}", py_stem(name)), &case_dir, name));
        }
        orphans.extend(orphans_among(&format!("{label}/{sub}"), &sub_names, is_numbered_main));
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
    let pending = match pending::pending() {
        Ok(list) => list,
        Err(e) => panic!("{e}"),
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
                let verdict = match pending.get(&case.name) {
                    Some(lacks) => check_pending_case(bin, case, limit, lacks),
                    None => check_case(bin, case, limit),
                };
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
    let head = case_head(case);
    let expected = load_expectation(case, &head)?;
    run_and_compare(bin, case, limit, &expected).map_err(|details| format!("{head}\n{details}"))
}

/// Runs a case of the pending list (see [`pending`]): `Ok` when its CPython expectation is
/// there and coro does *not* match it yet; `Err` when it matches (the line in the pending
/// list is stale) or the expectation is missing or malformed.
pub fn check_pending_case(bin: &Path, case: &Case, limit: std::time::Duration, lacks: &str) -> Result<(), String> {
    let head = case_head(case);
    let expected = load_expectation(case, &head)?;
    match run_and_compare(bin, case, limit, &expected) {
        Ok(()) => Err(format!(
            "{head}\n  passes now, but {} lists it as pending ({lacks}): remove its line",
            pending::PENDING_FILE
        )),
        Err(_) => Ok(()),
    }
}

fn case_head(case: &Case) -> String {
    format!("=== {} ({})", case.name, case.dir.join(&case.file_name).display())
}

/// The case's parsed `.expected` file; `Err` is a report starting with `head`.
fn load_expectation(case: &Case, head: &str) -> Result<Expectation, String> {
    std::fs::read_to_string(&case.expected)
        .map_err(|e| {
            format!(
                "{head}\n  cannot read {}: {e}\n  (run `python3 tests/regen.py` to create it)",
                case.expected.display()
            )
        })
        .and_then(|text| {
            Expectation::parse(&text).map_err(|e| format!("{head}\n  malformed {}: {e}", case.expected.display()))
        })
}

/// Runs the case and compares it with `expected`; `Err` describes every difference (or why
/// it could not run).
fn run_and_compare(bin: &Path, case: &Case, limit: std::time::Duration, expected: &Expectation) -> Result<(), String> {
    let source =
        std::fs::read_to_string(case.dir.join(&case.file_name)).map_err(|e| format!("  cannot read the case: {e}"))?;
    let args = expect::args_directive(&source);
    let mut outcome = runner::run(bin, &case.dir, &case.file_name, &args, case.stdin.as_deref(), limit)
        .map_err(|e| format!("  {e}"))?;
    // Module paths in messages (`__file__`, ImportError) are absolute: hide where the checkout is.
    if let Ok(real) = std::fs::canonicalize(&case.dir) {
        let real = real.display().to_string();
        outcome.stdout = expect::hide_case_dir(&outcome.stdout, &real);
        outcome.stderr = expect::hide_case_dir(&outcome.stderr, &real);
    }
    report::compare(expected, &outcome)
}
