//! The tokenizer: source text in, tokens with spans out, one token per call, in a single pass over
//! the bytes. It owns everything CPython's tokenizer owns: INDENT/DEDENT/NEWLINE, implicit line
//! joining inside brackets, backslash continuation, comments, bracket matching, the nesting and
//! indentation limits, and validation of number and string literal *syntax*. It also owns the
//! decoding of literal *values* (`number_value`, `decode_str`, `decode_bytes`), because those are
//! lexical rules even though CPython runs them when it builds the AST.
//!
//! Errors carry CPython 3.11's message, line and caret column (`offset`), which for tokenizer
//! errors is sometimes the 0-based column of the offending character; the helpers below copy
//! CPython rather than "fix" it so tests can compare against `python3`.

use crate::ast::Span;
use crate::error::{CompileError, ErrorKind};

/// CPython's tokenizer limit on open brackets (`MAXLEVEL`).
pub const MAX_PAREN_DEPTH: usize = 200;
/// CPython's tokenizer limit on indentation levels (`MAXINDENT`), counting the base level.
pub const MAX_INDENT_LEVELS: usize = 100;
/// CPython 3.11 refuses decimal literals longer than this (`sys.int_info.default_max_str_digits`).
pub const MAX_DECIMAL_DIGITS: usize = 4300;

/// Errors are boxed so that `Result`s stay two words wide: the parser is recursive and every
/// temporary `Result` in a frame costs stack.
pub type LexResult<T> = Result<T, Box<CompileError>>;

/// Operators and delimiters. `text` gives each one's source spelling for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    LPar,
    RPar,
    LSqb,
    RSqb,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    RArrow,
    Ellipsis,
    ColonEqual,
}

impl Op {
    /// The operator as written in source.
    pub fn text(self) -> &'static str {
        use Op::*;
        match self {
            LPar => "(",
            RPar => ")",
            LSqb => "[",
            RSqb => "]",
            LBrace => "{",
            RBrace => "}",
            Colon => ":",
            Comma => ",",
            Semi => ";",
            Plus => "+",
            Minus => "-",
            Star => "*",
            Slash => "/",
            VBar => "|",
            Amper => "&",
            Less => "<",
            Greater => ">",
            Equal => "=",
            Dot => ".",
            Percent => "%",
            EqEqual => "==",
            NotEqual => "!=",
            LessEqual => "<=",
            GreaterEqual => ">=",
            Tilde => "~",
            Circumflex => "^",
            LeftShift => "<<",
            RightShift => ">>",
            DoubleStar => "**",
            PlusEqual => "+=",
            MinEqual => "-=",
            StarEqual => "*=",
            SlashEqual => "/=",
            PercentEqual => "%=",
            AmperEqual => "&=",
            VBarEqual => "|=",
            CircumflexEqual => "^=",
            LeftShiftEqual => "<<=",
            RightShiftEqual => ">>=",
            DoubleStarEqual => "**=",
            DoubleSlash => "//",
            DoubleSlashEqual => "//=",
            At => "@",
            AtEqual => "@=",
            RArrow => "->",
            Ellipsis => "...",
            ColonEqual => ":=",
        }
    }
}

macro_rules! keywords {
    ($($name:ident = $text:literal,)*) => {
        /// Python's hard keywords (the soft keywords `match`/`case`/`_` lex as names).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Kw { $($name,)* }

        impl Kw {
            /// The keyword as written in source.
            pub fn text(self) -> &'static str {
                match self { $(Kw::$name => $text,)* }
            }

            fn from_str(s: &str) -> Option<Kw> {
                match s { $($text => Some(Kw::$name),)* _ => None }
            }
        }
    };
}

keywords! {
    False = "False", None = "None", True = "True", And = "and", As = "as", Assert = "assert",
    Async = "async", Await = "await", Break = "break", Class = "class", Continue = "continue",
    Def = "def", Del = "del", Elif = "elif", Else = "else", Except = "except",
    Finally = "finally", For = "for", From = "from", Global = "global", If = "if",
    Import = "import", In = "in", Is = "is", Lambda = "lambda", Nonlocal = "nonlocal",
    Not = "not", Or = "or", Pass = "pass", Raise = "raise", Return = "return", Try = "try",
    While = "while", With = "with", Yield = "yield",
}

/// A string literal token. `body` is the raw source text between the quotes; its escapes are
/// decoded by the parser (CPython also reports escape errors from the parser, not the tokenizer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrLit<'s> {
    pub body: &'s str,
    /// `r` prefix: escapes are kept as written.
    pub raw: bool,
    /// `b` prefix.
    pub bytes: bool,
    /// `f` prefix.
    pub fmt: bool,
    /// Delimited by `'''` or `"""`.
    pub triple: bool,
    /// Position of the first body character.
    pub body_line: u32,
    pub body_col: u32,
}

