//! End-to-end tests: each directory of `tests/cases/` and the `programs/` directory is one
//! `#[test]` that runs every `.py` file in it with the real `coro` binary and compares
//! stdout, exit status and the last stderr line with CPython 3.11's (see tests/README.md).

use coro_tests::{check_dir, discover, pending, repo_root};

/// Directories under tests/cases/ that hold no CPython-checked cases: coro-specific
/// messages for unsupported features have no CPython expectation, so regen.py skips them.
const NOT_CPYTHON_CHECKED: &[&str] = &["unsupported"];

macro_rules! case_groups {
    ($($group:ident),* $(,)?) => {
        /// Every case directory that has a `#[test]` below.
        const GROUPS: &[&str] = &[$(stringify!($group)),*];
        $(
            #[test]
            fn $group() {
                check_dir(&repo_root().join("tests/cases").join(stringify!($group)));
            }
        )*
    };
}

case_groups!(syntax, expr, stmt, gen, builtins, sys, errors, syntaxerr, classes, modules);

#[test]
fn programs() {
    check_dir(&repo_root().join("programs"));
}

/// A new case directory without a `#[test]` would silently never run.
#[test]
fn every_case_directory_is_tested() {
    let dir = repo_root().join("tests/cases");
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| !NOT_CPYTHON_CHECKED.contains(&name.as_str()))
        .collect();
    found.sort();
    let mut expected: Vec<String> = GROUPS.iter().map(|g| g.to_string()).collect();
    expected.sort();
    assert_eq!(
        found, expected,
        "the directories of tests/cases/ and the case_groups! list in tests/tests/e2e.rs differ"
    );
}

/// A line of tests/pending.txt naming no case (a typo, or a renamed case) would excuse nothing
/// and hide that the case it meant is gone.
#[test]
fn every_pending_entry_names_a_case() {
    let list = pending::pending().unwrap_or_else(|e| panic!("{e}"));
    let root = repo_root();
    let dirs = std::iter::once(root.join("programs")).chain(GROUPS.iter().map(|g| root.join("tests/cases").join(g)));
    let mut names = Vec::new();
    for dir in dirs {
        let (cases, _) = discover(&dir).unwrap_or_else(|e| panic!("{e}"));
        names.extend(cases.into_iter().map(|c| c.name));
    }
    let unknown: Vec<&String> = list.keys().filter(|name| !names.contains(name)).collect();
    assert!(unknown.is_empty(), "{} names no case: {unknown:?}", pending::PENDING_FILE);
}
