//! The expectation format shared with `tests/regen.py`: what a case must print, how its
//! streams are normalised before comparison, and the `# args:` directive.
//!
//! Each rule here has a twin in `regen.py`; the unit tests at the bottom pin the exact
//! behaviour both sides must have (see tests/README.md for the format itself).

/// The line that ends the header of an `.expected` file; everything after it is stdout.
pub const STDOUT_MARKER: &str = "--- stdout";

/// The prefix of the optional first-line directive giving a case its command-line arguments.
pub const ARGS_DIRECTIVE: &str = "# args:";

/// What one run must produce: CPython 3.11's exit status, the last line of its stderr and
/// its whole stdout, all already normalised with [`normalise`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    pub exit: i32,
    pub stderr_last: String,
    pub stdout: String,
}

impl Expectation {
    /// Parses an `.expected` file; on success every header key was present exactly once.
    pub fn parse(text: &str) -> Result<Expectation, String> {
        let mut exit = None;
        let mut stderr_last = None;
        let mut rest = text;
        loop {
            let (line, after) = match rest.find('\n') {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => return Err(format!("no `{STDOUT_MARKER}` line ends the header")),
            };
            rest = after;
            if line == STDOUT_MARKER {
                break;
            }
            let (key, value) =
                split_header_line(line).ok_or_else(|| format!("malformed header line {line:?} (want `key: value`)"))?;
            let slot_was_empty = match key {
                "exit" => {
                    let n = value.parse::<i32>().map_err(|_| format!("exit status {value:?} is not an integer"))?;
                    exit.replace(n).is_none()
                }
                "stderr" => stderr_last.replace(value.to_string()).is_none(),
                _ => return Err(format!("unknown header key {key:?}")),
            };
            if !slot_was_empty {
                return Err(format!("header key {key:?} given twice"));
            }
        }
        Ok(Expectation {
            exit: exit.ok_or("header has no `exit:` line")?,
            stderr_last: stderr_last.ok_or("header has no `stderr:` line")?,
            stdout: rest.to_string(),
        })
    }

    /// Renders the file text `regen.py` writes; `parse(render(e)) == e` for every `e` whose
    /// `stderr_last` holds no newline.
    pub fn render(&self) -> String {
        let stderr =
            if self.stderr_last.is_empty() { "stderr:".to_string() } else { format!("stderr: {}", self.stderr_last) };
        format!("exit: {}\n{stderr}\n{STDOUT_MARKER}\n{}", self.exit, self.stdout)
    }
}

/// `key: value` or `key:` (empty value); `None` when the line has no colon.
fn split_header_line(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    Some((key, value.strip_prefix(' ').unwrap_or(value)))
}

/// Replaces every match of the regex `0x[0-9a-f]+` with `0x...`, so object addresses in
/// reprs (`<generator object g at 0x7f...>`) compare equal. Same scan as Python's
/// `re.sub(r"0x[0-9a-f]+", "0x...", s)`: leftmost matches, each as long as possible.
pub fn normalise(s: &str) -> String {
    let b = s.as_bytes();
    let is_hex = |c: u8| c.is_ascii_digit() || (b'a'..=b'f').contains(&c);
    let mut out = String::with_capacity(s.len());
    let mut copied_up_to = 0;
    let mut i = 0;
    while i + 2 < b.len() {
        if b[i] == b'0' && b[i + 1] == b'x' && is_hex(b[i + 2]) {
            out.push_str(&s[copied_up_to..i]);
            out.push_str("0x...");
            i += 3;
            while i < b.len() && is_hex(b[i]) {
                i += 1;
            }
            copied_up_to = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[copied_up_to..]);
    out
}

/// What the case's directory (its real absolute path) becomes in both streams, so messages
/// holding module paths compare equal wherever the repository is checked out.
pub const CASE_DIR_PLACEHOLDER: &str = "<case dir>";

/// Replaces every occurrence of `dir` (the real path of the case's directory) in `s` with
/// [`CASE_DIR_PLACEHOLDER`]; done before [`normalise`].
pub fn hide_case_dir(s: &str, dir: &str) -> String {
    if dir.is_empty() {
        s.to_string()
    } else {
        s.replace(dir, CASE_DIR_PLACEHOLDER)
    }
}

/// The last line of a stream, ignoring the newlines that end it: Python's
/// `s.rstrip("\n").rsplit("\n", 1)[-1]`. Empty for an empty stream.
pub fn last_line(s: &str) -> &str {
    let trimmed = s.trim_end_matches('\n');
    match trimmed.rfind('\n') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    }
}