/// What a token is. Names, numbers and string bodies borrow the source text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tok<'s> {
    Name(&'s str),
    /// A syntactically valid number literal, exactly as written (see `number_value`).
    Number(&'s str),
    Str(StrLit<'s>),
    Op(Op),
    Kw(Kw),
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// `$`, `?`, `` ` `` or a lone `!`: CPython's tokenizer passes these on and the parser rejects
    /// them with a plain "invalid syntax".
    Unknown,
}

/// A token and where it is. NEWLINE spans from a comment before it (as CPython's does) to the
/// newline; tokens made at the end of input sit at the end of the last line, with no width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Token<'s> {
    pub tok: Tok<'s>,
    pub span: Span,
}

/// An open bracket: its character and 0-based position, for "was never closed" messages.
#[derive(Clone, Copy, Debug)]
struct Open {
    ch: u8,
    line: u32,
    col: u32,
}

/// The bytes that end a run of plain text inside a string literal: the two quotes, backslash
/// and the newline characters.
const STRING_SPECIALS: [u8; 5] = [b'\'', b'"', b'\\', b'\n', b'\r'];

/// The tokenizer state. Create with `new` (a whole module) or `for_fstring_expr` (the expression
/// part of an f-string replacement field), then call `next_token` until `EndMarker`.
pub struct Lexer<'s> {
    src: &'s str,
    b: &'s [u8],
    pos: usize,
    line: u32,
    line_start: usize,
    /// Column of `line_start` on the first line (non-zero only for f-string sub-lexers).
    first_line: u32,
    first_col: u32,
    /// Memo for `col_of`: byte position and its column on the current line, so that columns
    /// are computed in amortised linear time even on very long lines with non-ASCII text.
    ck_pos: usize,
    ck_col: u32,
    at_line_start: bool,
    /// Inside an f-string expression everything is implicitly joined, as if in parentheses.
    implicit_join: bool,
    parens: Vec<Open>,
    /// (column with tabs to multiples of 8, column with tabs as 1) per indentation level: CPython
    /// compares both to detect inconsistent tabs and spaces.
    indents: Vec<(u32, u32)>,
    pending_dedents: u32,
    dedent_span: Span,
    /// True when the current logical line has produced a token, so EOF owes it a NEWLINE.
    line_has_tokens: bool,
    /// Column of the end of the previous physical line, for the EOF position.
    prev_line_end_col: u32,
    failed: Option<Box<CompileError>>,
    /// Column of a comment on the current line, where the NEWLINE token will start.
    comment_col: Option<u32>,
    /// Cache for `next_special`.
    specials: [usize; 5],
    /// Set when the error returned was "'(' was never closed": the line of that bracket. The
    /// parser needs it to decide whether this error replaces one of its own, as CPython does.
    pub unclosed_line: Option<u32>,
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_continue(c: char) -> bool {
    // Python uses XID_Continue; `is_alphanumeric` also admits "other numbers" such as '²' that
    // CPython rejects, so the common ones are excluded by hand.
    c == '_' || (c.is_alphanumeric() && !is_other_number(c))
}

fn is_other_number(c: char) -> bool {
    matches!(c, '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{bc}'..='\u{be}' | '\u{2070}'..='\u{209f}'
        | '\u{2150}'..='\u{215f}' | '\u{2189}' | '\u{2460}'..='\u{24ff}' | '\u{2776}'..='\u{2793}')
}

/// CPython calls these "non-printable": control and format characters and separators other
/// than the ASCII space.
fn is_non_printable(c: char) -> bool {
    c.is_control()
        || (c != ' ' && c.is_whitespace())
        || matches!(c, '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}'
            | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}' | '\u{e000}'..='\u{f8ff}')
}

/// Characters in a byte range that lies on character boundaries. Long ranges (string literals)
/// go through `str::chars().count()`, whose word-at-a-time loop in `core` stays fast even in
/// unoptimised builds.
fn count_chars(b: &[u8]) -> u32 {
    if b.len() > 64 {
        if let Ok(s) = std::str::from_utf8(b) {
            return s.chars().count() as u32;
        }
    }
    b.iter().filter(|&&x| (x & 0xC0) != 0x80).count() as u32
}

/// An error with CPython's `offset` (1-based caret column) and `end_offset` as given.
pub(crate) fn error_at(
    kind: ErrorKind,
    msg: impl Into<String>,
    line: u32,
    col: u32,
    end_col: u32,
) -> Box<CompileError> {
    let end_col = if end_col > col { end_col } else { 0 };
    Box::new(CompileError { kind, msg: msg.into(), line, col, end_col })
}

fn syntax_at(msg: impl Into<String>, line: u32, col: u32) -> Box<CompileError> {
    error_at(ErrorKind::SyntaxError, msg, line, col, 0)
}

impl<'s> Lexer<'s> {
    /// A lexer for a whole module. A leading byte-order mark is skipped (files are decoded with
    /// `utf-8-sig` semantics by CPython).
    pub fn new(src: &'s str) -> Self {
        let mut lx = Lexer::with_position(src, 1, 0, false);
        if src.starts_with('\u{feff}') {
            lx.pos = 3;
            lx.line_start = 3;
            lx.ck_pos = 3;
        }
        lx
    }

    /// A lexer for the expression text of an f-string field that starts at `line`/`col` of the
    /// enclosing file: newlines are insignificant and no NEWLINE/INDENT tokens are produced.
    pub fn for_fstring_expr(text: &'s str, line: u32, col: u32) -> Self {
        Lexer::with_position(text, line, col, true)
    }

    fn with_position(src: &'s str, line: u32, col: u32, implicit_join: bool) -> Self {
        Lexer {
            src,
            b: src.as_bytes(),
            pos: 0,
            line,
            line_start: 0,
            first_line: line,
            first_col: col,
            ck_pos: 0,
            ck_col: col,
            at_line_start: !implicit_join,
            implicit_join,
            parens: Vec::new(),
            indents: vec![(0, 0)],
            pending_dedents: 0,
            dedent_span: Span::default(),
            line_has_tokens: false,
            prev_line_end_col: 0,
            failed: None,
            comment_col: None,
            specials: [0; 5],
            unclosed_line: None,
        }
    }

    /// The next token. After an error every further call returns the same error.
    pub fn next_token(&mut self) -> LexResult<Token<'s>> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        match self.lex() {
            Ok(t) => Ok(t),
            Err(e) => {
                self.failed = Some(e.clone());
                Err(e)
            }
        }
    }

    /// The next position at or after `self.pos` of `STRING_SPECIALS[k]` (or the end of input).
    /// Long literals are mostly plain text, so string scanning jumps between these bytes with
    /// `memchr`-based searches; remembering each answer keeps the whole file's scan linear.
    fn next_special(&mut self, k: usize) -> usize {
        if self.specials[k] < self.pos {
            let rest = &self.src[self.pos..];
            self.specials[k] = rest.find(STRING_SPECIALS[k] as char).map_or(self.b.len(), |i| self.pos + i);
        }
        self.specials[k]
    }

    /// Whether the whole input has been consumed.
    pub fn at_end(&self) -> bool {
        self.at_eof()
    }

    fn peek(&self, off: usize) -> u8 {
        self.b.get(self.pos + off).copied().unwrap_or(0)
    }

    fn at_eof(&self) -> bool {
        self.pos >= self.b.len()
    }

    fn char_at(&self, pos: usize) -> char {
        self.src.get(pos..).and_then(|s| s.chars().next()).unwrap_or('\0')
    }

    /// The 0-based character column of byte `pos` on the current line.
    fn col_of(&mut self, pos: usize) -> u32 {
        if pos >= self.ck_pos {
            self.ck_col += count_chars(&self.b[self.ck_pos..pos]);
            self.ck_pos = pos;
            self.ck_col
        } else {
            let base = if self.line == self.first_line { self.first_col } else { 0 };
            base + count_chars(&self.b[self.line_start..pos.max(self.line_start)])
        }
    }

    /// Moves past a newline of `len` bytes at `at` and starts a new physical line.
    fn newline_at(&mut self, at: usize, len: usize) {
        self.prev_line_end_col = self.col_of(at);
        self.pos = at + len;
        self.line += 1;
        self.line_start = self.pos;
        self.ck_pos = self.pos;
        self.ck_col = 0;
    }

    /// Length of the newline sequence at `pos` (`\n`, `\r\n` or a lone `\r`), 0 if none.
    fn newline_len(&self, pos: usize) -> usize {
        match self.b.get(pos) {
            Some(b'\n') => 1,
            Some(b'\r') => {
                if self.b.get(pos + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                }
            }
            _ => 0,
        }
    }

    fn span_from(&mut self, line: u32, col: u32) -> Span {
        let end_col = self.col_of(self.pos);
        Span { line, col, end_line: self.line, end_col }
    }

    /// Where CPython puts tokens produced at end of input: the end of the last line.
    fn eof_span(&mut self) -> Span {
        let (line, col) = if self.pos > 0 && self.line_start == self.pos && self.line > self.first_line {
            (self.line - 1, self.prev_line_end_col)
        } else {
            let c = self.col_of(self.pos);
            (self.line, c)
        };
        Span { line, col, end_line: line, end_col: col }
    }

    fn token(&mut self, tok: Tok<'s>, span: Span) -> LexResult<Token<'s>> {
        self.line_has_tokens = true;
        Ok(Token { tok, span })
    }

    fn lex(&mut self) -> LexResult<Token<'s>> {
        loop {
            if self.pending_dedents > 0 {
                self.pending_dedents -= 1;
                return Ok(Token { tok: Tok::Dedent, span: self.dedent_span });
            }
            if self.at_line_start && self.parens.is_empty() {
                self.at_line_start = false;
                match self.indentation()? {
                    Indentation::Blank => {
                        self.skip_blank_line();
                        continue;
                    }
                    Indentation::Token(t) => return Ok(t),
                    Indentation::Same => {}
                }
            }
            while matches!(self.peek(0), b' ' | b'\t' | 0x0c) {
                self.pos += 1;
            }
            if self.at_eof() {
                return self.end_of_input();
            }
            let start = self.pos;
            let c = self.b[start];
            let line = self.line;
            let col = self.col_of(start);
            match c {
                b'#' => {
                    self.comment_col = Some(col);
                    self.skip_comment();
                }
                b'\n' | b'\r' => {
                    let len = self.newline_len(start);
                    // CPython's NEWLINE token starts at a comment that precedes it.
                    let first = self.comment_col.take().unwrap_or(col);
                    let span = Span { line, col: first, end_line: line, end_col: col };
                    self.newline_at(start, len);
                    if self.parens.is_empty() && !self.implicit_join {
                        self.at_line_start = true;
                        self.line_has_tokens = false;
                        return Ok(Token { tok: Tok::Newline, span });
                    }
                }
                b'\\' => {
                    let len = self.newline_len(start + 1);
                    if len == 0 {
                        let msg = if start + 1 >= self.b.len() {
                            "unexpected EOF while parsing"
                        } else {
                            "unexpected character after line continuation character"
                        };
                        return Err(syntax_at(msg, line, col + 2));
                    }
                    self.newline_at(start + 1, len);
                    if self.at_eof() {
                        return Err(syntax_at("unexpected EOF while parsing", line, col + 2));
                    }
                }
                b'0'..=b'9' => {
                    self.lex_number()?;
                    let span = self.span_from(line, col);
                    return self.token(Tok::Number(&self.src[start..self.pos]), span);
                }
                b'.' if self.peek(1).is_ascii_digit() => {
                    self.lex_number()?;
                    let span = self.span_from(line, col);
                    return self.token(Tok::Number(&self.src[start..self.pos]), span);
                }
                b'\'' | b'"' => return self.lex_string(line, col, 0),
                b'a'..=b'z' | b'A'..=b'Z' | b'_' | 0x80..=0xFF => return self.lex_name(start, line, col),
                _ => return self.lex_op(line, col),
            }
        }
    }

    fn skip_comment(&mut self) {
        while !self.at_eof() && !matches!(self.peek(0), b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    fn skip_blank_line(&mut self) {
        self.skip_comment();
        let len = self.newline_len(self.pos);
        if len > 0 {
            let at = self.pos;
            self.newline_at(at, len);
            self.at_line_start = true;
        }
    }

    fn end_of_input(&mut self) -> LexResult<Token<'s>> {
        if let Some(open) = self.parens.last().copied() {
            if !self.implicit_join {
                self.unclosed_line = Some(open.line);
                let msg = format!("'{}' was never closed", open.ch as char);
                return Err(syntax_at(msg, open.line, open.col + 1));
            }
        }
        let mut span = self.eof_span();
        if self.line_has_tokens && !self.implicit_join {
            self.line_has_tokens = false;
            if let Some(c) = self.comment_col.take() {
                span.col = c;
            }
            return Ok(Token { tok: Tok::Newline, span });
        }
        if self.indents.len() > 1 {
            self.indents.pop();
            return Ok(Token { tok: Tok::Dedent, span });
        }
        Ok(Token { tok: Tok::EndMarker, span })
    }

    /// Measures the indentation of a new logical line and produces INDENT/DEDENT as CPython's
    /// tokenizer does, including its tab-consistency check.
    fn indentation(&mut self) -> LexResult<Indentation<'s>> {
        let (mut col, mut alt) = (0u32, 0u32);
        let start = self.pos;
        loop {
            match self.peek(0) {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                0x0c => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        if self.at_eof() || matches!(self.peek(0), b'#' | b'\n' | b'\r') {
            return Ok(Indentation::Blank);
        }
        let width = (self.pos - start) as u32;
        let line = self.line;
        let tab_error =
            || error_at(ErrorKind::TabError, "inconsistent use of tabs and spaces in indentation", line, 1, 0);
        let (top, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
        if col == top {
            if alt != top_alt {
                return Err(tab_error());
            }
            Ok(Indentation::Same)
        } else if col > top {
            if self.indents.len() >= MAX_INDENT_LEVELS {
                return Err(error_at(ErrorKind::IndentationError, "too many levels of indentation", line, 1, 0));
            }
            if alt <= top_alt {
                return Err(tab_error());
            }
            self.indents.push((col, alt));
            let span = Span { line, col: 0, end_line: line, end_col: width };
            Ok(Indentation::Token(Token { tok: Tok::Indent, span }))
        } else {
            let mut dedents = 0;
            while self.indents.len() > 1 && self.indents.last().is_some_and(|&(c, _)| col < c) {
                self.indents.pop();
                dedents += 1;
            }
            let (top, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
            if col != top {
                let mut end = self.pos;
                while end < self.b.len() && !matches!(self.b[end], b'\n' | b'\r') {
                    end += 1;
                }
                let len = count_chars(&self.b[self.line_start..end]);
                return Err(error_at(
                    ErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    line,
                    len + 1,
                    0,
                ));
            }
            if alt != top_alt {
                return Err(tab_error());
            }
            self.dedent_span = Span { line, col: width, end_line: line, end_col: width };
            self.pending_dedents = dedents - 1;
            Ok(Indentation::Token(Token { tok: Tok::Dedent, span: self.dedent_span }))
        }
    }

    fn lex_name(&mut self, start: usize, line: u32, col: u32) -> LexResult<Token<'s>> {
        let mut ascii = true;
        while !self.at_eof() {
            let c = self.b[self.pos];
            if c.is_ascii_alphanumeric() || c == b'_' {
                self.pos += 1;
            } else if c >= 0x80 {
                let ch = self.char_at(self.pos);
                let ok = if self.pos == start { is_ident_start(ch) } else { is_ident_continue(ch) };
                if !ok {
                    break;
                }
                ascii = false;
                self.pos += ch.len_utf8();
            } else {
                break;
            }
        }
        if self.pos == start {
            return Err(self.invalid_character(start, line, col));
        }
        let text = &self.src[start..self.pos];
        if ascii && text.len() <= 2 && matches!(self.peek(0), b'\'' | b'"') {
            if let Some(prefix) = string_prefix(text) {
                return self.lex_string(line, col, prefix);
            }
        }
        let tok = match Kw::from_str(text) {
            Some(kw) => Tok::Kw(kw),
            None => Tok::Name(text),
        };
        let span = self.span_from(line, col);
        self.token(tok, span)
    }

    fn invalid_character(&mut self, at: usize, line: u32, col: u32) -> Box<CompileError> {
        let ch = self.char_at(at);
        let msg = if is_non_printable(ch) {
            format!("invalid non-printable character U+{:04X}", ch as u32)
        } else {
            format!("invalid character '{}' (U+{:04X})", ch, ch as u32)
        };
        syntax_at(msg, line, col + 1)
    }

    fn lex_op(&mut self, line: u32, col: u32) -> LexResult<Token<'s>> {
        use Op::*;
        let (c0, c1, c2) = (self.peek(0), self.peek(1), self.peek(2));
        let (op, len) = match (c0, c1, c2) {
            (b'*', b'*', b'=') => (DoubleStarEqual, 3),
            (b'/', b'/', b'=') => (DoubleSlashEqual, 3),
            (b'<', b'<', b'=') => (LeftShiftEqual, 3),
            (b'>', b'>', b'=') => (RightShiftEqual, 3),
            (b'.', b'.', b'.') => (Ellipsis, 3),
            (b'*', b'*', _) => (DoubleStar, 2),
            (b'/', b'/', _) => (DoubleSlash, 2),
            (b'<', b'<', _) => (LeftShift, 2),
            (b'>', b'>', _) => (RightShift, 2),
            (b'<', b'=', _) => (LessEqual, 2),
            (b'>', b'=', _) => (GreaterEqual, 2),
            (b'=', b'=', _) => (EqEqual, 2),
            (b'!', b'=', _) => (NotEqual, 2),
            (b'-', b'>', _) => (RArrow, 2),
            (b':', b'=', _) => (ColonEqual, 2),
            (b'+', b'=', _) => (PlusEqual, 2),
            (b'-', b'=', _) => (MinEqual, 2),
            (b'*', b'=', _) => (StarEqual, 2),
            (b'/', b'=', _) => (SlashEqual, 2),
            (b'%', b'=', _) => (PercentEqual, 2),
            (b'&', b'=', _) => (AmperEqual, 2),
            (b'|', b'=', _) => (VBarEqual, 2),
            (b'^', b'=', _) => (CircumflexEqual, 2),
            (b'@', b'=', _) => (AtEqual, 2),
            (b'(', _, _) => (LPar, 1),
            (b')', _, _) => (RPar, 1),
            (b'[', _, _) => (LSqb, 1),
            (b']', _, _) => (RSqb, 1),
            (b'{', _, _) => (LBrace, 1),
            (b'}', _, _) => (RBrace, 1),
            (b':', _, _) => (Colon, 1),
            (b',', _, _) => (Comma, 1),
            (b';', _, _) => (Semi, 1),
            (b'+', _, _) => (Plus, 1),
            (b'-', _, _) => (Minus, 1),
            (b'*', _, _) => (Star, 1),
            (b'/', _, _) => (Slash, 1),
            (b'|', _, _) => (VBar, 1),
            (b'&', _, _) => (Amper, 1),
            (b'<', _, _) => (Less, 1),
            (b'>', _, _) => (Greater, 1),
            (b'=', _, _) => (Equal, 1),
            (b'.', _, _) => (Dot, 1),
            (b'%', _, _) => (Percent, 1),
            (b'~', _, _) => (Tilde, 1),
            (b'^', _, _) => (Circumflex, 1),
            (b'@', _, _) => (At, 1),
            (b'!' | b'$' | b'?' | b'`', _, _) => {
                self.pos += 1;
                let span = self.span_from(line, col);
                return self.token(Tok::Unknown, span);
            }
            _ => {
                let at = self.pos;
                return Err(self.invalid_character(at, line, col));
            }
        };
        match op {
            LPar | LSqb | LBrace => {
                if self.parens.len() >= MAX_PAREN_DEPTH {
                    return Err(syntax_at("too many nested parentheses", line, col + 1));
                }
                self.parens.push(Open { ch: c0, line, col });
            }
            RPar | RSqb | RBrace => match self.parens.pop() {
                None => return Err(syntax_at(format!("unmatched '{}'", c0 as char), line, col + 1)),
                Some(open) => {
                    let expected = match open.ch {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if expected != c0 {
                        let mut msg = format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c0 as char, open.ch as char
                        );
                        if open.line != line {
                            msg.push_str(&format!(" on line {}", open.line));
                        }
                        return Err(syntax_at(msg, line, col + 1));
                    }
                }
            },
            _ => {}
        }
        self.pos += len;
        let span = Span { line, col, end_line: line, end_col: col + len as u32 };
        self.token(Tok::Op(op), span)
    }

    /// Scans a string literal whose prefix (if any) started at `line`/`col` and whose opening
    /// quote is at `self.pos`.
    fn lex_string(&mut self, line: u32, col: u32, prefix: u8) -> LexResult<Token<'s>> {
        let q = self.peek(0);
        let triple = self.peek(1) == q && self.peek(2) == q;
        self.pos += if triple { 3 } else { 1 };
        let body_start = self.pos;
        let body_col = self.col_of(body_start);
        let quote_slot = if q == b'"' { 1 } else { 0 };
        loop {
            self.pos = self
                .next_special(quote_slot)
                .min(self.next_special(2))
                .min(self.next_special(3))
                .min(self.next_special(4));
            let Some(&c) = self.b.get(self.pos) else {
                let detected = if self.line_start == self.pos && self.line > line { self.line - 1 } else { self.line };
                let msg = if triple {
                    format!("unterminated triple-quoted string literal (detected at line {})", detected)
                } else {
                    format!("unterminated string literal (detected at line {})", detected)
                };
                return Err(syntax_at(msg, line, col + 1));
            };
            match c {
                b'\\' => {
                    let len = self.newline_len(self.pos + 1);
                    if len > 0 {
                        let at = self.pos + 1;
                        self.newline_at(at, len);
                    } else if self.pos + 1 < self.b.len() {
                        // Step over the whole escaped character so searches resume on a
                        // character boundary.
                        self.pos += 1 + self.char_at(self.pos + 1).len_utf8();
                    } else {
                        self.pos += 1;
                    }
                }
                b'\n' | b'\r' => {
                    if !triple {
                        let msg = format!("unterminated string literal (detected at line {})", self.line);
                        return Err(syntax_at(msg, line, col + 1));
                    }
                    let len = self.newline_len(self.pos);
                    let at = self.pos;
                    self.newline_at(at, len);
                }
                _ if !triple || (self.peek(1) == q && self.peek(2) == q) => {
                    let body = &self.src[body_start..self.pos];
                    self.pos += if triple { 3 } else { 1 };
                    let lit = StrLit {
                        body,
                        raw: prefix & PREFIX_RAW != 0,
                        bytes: prefix & PREFIX_BYTES != 0,
                        fmt: prefix & PREFIX_FMT != 0,
                        triple,
                        body_line: line,
                        body_col,
                    };
                    let span = self.span_from(line, col);
                    return self.token(Tok::Str(lit), span);
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Validates a number literal starting at `self.pos` and moves past it, with CPython's
    /// messages and caret columns.
    fn lex_number(&mut self) -> LexResult<()> {
        let start = self.pos;
        if self.peek(0) == b'0' && matches!(self.peek(1) | 0x20, b'x' | b'o' | b'b') {
            let (radix, name) = match self.peek(1) | 0x20 {
                b'x' => (16, "hexadecimal"),
                b'o' => (8, "octal"),
                _ => (2, "binary"),
            };
            self.pos += 2;
            loop {
                if self.peek(0) == b'_' {
                    self.pos += 1;
                }
                let c = self.peek(0);
                if !(c as char).is_digit(radix) {
                    if c.is_ascii_digit() {
                        return Err(self.invalid_digit(c, name));
                    }
                    return Err(self.number_error(self.pos, name));
                }
                while (self.peek(0) as char).is_digit(radix) {
                    self.pos += 1;
                }
                if self.peek(0) != b'_' {
                    break;
                }
            }
            if self.peek(0).is_ascii_digit() {
                return Err(self.invalid_digit(self.peek(0), name));
            }
            return self.verify_end(name);
        }
        if self.peek(0) != b'.' {
            if self.peek(0) == b'0' {
                return self.lex_leading_zero(start);
            }
            self.decimal_tail()?;
        }
        if self.peek(0) == b'.' {
            self.pos += 1;
            if self.peek(0).is_ascii_digit() {
                self.decimal_tail()?;
            }
        }
        self.exponent_and_suffix()
    }

    /// Decimal literals starting with `0`: only zeros are allowed unless it becomes a float.
    fn lex_leading_zero(&mut self, start: usize) -> LexResult<()> {
        loop {
            if self.peek(0) == b'_' {
                self.pos += 1;
                if !self.peek(0).is_ascii_digit() {
                    return Err(self.number_error(self.pos, "decimal"));
                }
            }
            if self.peek(0) != b'0' {
                break;
            }
            self.pos += 1;
        }
        let zeros_end = self.pos + 1;
        let nonzero = self.peek(0).is_ascii_digit();
        if nonzero {
            self.decimal_tail()?;
        }
        match self.peek(0) | 0x20 {
            b'.' => {
                self.pos += 1;
                if self.peek(0).is_ascii_digit() {
                    self.decimal_tail()?;
                }
                self.exponent_and_suffix()
            }
            b'e' | b'j' => self.exponent_and_suffix(),
            _ if nonzero => {
                let line = self.line;
                let col = self.col_of(start) + 1;
                let end = self.col_of(zeros_end);
                Err(error_at(
                    ErrorKind::SyntaxError,
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    line,
                    col,
                    end,
                ))
            }
            _ => self.verify_end("decimal"),
        }
    }

    fn exponent_and_suffix(&mut self) -> LexResult<()> {
        if self.peek(0) | 0x20 == b'e' {
            let e = self.pos;
            self.pos += 1;
            if matches!(self.peek(0), b'+' | b'-') {
                self.pos += 1;
                if !self.peek(0).is_ascii_digit() {
                    return Err(self.number_error(self.pos, "decimal"));
                }
            } else if !self.peek(0).is_ascii_digit() {
                self.pos = e;
                return self.verify_end("decimal");
            }
            self.decimal_tail()?;
        }
        if self.peek(0) | 0x20 == b'j' {
            self.pos += 1;
            return self.verify_end("imaginary");
        }
        self.verify_end("decimal")
    }

    /// Digits with single underscores between them.
    fn decimal_tail(&mut self) -> LexResult<()> {
        loop {
            while self.peek(0).is_ascii_digit() {
                self.pos += 1;
            }
            if self.peek(0) != b'_' {
                return Ok(());
            }
            self.pos += 1;
            if !self.peek(0).is_ascii_digit() {
                return Err(self.number_error(self.pos, "decimal"));
            }
        }
    }

    /// CPython's `verify_end_of_number`: a number may be directly followed by a keyword such as
    /// `1if x else 2` (with a deprecation warning), but not by other identifier characters.
    fn verify_end(&mut self, kind: &str) -> LexResult<()> {
        let rest = &self.b[self.pos..];
        // The whole keyword must be there and end (CPython's `lookahead`), except for the
        // `i` keywords where it only looks at the second letter.
        let word = |kw: &[u8]| {
            rest.starts_with(kw)
                && !rest.get(kw.len()).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
        };
        let keyword_follows = match rest.first() {
            Some(b'a') => word(b"and"),
            Some(b'e') => word(b"else"),
            Some(b'f') => word(b"for"),
            Some(b'i') => matches!(rest.get(1), Some(b'f' | b'n' | b's')),
            Some(b'o') => word(b"or"),
            Some(b'n') => word(b"not"),
            _ => false,
        };
        match rest.first() {
            // Non-ASCII text after a number is left to the next token (CPython 3.11.7 does so).
            Some(&c) if !keyword_follows && (c.is_ascii_alphanumeric() || c == b'_') => {
                Err(self.number_error(self.pos, kind))
            }
            _ => Ok(()),
        }
    }

    /// "invalid X literal" with CPython's caret: the 0-based column of the offending character.
    fn number_error(&mut self, at: usize, kind: &str) -> Box<CompileError> {
        let col = self.col_of(at);
        syntax_at(format!("invalid {} literal", kind), self.line, col)
    }

    fn invalid_digit(&mut self, digit: u8, name: &str) -> Box<CompileError> {
        let col = self.col_of(self.pos) + 1;
        syntax_at(format!("invalid digit '{}' in {} literal", digit as char, name), self.line, col)
    }
}

enum Indentation<'s> {
    Blank,
    Same,
    Token(Token<'s>),
}

const PREFIX_RAW: u8 = 1;
const PREFIX_BYTES: u8 = 2;
const PREFIX_FMT: u8 = 4;

/// The flags of a valid string prefix (`r`, `u`, `b`, `f`, `br`, `rb`, `fr`, `rf` in any case).
fn string_prefix(text: &str) -> Option<u8> {
    let mut flags = 0u8;
    let mut saw_u = false;
    for c in text.bytes() {
        let bit = match c | 0x20 {
            b'r' => PREFIX_RAW,
            b'b' => PREFIX_BYTES,
            b'f' => PREFIX_FMT,
            b'u' => {
                saw_u = true;
                0
            }
            _ => return None,
        };
        if flags & bit != 0 {
            return None;
        }
        flags |= bit;
    }
    let ok = if saw_u { text.len() == 1 } else { flags & PREFIX_BYTES == 0 || flags & PREFIX_FMT == 0 };
    ok.then_some(flags)
}

/// The value of a number literal that `Lexer` accepted.
#[derive(Clone, Debug, PartialEq)]
pub enum NumberValue {
    Int(i64),
    /// Decimal digits of an integer too large for i64, without leading zeros.
    BigInt(String),
    Float(f64),
    Imaginary(f64),
}

/// Computes the value of a number literal. The only failure is CPython 3.11's limit on decimal
/// literals longer than `MAX_DECIMAL_DIGITS` digits (reported at `line` with no caret).
pub fn number_value(text: &str, line: u32) -> LexResult<NumberValue> {
    let clean: String;
    let text = if text.contains('_') {
        clean = text.chars().filter(|&c| c != '_').collect();
        clean.as_str()
    } else {
        text
    };
    let b = text.as_bytes();
    if b.len() > 2 && b[0] == b'0' && matches!(b[1] | 0x20, b'x' | b'o' | b'b') {
        let radix = match b[1] | 0x20 {
            b'x' => 16,
            b'o' => 8,
            _ => 2,
        };
        return Ok(radix_value(&text[2..], radix));
    }
    let last = b.last().copied().unwrap_or(b'0') | 0x20;
    if last == b'j' {
        let v = text[..text.len() - 1].parse::<f64>().unwrap_or(f64::NAN);
        return Ok(NumberValue::Imaginary(v));
    }
    if text.bytes().any(|c| matches!(c | 0x20, b'.' | b'e')) {
        return Ok(NumberValue::Float(text.parse::<f64>().unwrap_or(f64::NAN)));
    }
    let digits = text.trim_start_matches('0');
    if text.len() > MAX_DECIMAL_DIGITS {
        let msg = format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use \
             sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge \
             integer literals to avoid decimal conversion limits.",
            MAX_DECIMAL_DIGITS,
            text.len()
        );
        return Err(syntax_at(msg, line, 0));
    }
    match digits.parse::<i64>() {
        Ok(v) => Ok(NumberValue::Int(v)),
        Err(_) if digits.is_empty() => Ok(NumberValue::Int(0)),
        Err(_) => Ok(NumberValue::BigInt(digits.to_string())),
    }
}

/// Converts hex/octal/binary digits, falling back to a decimal string when i64 overflows.
fn radix_value(digits: &str, radix: u32) -> NumberValue {
    let mut v: i64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(radix).unwrap_or(0) as i64;
        match v.checked_mul(radix as i64).and_then(|x| x.checked_add(d)) {
            Some(n) => v = n,
            None => return NumberValue::BigInt(radix_to_decimal(digits, radix)),
        }
    }
    NumberValue::Int(v)
}

/// Schoolbook base conversion into base-10^9 limbs (least significant first), feeding several
/// input digits per multiplication.
fn radix_to_decimal(digits: &str, radix: u32) -> String {
    const LIMB: u64 = 1_000_000_000;
    let bits_per_digit = match radix {
        16 => 4,
        8 => 3,
        _ => 1,
    };
    let per_step = 28 / bits_per_digit;
    let mut limbs: Vec<u64> = vec![0];
    let ds: Vec<u64> = digits.chars().map(|c| c.to_digit(radix).unwrap_or(0) as u64).collect();
    for chunk in ds.chunks(per_step) {
        let mul = 1u64 << (bits_per_digit * chunk.len());
        let mut add = chunk.iter().fold(0u64, |acc, &d| (acc << bits_per_digit) | d);
        for limb in limbs.iter_mut() {
            let x = *limb * mul + add;
            *limb = x % LIMB;
            add = x / LIMB;
        }
        while add > 0 {
            limbs.push(add % LIMB);
            add /= LIMB;
        }
    }
    let mut out = String::new();
    let mut iter = limbs.iter().rev();
    if let Some(top) = iter.next() {
        out.push_str(&top.to_string());
    }
    for limb in iter {
        out.push_str(&format!("{:09}", limb));
    }
    out
}

/// A string-literal decoding failure with CPython's message, which names the byte positions
/// within the literal's body. There is no position: CPython puts the caret just after the whole
/// (possibly concatenated) literal, which only the parser knows.
#[derive(Debug, PartialEq, Eq)]
pub struct EscapeError {
    pub msg: String,
}

fn unicode_error(start: usize, end: usize, what: &str) -> EscapeError {
    EscapeError {
        msg: format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {}",
            start,
            end.saturating_sub(1),
            what
        ),
    }
}

/// Decodes the body of a (non-bytes) string literal into `out`: escapes unless `raw`, and
/// newlines normalised to `\n` as CPython's universal-newline reading does.
pub fn decode_str(body: &str, raw: bool, out: &mut String) -> Result<(), EscapeError> {
    if !body.contains('\\') && !body.contains('\r') {
        out.push_str(body);
        return Ok(());
    }
    let b = body.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' && c != b'\r' {
            i += 1;
            continue;
        }
        out.push_str(&body[run..i]);
        if c == b'\r' {
            out.push('\n');
            i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            run = i;
            continue;
        }
        if raw {
            // A raw string keeps the backslash but it still protects the next character (a quote
            // or a newline) from ending the literal, which the lexer already handled.
            out.push('\\');
            i += 1;
            run = i;
            continue;
        }
        let esc_start = i;
        let Some(&e) = b.get(i + 1) else {
            out.push('\\');
            i += 1;
            run = i;
            continue;
        };
        i += 2;
        match e {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push('\\'),
            b'\'' => out.push('\''),
            b'"' => out.push('"'),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'v' => out.push('\x0b'),
            b'0'..=b'7' => {
                let (v, n) = octal_escape(&b[i - 1..]);
                i += n - 1;
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' => {
                let (n, what) = match e {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let hex = b.get(i..i + n).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                let Some(hex) = hex else {
                    let bad = b[i..].iter().take(n).take_while(|h| h.is_ascii_hexdigit()).count();
                    return Err(unicode_error(esc_start, i + bad, what));
                };
                let v = hex.iter().fold(0u32, |acc, &h| acc * 16 + (h as char).to_digit(16).unwrap_or(0));
                i += n;
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None if (0xD800..0xE000).contains(&v) => {
                        return Err(unicode_error(esc_start, i, "lone surrogates are not supported by coro"));
                    }
                    None => return Err(unicode_error(esc_start, i, "illegal Unicode character")),
                }
            }
            b'N' => {
                // `\N{NAME}`: a character by its Unicode name (case-insensitive, as CPython).
                let close =
                    if b.get(i) == Some(&b'{') { b[i..].iter().position(|&c| c == b'}').map(|p| i + p) } else { None };
                let Some(close) = close else {
                    return Err(unicode_error(esc_start, (i + 1).min(b.len()), "malformed \\N character escape"));
                };
                let name = &body[i + 1..close];
                match unicode_names2::character(name) {
                    Some(ch) if !name.is_empty() => out.push(ch),
                    _ => return Err(unicode_error(esc_start, close + 1, "unknown Unicode character name")),
                }
                i = close + 1;
            }
            _ => {
                // Unknown escapes keep their backslash (CPython warns but accepts them).
                out.push('\\');
                i -= 1;
            }
        }
        run = i;
    }
    out.push_str(&body[run..]);
    Ok(())
}

