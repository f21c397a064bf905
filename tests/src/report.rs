//! Comparing one run with its expectation, and describing the differences precisely
//! enough to act on without rerunning: which stream, which line, with context.

use crate::expect::{last_line, normalise, Expectation};
use crate::runner::Outcome;

/// Lines of context shown before the first differing stdout line.
const CONTEXT_BEFORE: usize = 3;
/// Lines shown from the first differing stdout line on.
const CONTEXT_AFTER: usize = 5;
/// Lines of actual stderr shown when something differs.
const STDERR_TAIL: usize = 8;

/// `Ok` when the normalised stdout, the exit status and the normalised last stderr line
/// all equal the expectation; otherwise an indented report of every difference.
pub fn compare(expected: &Expectation, got: &Outcome) -> Result<(), String> {
    let stdout = normalise(&got.stdout);
    let stderr = normalise(&got.stderr);
    let stderr_last = last_line(&stderr);
    let mut lines = Vec::new();
    if got.timed_out {
        lines.push(format!("  TIMED OUT after {:.1?} and was killed", got.elapsed));
    }
    if got.status != Some(expected.exit) {
        let status = match got.status {
            Some(code) => code.to_string(),
            None => "none (killed by a signal)".to_string(),
        };
        lines.push(format!("  exit status: expected {}, got {status}", expected.exit));
    }
    if stderr_last != expected.stderr_last {
        lines.push(format!(
            "  last stderr line:\n    expected {:?}\n    got      {:?}",
            expected.stderr_last, stderr_last
        ));
    }
    if stdout != expected.stdout {
        lines.push(stdout_diff(&expected.stdout, &stdout));
    }
    if lines.is_empty() {
        return Ok(());
    }
    if !stderr.is_empty() {
        lines.push(format!("  stderr (last {STDERR_TAIL} lines):"));
        let all: Vec<&str> = stderr.trim_end_matches('\n').split('\n').collect();
        for line in &all[all.len().saturating_sub(STDERR_TAIL)..] {
            lines.push(format!("    | {line}"));
        }
    }
    Err(lines.join("\n"))
}

/// A diff-like excerpt around the first line where `got` differs from `expected`.
pub fn stdout_diff(expected: &str, got: &str) -> String {
    let exp: Vec<&str> = expected.split_inclusive('\n').collect();
    let act: Vec<&str> = got.split_inclusive('\n').collect();
    let first = exp.iter().zip(&act).position(|(a, b)| a != b).unwrap_or(exp.len().min(act.len()));
    let mut out = format!("  stdout differs at line {} (expected {} lines, got {}):", first + 1, exp.len(), act.len());
    let from = first.saturating_sub(CONTEXT_BEFORE);
    for line in &exp[from..first] {
        out.push_str(&format!("\n      {}", show(line)));
    }
    let end_exp = (first + CONTEXT_AFTER).min(exp.len());
    let end_act = (first + CONTEXT_AFTER).min(act.len());
    for line in &exp[first..end_exp] {
        out.push_str(&format!("\n    - {}", show(line)));
    }
    if end_exp < exp.len() {
        out.push_str(&format!("\n    - ... ({} more expected lines)", exp.len() - end_exp));
    }
    for line in &act[first..end_act] {
        out.push_str(&format!("\n    + {}", show(line)));
    }
    if end_act < act.len() {
        out.push_str(&format!("\n    + ... ({} more lines)", act.len() - end_act));
    }
    if first >= exp.len() {
        out.push_str("\n    (expected output ends here)");
    } else if first >= act.len() {
        out.push_str("\n    (actual output ends here)");
    }
    out
}

/// One line for the report: its newline dropped, a missing newline and odd characters
/// made visible.
fn show(line: &str) -> String {
    let body = line.strip_suffix('\n');
    let text = body.unwrap_or(line);
    let visible = if text.chars().any(|c| c.is_control() && c != '\t') || text.ends_with(' ') {
        format!("{text:?}")
    } else {
        text.to_string()
    };
    if body.is_none() {
        format!("{visible}  [no newline at end]")
    } else {
        visible
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn outcome(status: i32, stdout: &str, stderr: &str) -> Outcome {
        Outcome {
            status: Some(status),
            stdout: stdout.into(),
            stderr: stderr.into(),
            timed_out: false,
            elapsed: Duration::from_millis(1),
        }
    }

    fn expectation(exit: i32, stderr_last: &str, stdout: &str) -> Expectation {
        Expectation { exit, stderr_last: stderr_last.into(), stdout: stdout.into() }
    }

    #[test]
    fn equal_runs_pass_after_normalising() {
        let e = expectation(1, "ValueError: at 0x...", "<generator object g at 0x...>\n");
        let got = outcome(
            1,
            "<generator object g at 0x55d0c0ffee>\n",
            "Traceback (most recent call last):\n  File \"/x/y.py\", line 3\nValueError: at 0x1\n",
        );
        assert_eq!(compare(&e, &got), Ok(()));
    }

    #[test]
    fn each_stream_can_fail() {
        let e = expectation(1, "ZeroDivisionError: division by zero", "a\nb\n");
        let wrong_status = compare(&e, &outcome(0, "a\nb\n", "ZeroDivisionError: division by zero\n"));
        assert!(wrong_status.unwrap_err().contains("exit status: expected 1, got 0"));
        let wrong_stderr = compare(&e, &outcome(1, "a\nb\n", "ZeroDivisionError: integer division\n"));
        assert!(wrong_stderr.unwrap_err().contains("last stderr line"));
        let wrong_stdout = compare(&e, &outcome(1, "a\nc\n", "ZeroDivisionError: division by zero\n"));
        let report = wrong_stdout.unwrap_err();
        assert!(report.contains("stdout differs at line 2"), "{report}");
        assert!(report.contains("    - b") && report.contains("    + c"), "{report}");
        let mut timed_out = outcome(1, "a\nb\n", "ZeroDivisionError: division by zero\n");
        timed_out.timed_out = true;
        assert!(compare(&e, &timed_out).unwrap_err().contains("TIMED OUT"));
        let signalled = Outcome { status: None, ..outcome(0, "a\nb\n", "") };
        assert!(compare(&e, &signalled).unwrap_err().contains("killed by a signal"));
    }

    #[test]
    fn diff_reports_truncation_and_newlines() {
        assert!(stdout_diff("a\nb\n", "a\n").contains("actual output ends here"));
        assert!(stdout_diff("a\n", "a\nb\n").contains("expected output ends here"));
        let only_newline = stdout_diff("a\n", "a");
        assert!(only_newline.contains("[no newline at end]"), "{only_newline}");
        assert!(stdout_diff("x \n", "x\n").contains("\"x \""));
    }
}
