//! Hostile source through the real binary (issue 6): inputs too big or too deep to keep as case
//! files. Each must run or be refused with a clean error (exit status 1 and a `SyntaxError`-family
//! last line), never crash; the big string literal also goes through a bytecode file.
//! (The smaller hostile inputs are in tests/fuzz/corpus/hostile/, replayed by the fuzz targets.)

use std::path::PathBuf;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_coro");

fn write(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("coro-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Exit status, stdout and the last line of stderr of `coro ARGS`.
fn coro(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(BIN).args(args).stdin(Stdio::null()).output().expect("run coro");
    let err = String::from_utf8_lossy(&out.stderr);
    let last = err.lines().last().unwrap_or("").to_string();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), last)
}

#[test]
fn ten_megabyte_string_literal_runs_from_source_and_bytecode() {
    let n = 10 << 20;
    let src = format!("x = \"{}\"\nprint(len(x), x[:3], x[-1])\n", "ab".repeat(n / 2));
    let p = write("big_string.py", &src);
    let expected = format!("{n} aba b\n");
    assert_eq!(coro(&["run", p.to_str().unwrap()]), (Some(0), expected.clone(), String::new()));
    let c = p.with_extension("coroc");
    assert_eq!(coro(&["compile", p.to_str().unwrap(), "-o", c.to_str().unwrap()]).0, Some(0));
    // The text is in the file, coded at a few bits a byte.
    assert!(std::fs::metadata(&c).unwrap().len() > n as u64 / 4);
    assert_eq!(coro(&["run", c.to_str().unwrap()]), (Some(0), expected, String::new()));
}

#[test]
fn deep_nesting_is_a_clean_syntax_error() {
    let blocks: String =
        (0..1000).map(|i| format!("{}if True:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(1000) + "pass\n";
    let cases = [
        ("parens.py", "(".repeat(100_000), "SyntaxError: too many nested parentheses"),
        ("minus.py", format!("x = {}1\n", "-".repeat(100_000)), "SyntaxError: too many nested expressions"),
        ("blocks.py", blocks, "IndentationError: too many levels of indentation"),
    ];
    for (name, src, last) in cases {
        let p = write(name, &src);
        let (status, out, err) = coro(&["run", p.to_str().unwrap()]);
        assert_eq!((status, out.as_str(), err.as_str()), (Some(1), "", last), "{name}");
        let (status, _, err) = coro(&["compile", "--check", p.to_str().unwrap()]);
        assert_eq!((status, err.as_str()), (Some(1), last), "compile --check {name}");
    }
}
