//! The pending list (`tests/pending.txt`): cases and programs whose CPython expectation is
//! committed but which coro cannot run correctly yet. The harness runs them like every other
//! case and requires them to *fail*; one that passes fails the suite until its line is
//! removed, so the list never claims less than coro can do. `regen.py` reads the same file
//! (it writes their expectations but does not hold them to the subset rules).
//!
//! Format: one case per line, its reported name (`gen/foo`, `programs/event_loop/01_x`),
//! then whitespace and what coro still lacks. `#` starts a comment line; blank lines are
//! ignored.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The pending list's path, relative to the repository root.
pub const PENDING_FILE: &str = "tests/pending.txt";

/// Parses the pending list: case name -> what coro still lacks (never empty).
pub fn parse(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut entries = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, reason) = match line.split_once(char::is_whitespace) {
            Some((name, reason)) if !reason.trim().is_empty() => (name, reason.trim()),
            _ => return Err(format!("{PENDING_FILE}:{}: {line:?} gives no reason after the name", i + 1)),
        };
        if entries.insert(name.to_string(), reason.to_string()).is_some() {
            return Err(format!("{PENDING_FILE}:{}: {name} is listed twice", i + 1));
        }
    }
    Ok(entries)
}

/// The repository's pending list, read once per test process (empty when the file is absent).
pub fn pending() -> Result<&'static BTreeMap<String, String>, String> {
    static LIST: OnceLock<Result<BTreeMap<String, String>, String>> = OnceLock::new();
    LIST.get_or_init(|| {
        let path = crate::repo_root().join(PENDING_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    })
    .as_ref()
    .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_names_and_reasons() {
        let text = "# comment\n\nprograms/a/01_x   needs enum, deque\n  gen/y\tneeds with\n";
        let list = parse(text).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list["programs/a/01_x"], "needs enum, deque");
        assert_eq!(list["gen/y"], "needs with");
    }

    #[test]
    fn parse_rejects_missing_reasons_and_duplicates() {
        assert!(parse("gen/y\n").is_err());
        assert!(parse("gen/y   \n").is_err());
        assert!(parse("gen/y a\ngen/y b\n").is_err());
    }
}