/// Up to three octal digits at the start of `b`: (value, digits used).
fn octal_escape(b: &[u8]) -> (u32, usize) {
    let mut v = 0u32;
    let mut n = 0;
    while n < 3 && n < b.len() && (b'0'..=b'7').contains(&b[n]) {
        v = v * 8 + (b[n] - b'0') as u32;
        n += 1;
    }
    (v, n)
}

/// Decodes the body of a bytes literal. Non-ASCII characters are an error the parser reports
/// ("bytes can only contain ASCII literal characters"), signalled here by `Err(None)`.
pub fn decode_bytes(body: &str, raw: bool, out: &mut Vec<u8>) -> Result<(), Option<EscapeError>> {
    if !body.is_ascii() {
        return Err(None);
    }
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\r' {
            out.push(b'\n');
            i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            continue;
        }
        if c != b'\\' || raw || i + 1 >= b.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let e = b[i + 1];
        let esc_start = i;
        i += 2;
        match e {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let (v, n) = octal_escape(&b[i - 1..]);
                i += n - 1;
                // CPython keeps the low byte of out-of-range octal escapes in bytes.
                out.push((v & 0xFF) as u8);
            }
            b'x' => {
                let hex = b.get(i..i + 2).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                let Some(hex) = hex else {
                    let msg = format!("(value error) invalid \\x escape at position {}", esc_start);
                    return Err(Some(EscapeError { msg }));
                };
                let v = hex.iter().fold(0u8, |acc, &h| acc * 16 + (h as char).to_digit(16).unwrap_or(0) as u8);
                out.push(v);
                i += 2;
            }
            _ => {
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All tokens of `src` until ENDMARKER, or the first error.
    fn lex(src: &str) -> Result<Vec<Token<'_>>, CompileError> {
        let mut lx = Lexer::new(src);
        let mut out = Vec::new();
        loop {
            let t = lx.next_token().map_err(|e| *e)?;
            if t.tok == Tok::EndMarker {
                return Ok(out);
            }
            out.push(t);
        }
    }

    /// A compact rendering of the token kinds, for comparing streams.
    fn kinds(src: &str) -> String {
        let toks = lex(src).unwrap_or_else(|e| panic!("lex error for {:?}: {:?}", src, e));
        let parts: Vec<String> = toks
            .iter()
            .map(|t| match t.tok {
                Tok::Name(n) => n.to_string(),
                Tok::Number(n) => n.to_string(),
                Tok::Str(s) => format!("S<{}>", s.body),
                Tok::Op(o) => o.text().to_string(),
                Tok::Kw(k) => k.text().to_string(),
                Tok::Newline => "NL".to_string(),
                Tok::Indent => "IN".to_string(),
                Tok::Dedent => "DE".to_string(),
                Tok::EndMarker => "END".to_string(),
                Tok::Unknown => "?".to_string(),
            })
            .collect();
        parts.join(" ")
    }

    fn err(src: &str) -> (ErrorKind, String, u32, u32) {
        match lex(src) {
            Ok(t) => panic!("expected an error for {:?}, got {:?}", src, t),
            Err(e) => (e.kind, e.msg, e.line, e.col),
        }
    }

    fn span(t: &Token<'_>) -> (u32, u32, u32, u32) {
        (t.span.line, t.span.col, t.span.end_line, t.span.end_col)
    }

    #[test]
    fn simple_statement() {
        assert_eq!(kinds("x = a.b(1, 'c')\n"), "x = a . b ( 1 , S<c> ) NL");
    }

    #[test]
    fn missing_final_newline_gets_one() {
        assert_eq!(kinds("x"), "x NL");
        assert_eq!(kinds(""), "");
        assert_eq!(kinds("# only a comment"), "");
        assert_eq!(kinds("\n\n  \n# c\n"), "");
    }

    #[test]
    fn indent_and_dedent() {
        assert_eq!(kinds("if x:\n    y\n    if z:\n        w\nv\n"), "if x : NL IN y NL if z : NL IN w NL DE DE v NL");
        assert_eq!(kinds("if x:\n  y"), "if x : NL IN y NL DE");
    }

    #[test]
    fn blank_and_comment_lines_do_not_affect_indentation() {
        assert_eq!(kinds("if x:\n\n  # c\n      # d\n  y\n"), "if x : NL IN y NL DE");
    }

    #[test]
    fn brackets_join_lines() {
        assert_eq!(kinds("x = (1,\n  2)\ny\n"), "x = ( 1 , 2 ) NL y NL");
        assert_eq!(kinds("f(a, # c\n  b)\n"), "f ( a , b ) NL");
    }

    #[test]
    fn backslash_continuation() {
        assert_eq!(kinds("x = 1 + \\\n    2\n"), "x = 1 + 2 NL");
        assert_eq!(kinds("x = 1 + \\\r\n2\r\n"), "x = 1 + 2 NL");
    }

    #[test]
    fn all_newline_styles() {
        assert_eq!(kinds("a\r\nb\rc\n"), "a NL b NL c NL");
    }

    #[test]
    fn form_feed_resets_indentation() {
        assert_eq!(kinds("\x0cx = 1\n"), "x = 1 NL");
        assert_eq!(kinds("if x:\n \x0c  a\n  b\n"), "if x : NL IN a NL b NL DE");
    }

    #[test]
    fn operators_longest_match() {
        assert_eq!(kinds("a **= b // c >>= d -> e := f ... g != h\n"), "a **= b // c >>= d -> e := f ... g != h NL");
        assert_eq!(kinds("a<<b<=c>=d@=e\n"), "a << b <= c >= d @= e NL");
    }

    #[test]
    fn keywords_and_soft_keywords() {
        let toks = lex("match x if not None\n").unwrap_or_default();
        assert_eq!(toks[0].tok, Tok::Name("match"));
        assert_eq!(toks[2].tok, Tok::Kw(Kw::If));
        assert_eq!(toks[3].tok, Tok::Kw(Kw::Not));
        assert_eq!(toks[4].tok, Tok::Kw(Kw::None));
    }

    #[test]
    fn spans_count_characters() {
        let toks = lex("é = 'ü'  # x\n").unwrap_or_default();
        assert_eq!(span(&toks[0]), (1, 0, 1, 1));
        assert_eq!(span(&toks[1]), (1, 2, 1, 3));
        assert_eq!(span(&toks[2]), (1, 4, 1, 7));
        // NEWLINE after a comment starts at the comment, as CPython's does.
        assert_eq!(toks[3].tok, Tok::Newline);
        assert_eq!(span(&toks[3]), (1, 9, 1, 12));
    }

    #[test]
    fn multiline_string_span() {
        let toks = lex("x = '''a\nbc'''\n").unwrap_or_default();
        assert_eq!(span(&toks[2]), (1, 4, 2, 5));
        match toks[2].tok {
            Tok::Str(s) => {
                assert_eq!(s.body, "a\nbc");
                assert!(s.triple);
                assert_eq!((s.body_line, s.body_col), (1, 7));
            }
            _ => panic!("not a string"),
        }
    }

    #[test]
    fn eof_tokens_sit_at_end_of_last_line() {
        let toks = lex("if x:\n  y\n\n").unwrap_or_default();
        let dedent = toks.last().copied().unwrap_or(Token { tok: Tok::EndMarker, span: Span::default() });
        assert_eq!(dedent.tok, Tok::Dedent);
        assert_eq!(span(&dedent), (3, 0, 3, 0));
    }

    #[test]
    fn string_prefixes() {
        let toks = lex("rb'a' Rb\"b\" f'c' FR'd' u'e' br'f' bf'g'\n").unwrap_or_default();
        let flags: Vec<(bool, bool, bool)> = toks
            .iter()
            .filter_map(|t| match t.tok {
                Tok::Str(s) => Some((s.raw, s.bytes, s.fmt)),
                _ => None,
            })
            .collect();
        assert_eq!(
            flags[..6],
            [
                (true, true, false),
                (true, true, false),
                (false, false, true),
                (true, false, true),
                (false, false, false),
                (true, true, false)
            ]
        );
        // `bf` is not a prefix: a name followed by a string.
        assert_eq!(toks[6].tok, Tok::Name("bf"));
    }

    #[test]
    fn escaped_quotes_and_continuations_in_strings() {
        assert_eq!(kinds(r#"'a\'b' "c\"d" 'e\\'"#), r#"S<a\'b> S<c\"d> S<e\\> NL"#);
        assert_eq!(kinds("'a\\\nb'\n"), "S<a\\\nb> NL");
    }

    #[test]
    fn number_forms() {
        assert_eq!(
            kinds("0 00 0_0 1_000 0x_1F 0o17 0B1 1. .5 1e10 1E-3 1_0.5 2j 1.5J 0e0 09.5 07j\n"),
            "0 00 0_0 1_000 0x_1F 0o17 0B1 1. .5 1e10 1E-3 1_0.5 2j 1.5J 0e0 09.5 07j NL"
        );
        // A number may be glued to a following keyword (CPython only warns).
        assert_eq!(kinds("1if x else 2\n"), "1 if x else 2 NL");
        assert_eq!(kinds("0x1for x\n"), "0x1f or x NL");
    }

    #[test]
    fn number_errors_match_cpython() {
        use ErrorKind::SyntaxError as S;
        assert_eq!(err("1abc"), (S, "invalid decimal literal".into(), 1, 1));
        assert_eq!(err("1_"), (S, "invalid decimal literal".into(), 1, 2));
        assert_eq!(err("1__0"), (S, "invalid decimal literal".into(), 1, 2));
        assert_eq!(err("x = 1.5e"), (S, "invalid decimal literal".into(), 1, 7));
        assert_eq!(err("x = 1e+"), (S, "invalid decimal literal".into(), 1, 7));
        assert_eq!(err("0x"), (S, "invalid hexadecimal literal".into(), 1, 2));
        assert_eq!(err("x = 0xf_"), (S, "invalid hexadecimal literal".into(), 1, 8));
        assert_eq!(err("0b2"), (S, "invalid digit '2' in binary literal".into(), 1, 3));
        assert_eq!(err("0o8"), (S, "invalid digit '8' in octal literal".into(), 1, 3));
        assert_eq!(err("x = 0b"), (S, "invalid binary literal".into(), 1, 6));
        assert_eq!(err("x = 1jk"), (S, "invalid imaginary literal".into(), 1, 6));
        assert_eq!(err("0x4orx"), (S, "invalid hexadecimal literal".into(), 1, 3));
        let leading =
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
        assert_eq!(err("012"), (S, leading.into(), 1, 1));
        let e = lex("x = 0_7").err().unwrap_or_else(|| CompileError::syntax("", 0, 0));
        assert_eq!((e.col, e.end_col), (5, 7));
    }

    #[test]
    fn indentation_errors_match_cpython() {
        use ErrorKind::*;
        let unindent = "unindent does not match any outer indentation level";
        assert_eq!(err("if x:\n    a\n  b\n"), (IndentationError, unindent.into(), 3, 4));
        assert_eq!(err("if x:\n    a\n  bcd = 1\n"), (IndentationError, unindent.into(), 3, 10));
        let tab = "inconsistent use of tabs and spaces in indentation";
        assert_eq!(err("if x:\n\ta\n        b\n"), (TabError, tab.into(), 3, 1));
        assert_eq!(err("if x:\n        a\n\tb\n"), (TabError, tab.into(), 3, 1));
        let deep: String =
            (0..100).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(100) + "pass\n";
        assert_eq!(err(&deep), (IndentationError, "too many levels of indentation".into(), 101, 1));
        // 99 levels are fine.
        let ok: String =
            (0..99).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(99) + "pass\n";
        assert!(lex(&ok).is_ok());
    }

    #[test]
    fn bracket_errors_match_cpython() {
        use ErrorKind::SyntaxError as S;
        assert_eq!(err("("), (S, "'(' was never closed".into(), 1, 1));
        assert_eq!(err("a = (1,\n2\n"), (S, "'(' was never closed".into(), 1, 5));
        assert_eq!(err("a)"), (S, "unmatched ')'".into(), 1, 2));
        assert_eq!(err("(]"), (S, "closing parenthesis ']' does not match opening parenthesis '('".into(), 1, 2));
        assert_eq!(
            err("x = (1,\n]"),
            (S, "closing parenthesis ']' does not match opening parenthesis '(' on line 1".into(), 2, 1)
        );
        let deep = format!("x = {}{}", "(".repeat(201), ")".repeat(201));
        assert_eq!(err(&deep), (S, "too many nested parentheses".into(), 1, 205));
        assert!(lex(&format!("x = {}{}", "(".repeat(200), ")".repeat(200))).is_ok());
        // 10,000 brackets stop at the limit without any recursion.
        let many = "(".repeat(10_000);
        assert_eq!(err(&many).1, "too many nested parentheses");
    }

    #[test]
    fn string_errors_match_cpython() {
        use ErrorKind::SyntaxError as S;
        assert_eq!(err("'abc"), (S, "unterminated string literal (detected at line 1)".into(), 1, 1));
        assert_eq!(err("'abc\ndef'"), (S, "unterminated string literal (detected at line 1)".into(), 1, 1));
        assert_eq!(err("x = 'a\\\n"), (S, "unterminated string literal (detected at line 1)".into(), 1, 5));
        assert_eq!(err("'''abc"), (S, "unterminated triple-quoted string literal (detected at line 1)".into(), 1, 1));
        assert_eq!(
            err("\"\"\"abc\n\n"),
            (S, "unterminated triple-quoted string literal (detected at line 2)".into(), 1, 1)
        );
        assert_eq!(
            err("x = \"\"\"a\n\nb"),
            (S, "unterminated triple-quoted string literal (detected at line 3)".into(), 1, 5)
        );
    }

    #[test]
    fn character_errors_match_cpython() {
        use ErrorKind::SyntaxError as S;
        assert_eq!(err("x = €"), (S, "invalid character '€' (U+20AC)".into(), 1, 5));
        assert_eq!(err("x = ½"), (S, "invalid character '½' (U+00BD)".into(), 1, 5));
        assert_eq!(err("x = \u{1}"), (S, "invalid non-printable character U+0001".into(), 1, 5));
        assert_eq!(err("x = \u{200b}"), (S, "invalid non-printable character U+200B".into(), 1, 5));
        assert_eq!(err("x = a\u{a0}b"), (S, "invalid non-printable character U+00A0".into(), 1, 6));
        assert_eq!(err("x = 1 \\ 2"), (S, "unexpected character after line continuation character".into(), 1, 8));
        assert_eq!(err("x = 1 \\"), (S, "unexpected EOF while parsing".into(), 1, 8));
        assert_eq!(err("x = 1 \\\n"), (S, "unexpected EOF while parsing".into(), 1, 8));
        // `$`, `?`, `` ` `` and a lone `!` reach the parser, which says "invalid syntax".
        assert_eq!(kinds("$ ? ` !\n"), "? ? ? ? NL");
    }

    #[test]
    fn unicode_identifiers() {
        assert_eq!(kinds("été = ℌ + 名前\n"), "été = ℌ + 名前 NL");
        assert_eq!(kinds("\u{feff}x\n"), "x NL");
    }

    #[test]
    fn errors_are_sticky() {
        let mut lx = Lexer::new("'abc");
        let first = lx.next_token().err();
        let second = lx.next_token().err();
        assert!(first.is_some());
        assert_eq!(first, second);
    }

    #[test]
    fn fstring_expression_lexer_ignores_newlines() {
        let mut lx = Lexer::for_fstring_expr("a +\n  b", 3, 10);
        let a = lx.next_token().ok();
        assert_eq!(a.map(|t| (t.tok, span(&t))), Some((Tok::Name("a"), (3, 10, 3, 11))));
        let _plus = lx.next_token();
        let b = lx.next_token().ok();
        assert_eq!(b.map(|t| (t.tok, span(&t))), Some((Tok::Name("b"), (4, 2, 4, 3))));
        assert_eq!(lx.next_token().ok().map(|t| t.tok), Some(Tok::EndMarker));
    }

    #[test]
    fn number_values() {
        use NumberValue::*;
        let v = |s: &str| number_value(s, 1).unwrap_or(Int(-1));
        assert_eq!(v("0"), Int(0));
        assert_eq!(v("000"), Int(0));
        assert_eq!(v("1_000"), Int(1000));
        assert_eq!(v("0x_1F"), Int(31));
        assert_eq!(v("0o17"), Int(15));
        assert_eq!(v("0b101"), Int(5));
        assert_eq!(v("9223372036854775807"), Int(i64::MAX));
        assert_eq!(v("9223372036854775808"), BigInt("9223372036854775808".into()));
        assert_eq!(v("0xffffffffffffffffffff"), BigInt("1208925819614629174706175".into()));
        assert_eq!(v("0o7777777777777777777777777"), BigInt("37778931862957161709567".into()));
        assert_eq!(v(&format!("0b{}", "1".repeat(64))), BigInt("18446744073709551615".into()));
        assert_eq!(v("1_0.5e1_0"), Float(105000000000.0));
        assert_eq!(v("1."), Float(1.0));
        assert_eq!(v(".5"), Float(0.5));
        assert_eq!(v("1e400"), Float(f64::INFINITY));
        assert_eq!(v("2j"), Imaginary(2.0));
        assert_eq!(v("1.5J"), Imaginary(1.5));
        let long = format!("1{}", "0".repeat(4300));
        let e =
            number_value(&long, 7).err().map(|e| (e.line, e.col, e.msg.starts_with("Exceeds the limit (4300 digits)")));
        assert_eq!(e, Some((7, 0, true)));
        assert!(matches!(number_value(&format!("1{}", "0".repeat(4299)), 1), Ok(BigInt(_))));
    }

    #[test]
    fn big_hex_conversion_matches_python() {
        // 16**40 - 1, as printed by python3.
        let mut out = String::new();
        out.push_str(&radix_to_decimal(&"f".repeat(40), 16));
        assert_eq!(out, "1461501637330902918203684832716283019655932542975");
        assert_eq!(radix_to_decimal("1", 16), "1");
        assert_eq!(radix_to_decimal("10000000000000000", 16), "18446744073709551616");
    }

    #[test]
    fn string_escapes() {
        let d = |s: &str| {
            let mut out = String::new();
            decode_str(s, false, &mut out).map(|_| out).map_err(|e| e.msg)
        };
        assert_eq!(d(r#"a\nb\tc\\d\'e\"f"#).as_deref(), Ok("a\nb\tc\\d'e\"f"));
        assert_eq!(d(r"\x41\u00e9\U0001F600\101\0").as_deref(), Ok("Aé😀A\0"));
        assert_eq!(d(r"\a\b\f\v\r").as_deref(), Ok("\x07\x08\x0c\x0b\r"));
        assert_eq!(d("a\\\nb").as_deref(), Ok("ab"));
        assert_eq!(d(r"\d\q").as_deref(), Ok(r"\d\q"));
        assert_eq!(d("a\r\nb\rc").as_deref(), Ok("a\nb\nc"));
        assert_eq!(d(r"\777").as_deref(), Ok("\u{1ff}"));
        assert_eq!(
            d(r"\x4").err().as_deref(),
            Some("(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape")
        );
        assert_eq!(
            d(r"abc\x4g").err().as_deref(),
            Some("(unicode error) 'unicodeescape' codec can't decode bytes in position 3-5: truncated \\xXX escape")
        );
        assert_eq!(
            d(r"\u12").err().as_deref(),
            Some("(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape")
        );
        assert_eq!(
            d(r"\U0011ffff").err().as_deref(),
            Some("(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character")
        );
        // Values and messages from CPython 3.11: eval(r'"\N{EN DASH}"') etc.
        assert_eq!(d(r"\N{EN DASH}").ok().as_deref(), Some("\u{2013}"));
        assert_eq!(d(r"x\N{latin small letter a}").ok().as_deref(), Some("xa"));
        assert!(d(r"\N{DASH}").err().unwrap_or_default().ends_with("unknown Unicode character name"));
        assert!(d(r"\ud800").err().unwrap_or_default().contains("surrogate"));
        let mut raw = String::new();
        assert!(decode_str(r"\n\x", true, &mut raw).is_ok());
        assert_eq!(raw, r"\n\x");
    }

    #[test]
    fn bytes_escapes() {
        let d = |s: &str, raw: bool| {
            let mut out = Vec::new();
            decode_bytes(s, raw, &mut out).map(|_| out).map_err(|e| e.map(|e| e.msg))
        };
        assert_eq!(d(r"a\x00\xff\n\777\u1234", false), Ok(b"a\x00\xff\n\xff\\u1234".to_vec()));
        assert_eq!(d(r"\x41", true), Ok(br"\x41".to_vec()));
        assert_eq!(d("é", false), Err(None));
        assert_eq!(d(r"ab\xg", false), Err(Some("(value error) invalid \\x escape at position 2".into())));
    }

    #[test]
    fn long_string_literal_scans_quickly() {
        let body = "ab".repeat(5_000_000);
        let src = format!("x = '{}'\ny = '''{}'''\n", body, "line\n".repeat(200_000));
        let start = std::time::Instant::now();
        let toks = lex(&src).unwrap_or_default();
        assert_eq!(toks.len(), 8);
        assert!(start.elapsed().as_secs() < 5, "lexing took {:?}", start.elapsed());
    }
}
