//! What an interactive session needs from the compiler: when the lines typed so far make a whole
//! statement (CPython's interactive rules), and the module-level expression statements whose
//! values the session echoes.
//!
//! CPython's REPL reads one statement per prompt: a simple statement line ends at its newline
//! unless a bracket, a triple-quoted string or a backslash continues it; a compound statement
//! (`if`, `for`, `def`, `@decorator`, ...) ends at the first blank line. A syntax error is
//! reported as soon as no further line could repair it.

use crate::ast::{ExceptHandler, Stmt, StmtKind};
use crate::error::CompileError;
use crate::parser::parse_module;

/// What the lines of one interactive input amount to.
#[derive(Debug, PartialEq)]
pub enum Input {
    /// More lines are needed (prompt with `... `).
    Incomplete,
    /// A whole statement: compile and run it.
    Complete,
    /// A syntax error no further line could fix; report it and start afresh.
    Invalid(CompileError),
}

/// Classifies `buffer`: the lines read so far, each ending with `\n`. A blank last line ends a
/// compound statement.
pub fn classify(buffer: &str) -> Input {
    match open_at_end(buffer) {
        Open::Nothing => {}
        Open::StringOrBackslash => return Input::Incomplete,
        // Inside brackets the parser sees the whole text: an error it reports before the end
        // (`def f(:`) stands, one it reports at the end is the bracket still open.
        Open::Bracket => {
            let arena = bumpalo::Bump::new();
            return match parse_module(&arena, buffer) {
                Err(e) if !e.msg.ends_with("was never closed") => Input::Invalid(e),
                _ => Input::Incomplete,
            };
        }
    }
    let lines: Vec<&str> = buffer.lines().collect();
    if !starts_compound(buffer) || lines.last().is_some_and(|l| l.trim().is_empty()) {
        return Input::Complete;
    }
    let arena = bumpalo::Bump::new();
    match parse_module(&arena, buffer) {
        Ok(module) => match module.body.get(1) {
            // CPython's interactive grammar takes one statement; a second one at the left margin
            // before the blank line is an error at its first token.
            Some(second) => {
                Input::Invalid(CompileError::syntax("invalid syntax", second.span.line, second.span.col + 1))
            }
            None => Input::Incomplete,
        },
        Err(e) => {
            // An error that moves past the text when one more (indented) line follows is the
            // parser meeting the end of input: `if x:`, `try: ...` without `except`, `@dec`.
            let more = format!("{buffer}    pass\n");
            let arena = bumpalo::Bump::new();
            match parse_module(&arena, &more) {
                Ok(_) => Input::Incomplete,
                Err(e2) if e2.line as usize > lines.len() => Input::Incomplete,
                Err(_) => Input::Invalid(e),
            }
        }
    }
}

/// What is still open at the end of the text.
enum Open {
    Nothing,
    /// A triple-quoted string, or a backslash continuation.
    StringOrBackslash,
    Bracket,
}

