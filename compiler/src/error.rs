//! Compile-time errors: what the lexer, parser, scope analysis and codegen report, in the shape
//! CPython prints (`File "x.py", line N`, the source line, a caret, `Kind: message`).

use std::fmt;

/// Which CPython exception class a compile error is reported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
        }
    }
}

/// A compile error at a source position. `line` is 1-based; `col` is the 1-based column of the
/// caret in characters (CPython's `offset`), 0 when no caret should be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub kind: ErrorKind,
    pub msg: String,
    pub line: u32,
    pub col: u32,
    /// Exclusive end column for a `^^^` range (CPython 3.11 shows ranges for some errors); equal
    /// to `col + 1` or 0 for a single caret.
    pub end_col: u32,
}

impl CompileError {
    pub fn syntax(msg: impl Into<String>, line: u32, col: u32) -> Self {
        CompileError { kind: ErrorKind::SyntaxError, msg: msg.into(), line, col, end_col: 0 }
    }

    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// Renders the error as CPython prints it, given the file name and full source text:
    /// `  File "x.py", line 3\n    bad line\n    ^\nSyntaxError: msg\n`.
    pub fn render(&self, filename: &str, source: &str) -> String {
        let mut out = format!("  File \"{}\", line {}\n", filename, self.line);
        let text = source.lines().nth(self.line.saturating_sub(1) as usize);
        if let Some(text) = text {
            // CPython strips leading whitespace from the shown line and shifts the caret with it.
            let trimmed = text.trim_start();
            let shift = text.chars().count() - trimmed.chars().count();
            let trimmed = trimmed.trim_end();
            if !trimmed.is_empty() {
                out.push_str("    ");
                out.push_str(trimmed);
                out.push('\n');
                if self.col > 0 {
                    let caret_at = (self.col as usize).saturating_sub(1).saturating_sub(shift);
                    let width = if self.end_col > self.col { (self.end_col - self.col) as usize } else { 1 };
                    out.push_str("    ");
                    out.push_str(&" ".repeat(caret_at));
                    out.push_str(&"^".repeat(width));
                    out.push('\n');
                }
            }
        }
        out.push_str(&format!("{}: {}\n", self.kind.name(), self.msg));
        out
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (line {})", self.kind.name(), self.msg, self.line)
    }
}

impl std::error::Error for CompileError {}
