//! Imports: coro's own messages for what it does not support (no CPython expectation exists
//! for them), the embedding default of no file imports, and a deep chain of module imports on
//! a small native stack (module bodies run in the one dispatch loop).

mod common;

use std::path::PathBuf;

/// A fresh directory holding the given files.
fn dir_with(test: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("coro-modules-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the test directory");
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create a subdirectory");
        }
        std::fs::write(path, text).expect("write a test file");
    }
    dir
}

/// Runs `main` on a small stack with imports searching `dir` (none when `None`).
fn run(main: &str, dir: Option<PathBuf>) -> Result<String, String> {
    common::run_on_small_stack(main, "main.py", dir)
}

#[test]
fn deep_import_chain_on_a_small_stack() {
    let n = 600;
    let mut files: Vec<(String, String)> =
        (0..n).map(|i| (format!("m{i}.py"), format!("import m{}\ndepth = m{}.depth + 1\n", i + 1, i + 1))).collect();
    files.push((format!("m{n}.py"), "depth = 0\n".to_string()));
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let dir = dir_with("chain", &refs);
    let out = run("import sys\nsys.setrecursionlimit(5000)\nimport m0\nprint(m0.depth)\n", Some(dir.clone()));
    assert_eq!(out, Ok(format!("{n}\n")));
    // With the default limit the chain is a clean RecursionError, and no module stays behind.
    let out = run(
        "import sys\ntry:\n    import m0\nexcept RecursionError as e:\n    print(e)\nprint(len([k for k in sys.modules if k.startswith('m')]))\n",
        Some(dir.clone()),
    );
    assert_eq!(out, Ok("maximum recursion depth exceeded\n0\n".to_string()));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn unsupported_standard_library_modules_are_named() {
    let dir = dir_with("stdlib", &[]);
    let out = run("import heapq\n", Some(dir.clone()));
    assert_eq!(out, Err("ImportError: coro does not support the standard library module 'heapq' yet".into()));
    let out = run("import gc\n", Some(dir.clone()));
    assert_eq!(out, Err("ImportError: coro does not support the standard library module 'gc' yet".into()));
    let out = run("from functools import lru_cache\n", Some(dir.clone()));
    assert_eq!(
        out,
        Err("ImportError: cannot import name 'lru_cache' from 'functools': coro does not support it yet".into())
    );
    let out = run("from collections import ChainMap\n", Some(dir.clone()));
    assert_eq!(
        out,
        Err("ImportError: cannot import name 'ChainMap' from 'collections': coro does not support it yet".into())
    );
    let out = run("from itertools import product\n", Some(dir.clone()));
    assert_eq!(
        out,
        Err("ImportError: cannot import name 'product' from 'itertools': coro does not support it yet".into())
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn packages_and_shadowing_files_are_refused() {
    let dir = dir_with(
        "packages",
        &[
            ("pkg/__init__.py", "x = 1\n"),
            ("nspkg/mod.py", "x = 1\n"),
            ("math.py", "pi = 3\n"),
            ("queue.py", "q = 1\n"),
        ],
    );
    for (src, want) in [
        ("import pkg\n", "ImportError: coro does not support packages yet: 'pkg' is a directory"),
        ("import nspkg.mod\n", "ImportError: coro does not support packages yet: 'nspkg' is a directory"),
        ("import math\n", "ImportError: coro does not support"),
        ("import queue\n", "ImportError: coro does not support"),
    ] {
        let out = run(src, Some(dir.clone()));
        let err = out.expect_err(src);
        assert!(err.starts_with(want), "{src}: {err}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_embedding_vm_imports_no_files_unless_allowed() {
    let dir = dir_with("embed", &[("helper.py", "x = 1\n")]);
    let cwd = std::env::current_dir().expect("cwd");
    std::env::set_current_dir(&dir).expect("enter the test directory");
    let out = run("import helper\n", None);
    std::env::set_current_dir(cwd).expect("leave the test directory");
    assert_eq!(out, Err("ModuleNotFoundError: No module named 'helper'".into()));
    let out = run("import helper\nprint(helper.x, helper.__name__)\n", Some(dir.clone()));
    assert_eq!(out, Ok("1 helper\n".into()));
    let _ = std::fs::remove_dir_all(dir);
}