/// What the end of the text is inside of: brackets, a triple-quoted string, or a backslash
/// continuation mean the statement cannot have ended yet.
fn open_at_end(text: &str) -> Open {
    let chars: Vec<char> = text.chars().collect();
    let mut depth: i32 = 0;
    let mut i = 0;
    let mut continued = false;
    while i < chars.len() {
        let c = chars[i];
        continued = false;
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            '\\' if chars.get(i + 1) == Some(&'\n') => {
                continued = true;
                i += 2;
                continue;
            }
            '\'' | '"' => {
                let triple = chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c);
                i += if triple { 3 } else { 1 };
                loop {
                    match chars.get(i) {
                        None if triple => return Open::StringOrBackslash,
                        None => return Open::Nothing,
                        Some('\\') => i += 2,
                        Some('\n') if !triple => break,
                        Some(&q) if q == c => {
                            if !triple {
                                i += 1;
                                break;
                            }
                            if chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c) {
                                i += 3;
                                break;
                            }
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if continued {
        Open::StringOrBackslash
    } else if depth > 0 {
        Open::Bracket
    } else {
        Open::Nothing
    }
}

/// True when the first statement of `text` is a compound statement (it ends at a blank line).
fn starts_compound(text: &str) -> bool {
    let first = text.lines().map(str::trim_start).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("");
    if first.starts_with('@') {
        return true;
    }
    let word: String = first.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    let rest = first[word.len()..].trim_start();
    match word.as_str() {
        "if" | "while" | "for" | "try" | "with" | "def" | "class" | "async" => true,
        // Soft keywords: `match x:` starts a statement, `match = 1` does not.
        "match" | "case" => rest.ends_with(':') && !rest.starts_with('=') && !rest.starts_with('.'),
        _ => false,
    }
}

/// True when `source` parses. An input that parses but does not compile failed in a later
/// stage (`'yield' outside function`, `nonlocal` at module level), and CPython's REPL shows
/// such errors without the source line, which only its parser keeps.
pub fn parses(source: &str) -> bool {
    parse_module(&bumpalo::Bump::new(), source).is_ok()
}

/// Rewrites `source` (one complete interactive input that parses) so that each expression
/// statement CPython's REPL would echo (those at module level, also inside `if`/`for`/`while`/
/// `try`/`with` bodies there, never inside `def` or `class`) becomes a call `hook((expr))`.
/// Lines do not move, so line numbers in tracebacks stay those of the input. `None` when the
/// source does not parse or there is nothing to echo.
pub fn echo_source(source: &str, hook: &str) -> Option<String> {
    let arena = bumpalo::Bump::new();
    let module = parse_module(&arena, source).ok()?;
    let mut spans = Vec::new();
    echo_spans(module.body, &mut spans);
    if spans.is_empty() {
        return None;
    }
    let starts: Vec<usize> = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let offset = |line: u32, col: u32| -> Option<usize> {
        let start = *starts.get((line as usize).checked_sub(1)?)?;
        let rest = &source[start..];
        match rest.char_indices().nth(col as usize) {
            Some((i, _)) => Some(start + i),
            None if rest.chars().count() == col as usize => Some(source.len()),
            None => None,
        }
    };
    let mut edits: Vec<(usize, String)> = Vec::new();
    for s in spans {
        let (a, b) = (offset(s.line, s.col)?, offset(s.end_line, s.end_col)?);
        if a >= b || source[b..].starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        edits.push((a, format!("{hook}((")));
        edits.push((b, "))".to_string()));
    }
    edits.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let mut out = source.to_string();
    for (at, text) in edits {
        out.insert_str(at, &text);
    }
    Some(out)
}

fn echo_spans(body: &[Stmt<'_>], out: &mut Vec<crate::ast::Span>) {
    for s in body {
        match &s.kind {
            StmtKind::Expr(e) => out.push(e.span),
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                echo_spans(body, out);
                echo_spans(orelse, out);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                echo_spans(body, out);
                for ExceptHandler { body, .. } in handlers.iter() {
                    echo_spans(body, out);
                }
                echo_spans(orelse, out);
                echo_spans(finalbody, out);
            }
            StmtKind::With { body, .. } => echo_spans(body, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_invalid(buffer: &str) -> bool {
        matches!(classify(buffer), Input::Invalid(_))
    }

    #[test]
    fn simple_lines_are_complete_unless_something_is_open() {
        assert_eq!(classify("1 + 1\n"), Input::Complete);
        assert_eq!(classify("1 +\n"), Input::Complete, "the compiler reports the error");
        assert_eq!(classify("x = (1,\n"), Input::Incomplete);
        assert_eq!(classify("x = (1,\n# ) not closed\n"), Input::Incomplete);
        assert_eq!(classify("s = ')' + \"(\"\n"), Input::Complete);
        assert_eq!(classify("s = '''a\n"), Input::Incomplete);
        assert_eq!(classify("s = '''a\nb'''\n"), Input::Complete);
        assert_eq!(classify("1 + \\\n"), Input::Incomplete);
        assert!(is_invalid("def f(:\n"), "an error inside brackets that no line can fix");
    }

    #[test]
    fn compound_statements_end_at_a_blank_line() {
        assert_eq!(classify("if x:\n"), Input::Incomplete);
        assert_eq!(classify("if x: y\n"), Input::Incomplete);
        assert_eq!(classify("for i in x:\n    i\n"), Input::Incomplete);
        assert_eq!(classify("for i in x:\n    i\n\n"), Input::Complete);
        assert_eq!(classify("try:\n    pass\n"), Input::Incomplete);
        assert_eq!(classify("@dec\n"), Input::Incomplete);
        assert_eq!(classify("class A:\n    def f(self):\n"), Input::Incomplete);
        assert_eq!(classify("match = 3\n"), Input::Complete);
    }

    #[test]
    fn errors_are_reported_as_soon_as_no_line_could_fix_them() {
        assert!(is_invalid("if 1\n"));
        assert!(is_invalid("for i in x:\n    a\n    b c\n"));
        match classify("if 1: 7\nx = 3\n") {
            Input::Invalid(e) => assert_eq!((e.line, e.col, e.msg.as_str()), (2, 1, "invalid syntax")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn echoed_statements_are_wrapped_in_place() {
        assert_eq!(echo_source("1 + 2\n", "h").as_deref(), Some("h((1 + 2))\n"));
        assert_eq!(echo_source("x = 1; x\n", "h").as_deref(), Some("x = 1; h((x))\n"));
        assert_eq!(
            echo_source("for i in r:\n    i\n    def f():\n        g()\n", "h").as_deref(),
            Some("for i in r:\n    h((i))\n    def f():\n        g()\n")
        );
        assert_eq!(echo_source("(1,\n 2)\n", "h").map(|s| s.lines().count()), Some(2));
        assert_eq!(echo_source("x = 1\n", "h"), None);
    }
}