/// The arguments a case file asks for with a first line `# args: a b c`
/// (whitespace-separated, no quoting); empty when there is no such line.
pub fn args_directive(source: &str) -> Vec<String> {
    let first = source.split('\n').next().unwrap_or("");
    match first.strip_prefix(ARGS_DIRECTIVE) {
        Some(rest) => rest.split_whitespace().map(str::to_string).collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_replaces_addresses_only() {
        assert_eq!(normalise("<generator object g at 0x7f3a00b1c2d0>"), "<generator object g at 0x...>");
        // "ff0" are all hex digits, so the match swallows the second zero too.
        assert_eq!(normalise("0x1 0xAB 0x 10xff0xg"), "0x... 0xAB 0x 10x...xg");
        assert_eq!(normalise("00x1f!"), "00x...!");
        assert_eq!(normalise("ends with 0x"), "ends with 0x");
        assert_eq!(normalise("0x0"), "0x...");
        assert_eq!(normalise("é 0xé 0xa é"), "é 0xé 0x... é");
    }

    #[test]
    fn hide_case_dir_replaces_the_directory_only() {
        assert_eq!(
            hide_case_dir("cannot import name 'x' from 'm' (/r/t/c/m.py)", "/r/t/c"),
            "cannot import name 'x' from 'm' (<case dir>/m.py)"
        );
        assert_eq!(hide_case_dir("/r/t/c", ""), "/r/t/c");
    }

    #[test]
    fn last_line_ignores_trailing_newlines() {
        assert_eq!(last_line(""), "");
        assert_eq!(last_line("\n\n"), "");
        assert_eq!(last_line("one"), "one");
        assert_eq!(last_line("Traceback\n  File\nValueError: x\n"), "ValueError: x");
        assert_eq!(last_line("a\nb\n\n"), "b");
    }

    #[test]
    fn args_directive_reads_only_the_first_line() {
        assert_eq!(args_directive("# args: a  b\tc\nprint(1)\n"), ["a", "b", "c"]);
        assert_eq!(args_directive("# args:\n"), Vec::<String>::new());
        assert_eq!(args_directive("print(1)\n# args: a\n"), Vec::<String>::new());
        assert_eq!(args_directive("#args: a\n"), Vec::<String>::new());
    }

    #[test]
    fn expectation_round_trips() {
        for e in [
            Expectation { exit: 0, stderr_last: String::new(), stdout: "1\n2\n".into() },
            Expectation {
                exit: 1,
                stderr_last: "ZeroDivisionError: division by zero".into(),
                stdout: "no newline at end".into(),
            },
            Expectation { exit: 3, stderr_last: " leading space".into(), stdout: String::new() },
            Expectation { exit: 0, stderr_last: String::new(), stdout: "--- stdout\n".into() },
        ] {
            assert_eq!(Expectation::parse(&e.render()), Ok(e.clone()));
        }
    }

    #[test]
    fn expectation_rejects_malformed_headers() {
        let bad = [
            "exit: 0\nstderr:\n",
            "stderr:\n--- stdout\n",
            "exit: 0\n--- stdout\n",
            "exit: zero\nstderr:\n--- stdout\n",
            "exit: 0\nexit: 1\nstderr:\n--- stdout\n",
            "exit: 0\nstderr:\ncolour: red\n--- stdout\n",
            "exit 0\nstderr:\n--- stdout\n",
        ];
        for text in bad {
            assert!(Expectation::parse(text).is_err(), "accepted {text:?}");
        }
    }
}
