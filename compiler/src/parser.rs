//! The parser: tokens from `lexer` in, the `ast` tree out, every node in the caller's arena.
//!
//! Recursive descent for statements, precedence climbing for binary operators (one frame per
//! nesting level instead of one per precedence level, which keeps native stack use small). Every
//! recursion cycle passes through `enter`, which bounds the nesting depth (`MAX_DEPTH`), so no
//! input can overflow the native stack and the resulting expression trees are at most about
//! `MAX_DEPTH` levels deep for the passes that walk them.
//!
//! Error messages, lines and caret columns follow CPython 3.11, including its rule that a
//! tokenizer error later in the file replaces a parser error (`finish_error`). Errors that CPython
//! only raises after a successful parse (duplicate parameter, repeated keyword argument) are held
//! in `deferred` and reported only if the whole module parses.

use std::collections::VecDeque;

use bumpalo::collections::Vec as BVec;
use bumpalo::Bump;

use crate::ast::*;
use crate::error::{CompileError, ErrorKind};
use crate::lexer::{self, Kw, LexResult, Lexer, NumberValue, Op, StrLit, Tok, Token};

type PResult<T> = LexResult<T>;

/// Maximum nesting depth of expressions and blocks together. Each bracket, unary operator,
/// lambda, conditional expression, block, and each link of an operator or trailer chain
/// (`a+b+c`, `a.b.c`) counts one level. Chosen so that an unoptimised build parsing on a
/// 256 KiB thread stays well clear of the stack's end.
pub const MAX_DEPTH: u32 = 200;

const TOO_DEEP: &str = "too many nested expressions";

/// Parses a whole module. On success every node lives in `arena`; on failure the error is the
/// one CPython 3.11 would report for the same source (message, line, caret column).
pub fn parse_module<'a>(arena: &'a Bump, source: &str) -> Result<Module<'a>, CompileError> {
    if let Some(at) = source.find('\0') {
        let line = source[..at].bytes().filter(|&b| b == b'\n').count() as u32 + 1;
        return Err(CompileError::syntax("source code cannot contain null bytes", line, 0));
    }
    let mut p = Parser {
        arena,
        lx: Lexer::new(source),
        tok: Token { tok: Tok::EndMarker, span: Span::default() },
        prev: Tok::EndMarker,
        ahead: VecDeque::new(),
        prev_end: (1, 0),
        depth: 0,
        nesting: 0,
        lexer_failed: false,
        deferred: None,
    };
    let result = p.fetch().and_then(|t| {
        p.tok = t;
        p.module()
    });
    match result {
        Ok(m) => match p.deferred.take() {
            Some(e) => Err(*e),
            None => Ok(m),
        },
        Err(e) => Err(*p.finish_error(e)),
    }
}

// Binding powers for precedence climbing, loosest first.
const BP_OR: u8 = 1;
const BP_AND: u8 = 2;
const BP_NOT: u8 = 3;
const BP_CMP: u8 = 4;
const BP_BOR: u8 = 5;
const BP_BXOR: u8 = 6;
const BP_BAND: u8 = 7;
const BP_SHIFT: u8 = 8;
const BP_ARITH: u8 = 9;
const BP_TERM: u8 = 10;
const BP_UNARY: u8 = 11;

#[derive(Clone, Copy)]
enum Infix {
    Bool(BoolOp),
    Cmp,
    Bin(BinOp),
}

fn infix_of(t: Tok<'_>) -> Option<(u8, Infix)> {
    use Op::*;
    Some(match t {
        Tok::Kw(Kw::Or) => (BP_OR, Infix::Bool(BoolOp::Or)),
        Tok::Kw(Kw::And) => (BP_AND, Infix::Bool(BoolOp::And)),
        Tok::Kw(Kw::In | Kw::Is | Kw::Not) => (BP_CMP, Infix::Cmp),
        Tok::Op(EqEqual | NotEqual | Less | LessEqual | Greater | GreaterEqual) => (BP_CMP, Infix::Cmp),
        Tok::Op(VBar) => (BP_BOR, Infix::Bin(BinOp::BitOr)),
        Tok::Op(Circumflex) => (BP_BXOR, Infix::Bin(BinOp::BitXor)),
        Tok::Op(Amper) => (BP_BAND, Infix::Bin(BinOp::BitAnd)),
        Tok::Op(LeftShift) => (BP_SHIFT, Infix::Bin(BinOp::LShift)),
        Tok::Op(RightShift) => (BP_SHIFT, Infix::Bin(BinOp::RShift)),
        Tok::Op(Plus) => (BP_ARITH, Infix::Bin(BinOp::Add)),
        Tok::Op(Minus) => (BP_ARITH, Infix::Bin(BinOp::Sub)),
        Tok::Op(Star) => (BP_TERM, Infix::Bin(BinOp::Mul)),
        Tok::Op(Slash) => (BP_TERM, Infix::Bin(BinOp::Div)),
        Tok::Op(DoubleSlash) => (BP_TERM, Infix::Bin(BinOp::FloorDiv)),
        Tok::Op(Percent) => (BP_TERM, Infix::Bin(BinOp::Mod)),
        Tok::Op(At) => (BP_TERM, Infix::Bin(BinOp::MatMul)),
        _ => return None,
    })
}

fn aug_op(op: Op) -> Option<BinOp> {
    use Op::*;
    Some(match op {
        PlusEqual => BinOp::Add,
        MinEqual => BinOp::Sub,
        StarEqual => BinOp::Mul,
        AtEqual => BinOp::MatMul,
        SlashEqual => BinOp::Div,
        DoubleSlashEqual => BinOp::FloorDiv,
        PercentEqual => BinOp::Mod,
        DoubleStarEqual => BinOp::Pow,
        LeftShiftEqual => BinOp::LShift,
        RightShiftEqual => BinOp::RShift,
        VBarEqual => BinOp::BitOr,
        CircumflexEqual => BinOp::BitXor,
        AmperEqual => BinOp::BitAnd,
        _ => return None,
    })
}

/// Whether a token can begin an expression (used to tell "missing comma" and trailing commas
/// apart from the end of a list).
fn starts_expr(t: Tok<'_>) -> bool {
    use Op::*;
    match t {
        Tok::Name(_) | Tok::Number(_) | Tok::Str(_) => true,
        Tok::Kw(k) => matches!(k, Kw::True | Kw::False | Kw::None | Kw::Lambda | Kw::Not | Kw::Await),
        Tok::Op(o) => matches!(o, LPar | LSqb | LBrace | Minus | Plus | Tilde | Ellipsis | Star),
        _ => false,
    }
}

/// CPython's `_PyPegen_get_expr_name`: how error messages refer to an expression.
fn expr_name(e: &Expr<'_>) -> &'static str {
    use ExprKind::*;
    match e.kind {
        Attribute { .. } => "attribute",
        Subscript { .. } => "subscript",
        Starred(_) => "starred",
        Name(_) => "name",
        List(_) => "list",
        Tuple(_) => "tuple",
        Lambda { .. } => "lambda",
        Call { .. } => "function call",
        BoolOp { .. } | BinOp { .. } | UnaryOp { .. } => "expression",
        GeneratorExp { .. } => "generator expression",
        Yield(_) | YieldFrom(_) => "yield expression",
        Await(_) => "await expression",
        ListComp { .. } => "list comprehension",
        SetComp { .. } => "set comprehension",
        DictComp { .. } => "dict comprehension",
        Dict(_) => "dict literal",
        Set(_) => "set display",
        FString(_) => "f-string expression",
        None => "None",
        True => "True",
        False => "False",
        Ellipsis => "ellipsis",
        Int(_) | BigInt(_) | Float(_) | Imaginary(_) | Str(_) | Bytes(_) => "literal",
        Compare { .. } => "comparison",
        IfExp { .. } => "conditional expression",
        NamedExpr { .. } => "named expression",
        Slice { .. } => "slice",
    }
}

/// Expressions that CPython's grammar can reach as a `bitwise_or` without parentheses; the
/// "Maybe you meant '=='" hints only apply to these.
fn is_bitwise_level(e: &Expr<'_>) -> bool {
    !matches!(
        e.kind,
        ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::Compare { .. }
            | ExprKind::UnaryOp { op: UnaryOp::Not, .. }
    )
}

/// A shallow copy (children are shared arena references), for putting an already-allocated
/// node into a slice of nodes.
fn dup<'a>(e: &Expr<'a>) -> Expr<'a> {
    use ExprKind::*;
    let kind = match e.kind {
        Int(v) => Int(v),
        BigInt(s) => BigInt(s),
        Float(v) => Float(v),
        Imaginary(v) => Imaginary(v),
        Str(s) => Str(s),
        Bytes(b) => Bytes(b),
        FString(p) => FString(p),
        True => True,
        False => False,
        None => None,
        Ellipsis => Ellipsis,
        Name(n) => Name(n),
        Tuple(x) => Tuple(x),
        List(x) => List(x),
        Set(x) => Set(x),
        Dict(x) => Dict(x),
        Starred(x) => Starred(x),
        BinOp { op, left, right } => BinOp { op, left, right },
        UnaryOp { op, operand } => UnaryOp { op, operand },
        BoolOp { op, values } => BoolOp { op, values },
        Compare { left, ops, comparators } => Compare { left, ops, comparators },
        IfExp { test, body, orelse } => IfExp { test, body, orelse },
        Lambda { params, body } => Lambda { params, body },
        Call { func, args } => Call { func, args },
        Attribute { value, attr } => Attribute { value, attr },
        Subscript { value, index } => Subscript { value, index },
        Slice { lower, upper, step } => Slice { lower, upper, step },
        ListComp { elt, generators } => ListComp { elt, generators },
        SetComp { elt, generators } => SetComp { elt, generators },
        DictComp { key, value, generators } => DictComp { key, value, generators },
        GeneratorExp { elt, generators } => GeneratorExp { elt, generators },
        Yield(x) => Yield(x),
        YieldFrom(x) => YieldFrom(x),
        Await(x) => Await(x),
        NamedExpr { target, value } => NamedExpr { target, value },
    };
    Expr { kind, span: e.span }
}

fn join(a: Span, b: Span) -> Span {
    Span { line: a.line, col: a.col, end_line: b.end_line, end_col: b.end_col }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TargetCtx {
    Assign,
    Del,
}

struct Parser<'a, 's> {
    arena: &'a Bump,
    lx: Lexer<'s>,
    /// The current (not yet consumed) token.
    tok: Token<'s>,
    /// The kind of the last consumed token.
    prev: Tok<'s>,
    /// Tokens fetched beyond `tok` by `peek`.
    ahead: VecDeque<Token<'s>>,
    /// End of the last consumed token: the end of the node being built.
    prev_end: (u32, u32),
    depth: u32,
    /// Open brackets among consumed tokens (CPython only suggests a missing comma inside them).
    nesting: u32,
    /// Set once the lexer has returned an error: such an error is final.
    lexer_failed: bool,
    deferred: Option<Box<CompileError>>,
}

struct FCursor<'s> {
    s: &'s str,
    i: usize,
    line: u32,
    col: u32,
}

impl<'s> FCursor<'s> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.s.as_bytes().get(self.i + n).copied()
    }

    /// Advances one character, keeping the source position in step.
    fn advance(&mut self) {
        let Some(c) = self.s[self.i..].chars().next() else {
            return;
        };
        self.i += c.len_utf8();
        match c {
            '\n' => {
                self.line += 1;
                self.col = 0;
            }
            '\r' if self.peek() != Some(b'\n') => {
                self.line += 1;
                self.col = 0;
            }
            '\r' => {}
            _ => self.col += 1,
        }
    }
}

impl<'a, 's> Parser<'a, 's> {
    // ----- tokens -------------------------------------------------------------------------

    fn fetch(&mut self) -> PResult<Token<'s>> {
        self.lx.next_token().map_err(|e| {
            self.lexer_failed = true;
            e
        })
    }

    /// Consumes the current token and returns it.
    fn bump(&mut self) -> PResult<Token<'s>> {
        let t = self.tok;
        match t.tok {
            Tok::Op(Op::LPar | Op::LSqb | Op::LBrace) => self.nesting += 1,
            Tok::Op(Op::RPar | Op::RSqb | Op::RBrace) => self.nesting = self.nesting.saturating_sub(1),
            _ => {}
        }
        self.prev = t.tok;
        if !matches!(t.tok, Tok::Newline | Tok::Indent | Tok::Dedent | Tok::EndMarker) {
            self.prev_end = (t.span.end_line, t.span.end_col);
        }
        self.tok = match self.ahead.pop_front() {
            Some(n) => n,
            None => self.fetch()?,
        };
        Ok(t)
    }

    /// The token `n` places after the current one (`n >= 1`).
    fn peek(&mut self, n: usize) -> PResult<Tok<'s>> {
        while self.ahead.len() < n {
            let t = self.fetch()?;
            self.ahead.push_back(t);
        }
        Ok(self.ahead[n - 1].tok)
    }

    fn at(&self, op: Op) -> bool {
        self.tok.tok == Tok::Op(op)
    }

    fn at_kw(&self, kw: Kw) -> bool {
        self.tok.tok == Tok::Kw(kw)
    }

    fn eat(&mut self, op: Op) -> PResult<bool> {
        if self.at(op) {
            self.bump()?;
            return Ok(true);
        }
        Ok(false)
    }

    fn expect(&mut self, op: Op) -> PResult<Token<'s>> {
        if self.at(op) {
            return self.bump();
        }
        Err(self.invalid())
    }

    fn expect_kw(&mut self, kw: Kw) -> PResult<Token<'s>> {
        if self.at_kw(kw) {
            return self.bump();
        }
        Err(self.invalid())
    }

    fn expect_name(&mut self) -> PResult<(&'a str, Span)> {
        match self.tok.tok {
            Tok::Name(n) => {
                let t = self.bump()?;
                Ok((self.arena.alloc_str(n), t.span))
            }
            _ => Err(self.invalid()),
        }
    }

    fn span_from(&self, start: Span) -> Span {
        Span { line: start.line, col: start.col, end_line: self.prev_end.0, end_col: self.prev_end.1 }
    }

    fn mk(&self, kind: ExprKind<'a>, span: Span) -> &'a Expr<'a> {
        self.arena.alloc(Expr { kind, span })
    }

    /// Counts one more level of nesting, failing cleanly before the native stack could run out.
    fn enter(&mut self) -> PResult<()> {
        if self.depth >= MAX_DEPTH {
            return Err(self.err_tok(TOO_DEEP, self.tok));
        }
        self.depth += 1;
        Ok(())
    }

    // ----- errors -------------------------------------------------------------------------

    /// An error covering `sp` (CPython's `offset`/`end_offset` are 1-based).
    fn err_span(&self, msg: impl Into<String>, sp: Span) -> Box<CompileError> {
        let end = if sp.end_line == sp.line { sp.end_col + 1 } else { 0 };
        lexer::error_at(ErrorKind::SyntaxError, msg, sp.line, sp.col + 1, end)
    }

    fn err_tok(&self, msg: impl Into<String>, t: Token<'s>) -> Box<CompileError> {
        match t.tok {
            Tok::Newline | Tok::EndMarker | Tok::Dedent | Tok::Indent => {
                lexer::error_at(ErrorKind::SyntaxError, msg, t.span.line, t.span.col + 1, 0)
            }
            _ => self.err_span(msg, t.span),
        }
    }

    /// "invalid syntax" at the current token (or CPython's indentation messages for INDENT and
    /// DEDENT there).
    fn invalid(&self) -> Box<CompileError> {
        let t = self.tok;
        match t.tok {
            Tok::Indent => {
                lexer::error_at(ErrorKind::IndentationError, "unexpected indent", t.span.line, t.span.end_col, 0)
            }
            Tok::Dedent => {
                lexer::error_at(ErrorKind::IndentationError, "unexpected unindent", t.span.line, t.span.col + 1, 0)
            }
            _ => self.err_tok("invalid syntax", t),
        }
    }

    fn defer(&mut self, e: Box<CompileError>) {
        if self.deferred.is_none() {
            self.deferred = Some(e);
        }
    }

    /// CPython re-tokenizes the rest of the file after a parser error and reports a tokenizer
    /// error found there instead; an unclosed bracket only wins if it opened before the error.
    fn finish_error(&mut self, e: Box<CompileError>) -> Box<CompileError> {
        if self.lexer_failed {
            return e;
        }
        loop {
            match self.lx.next_token() {
                Ok(t) if t.tok == Tok::EndMarker => return e,
                Ok(_) => {}
                Err(le) => {
                    return match self.lx.unclosed_line {
                        Some(line) if e.line <= line => e,
                        _ => le,
                    };
                }
            }
        }
    }

    /// The error for an expression `a` followed by a token that cannot continue it, when that
    /// token could start another expression: CPython's legacy-print and missing-comma hints.
    #[inline(never)]
    fn juxtaposed(&mut self, a: &'a Expr<'a>, first: Token<'s>) -> Box<CompileError> {
        let here = self.tok;
        if !starts_expr(here.tok) || here.tok == Tok::Op(Op::Star) {
            return self.invalid();
        }
        if let ExprKind::Name(n @ ("print" | "exec")) = a.kind {
            if first.tok == Tok::Name(n) {
                return match self.star_exprs() {
                    Ok(b) => self.err_span(
                        format!("Missing parentheses in call to '{}'. Did you mean {}(...)?", n, n),
                        join(a.span, b.span),
                    ),
                    Err(e) if self.lexer_failed => e,
                    Err(_) => self.err_tok("invalid syntax", here),
                };
            }
        }
        let soft_keyword = matches!(first.tok, Tok::Name("match" | "case" | "_"));
        let name_string = matches!(a.kind, ExprKind::Name(_)) && matches!(here.tok, Tok::Str(_));
        if self.nesting > 0 && !soft_keyword && !name_string && is_bitwise_level(a)
            || self.nesting > 0
                && matches!(a.kind, ExprKind::BoolOp { .. } | ExprKind::Compare { .. } | ExprKind::UnaryOp { .. })
                && !soft_keyword
                && !name_string
        {
            return match self.expression() {
                Ok(b) if self.nesting > 0 => {
                    self.err_span("invalid syntax. Perhaps you forgot a comma?", join(a.span, b.span))
                }
                Ok(_) => self.err_tok("invalid syntax", here),
                Err(e) if self.lexer_failed => e,
                Err(_) => self.err_tok("invalid syntax", here),
            };
        }
        self.invalid()
    }

    /// The error for `a = ...` where only an expression is allowed (conditions, display
    /// elements, subscripts): CPython suggests `==` (and `:=` for a plain name).
    #[inline(never)]
    fn assign_in_expr(&mut self, a: &'a Expr<'a>) -> Box<CompileError> {
        let eq = self.tok;
        let parenthesized = self.prev == Tok::Op(Op::RPar);
        if matches!(a.kind, ExprKind::Name(_)) && !parenthesized {
            let _ = self.bump();
            let end = match self.binary(BP_BOR) {
                Ok(b) => b.span,
                Err(e) if self.lexer_failed => return e,
                Err(_) => eq.span,
            };
            return self.err_span("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", join(a.span, end));
        }
        let excluded = matches!(
            a.kind,
            ExprKind::List(_)
                | ExprKind::Tuple(_)
                | ExprKind::GeneratorExp { .. }
                | ExprKind::True
                | ExprKind::None
                | ExprKind::False
        );
        if !excluded && (parenthesized || is_bitwise_level(a)) {
            let msg = format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(a));
            return self.err_span(msg, a.span);
        }
        self.err_tok("invalid syntax", eq)
    }

    /// The error after a display element or group member that is followed by something else
    /// than `,` or the closing bracket.
    #[inline(never)]
    fn after_elem(&mut self, e: &'a Expr<'a>, first: Token<'s>) -> Box<CompileError> {
        if self.at(Op::Equal) {
            return self.assign_in_expr(e);
        }
        self.juxtaposed(e, first)
    }

    /// Checks that `e` can be assigned to (or deleted), reporting the first offender as CPython
    /// does ("cannot assign to literal", "cannot delete function call", ...).
    fn check_target(&self, e: &'a Expr<'a>, ctx: TargetCtx) -> PResult<()> {
        match e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Starred(inner) if ctx == TargetCtx::Assign => self.check_target(inner, ctx),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for elt in elts {
                    self.check_target(elt, ctx)?;
                }
                Ok(())
            }
            _ => {
                let verb = if ctx == TargetCtx::Assign { "assign to" } else { "delete" };
                Err(self.err_span(format!("cannot {} {}", verb, expr_name(e)), e.span))
            }
        }
    }

    /// The first sub-expression of an assignment target that cannot be assigned to.
    fn bad_target(e: &'a Expr<'a>) -> Option<&'a Expr<'a>> {
        match e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
            ExprKind::Starred(inner) => Self::bad_target(inner),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => elts.iter().find_map(Self::bad_target),
            _ => Some(e),
        }
    }

    // ----- statements ---------------------------------------------------------------------

    fn module(&mut self) -> PResult<Module<'a>> {
        let mut body = BVec::new_in(self.arena);
        while self.tok.tok != Tok::EndMarker {
            self.statement(&mut body)?;
        }
        Ok(Module { body: body.into_bump_slice() })
    }

    fn statement(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        match self.tok.tok {
            Tok::Kw(Kw::If) => self.if_stmt(out),
            Tok::Kw(Kw::While) => self.while_stmt(out),
            Tok::Kw(Kw::For) => self.for_stmt(out, None),
            Tok::Kw(Kw::Try) => self.try_stmt(out),
            Tok::Kw(Kw::With) => self.with_stmt(out, None),
            Tok::Kw(Kw::Def) => self.def_stmt(out, &[], None),
            Tok::Kw(Kw::Class) => self.class_stmt(out, &[]),
            Tok::Kw(Kw::Async) => self.async_stmt(out, &[]),
            Tok::Op(Op::At) => self.decorated(out),
            Tok::Indent => Err(self.invalid()),
            Tok::Name("match") => {
                if self.is_match_stmt()? {
                    return Err(self.err_tok("match statements are not supported", self.tok));
                }
                self.simple_stmts(out)
            }
            _ => self.simple_stmts(out),
        }
    }

    /// `match` is a soft keyword: a line starting with it is a match statement only if it is
    /// followed by a subject and ends with `:`.
    fn is_match_stmt(&mut self) -> PResult<bool> {
        let second = self.peek(1)?;
        if !starts_expr(second) || second == Tok::Op(Op::Star) && false {
            return Ok(false);
        }
        let mut n = 1;
        let mut last = second;
        loop {
            let t = self.peek(n)?;
            if matches!(t, Tok::Newline | Tok::EndMarker) {
                return Ok(last == Tok::Op(Op::Colon));
            }
            last = t;
            n += 1;
        }
    }

    /// A `:` before a block. CPython forces it (`expected ':'`) after `try`, `else`, `finally`
    /// and `def`; for the others it only says so when the line ends instead.
    fn colon(&mut self, forced: bool) -> PResult<()> {
        if self.at(Op::Colon) {
            self.bump()?;
            return Ok(());
        }
        if forced || self.tok.tok == Tok::Newline {
            return Err(self.err_tok("expected ':'", self.tok));
        }
        Err(self.invalid())
    }

    /// The body after a `:`: an indented block or the rest of the line.
    fn block(&mut self, what: &str, line: u32) -> PResult<&'a [Stmt<'a>]> {
        self.enter()?;
        let mut body = BVec::new_in(self.arena);
        if self.tok.tok == Tok::Newline {
            self.bump()?;
            if self.tok.tok != Tok::Indent {
                let t = self.tok;
                let msg = format!("expected an indented block after {} on line {}", what, line);
                return Err(lexer::error_at(
                    ErrorKind::IndentationError,
                    msg,
                    t.span.line,
                    t.span.col + 1,
                    if matches!(t.tok, Tok::EndMarker | Tok::Dedent) { 0 } else { t.span.end_col + 1 },
                ));
            }
            self.bump()?;
            while !matches!(self.tok.tok, Tok::Dedent | Tok::EndMarker) {
                self.statement(&mut body)?;
            }
            if self.tok.tok == Tok::Dedent {
                self.bump()?;
            }
        } else {
            self.simple_stmts(&mut body)?;
        }
        self.depth -= 1;
        Ok(body.into_bump_slice())
    }

    fn push(&self, out: &mut BVec<'a, Stmt<'a>>, kind: StmtKind<'a>, start: Span) {
        out.push(Stmt { kind, span: self.span_from(start) });
    }

    fn simple_stmts(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        loop {
            self.simple_stmt(out)?;
            if !self.eat(Op::Semi)? || self.tok.tok == Tok::Newline {
                break;
            }
        }
        if self.tok.tok != Tok::Newline {
            return Err(self.invalid());
        }
        self.bump()?;
        Ok(())
    }

    fn simple_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        let start = self.tok.span;
        match self.tok.tok {
            Tok::Kw(Kw::Pass) => {
                self.bump()?;
                self.push(out, StmtKind::Pass, start);
            }
            Tok::Kw(Kw::Break) => {
                self.bump()?;
                self.push(out, StmtKind::Break, start);
            }
            Tok::Kw(Kw::Continue) => {
                self.bump()?;
                self.push(out, StmtKind::Continue, start);
            }
            Tok::Kw(Kw::Return) => {
                self.bump()?;
                let value = if starts_expr(self.tok.tok) { Some(self.star_exprs()?) } else { None };
                self.push(out, StmtKind::Return(value), start);
            }
            Tok::Kw(Kw::Raise) => self.raise_stmt(out)?,
            Tok::Kw(Kw::Global | Kw::Nonlocal) => self.global_stmt(out)?,
            Tok::Kw(Kw::Del) => self.del_stmt(out)?,
            Tok::Kw(Kw::Assert) => {
                self.bump()?;
                let test = self.expression()?;
                let msg = if self.eat(Op::Comma)? { Some(self.expression()?) } else { None };
                self.push(out, StmtKind::Assert { test, msg }, start);
            }
            Tok::Kw(Kw::Import) => self.import_stmt(out)?,
            Tok::Kw(Kw::From) => self.from_stmt(out)?,
            _ => return self.expr_stmt(out),
        }
        if !matches!(self.tok.tok, Tok::Newline | Tok::Op(Op::Semi)) {
            return Err(self.invalid());
        }
        Ok(())
    }

    fn raise_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        let start = self.bump()?.span;
        let mut exc = None;
        let mut cause = None;
        if starts_expr(self.tok.tok) || self.at_kw(Kw::From) {
            exc = Some(self.expression()?);
            if self.at_kw(Kw::From) {
                self.bump()?;
                cause = Some(self.expression()?);
            }
        }
        self.push(out, StmtKind::Raise { exc, cause }, start);
        Ok(())
    }

    fn global_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        let kw = self.bump()?;
        let mut names = BVec::new_in(self.arena);
        loop {
            let (name, span) = self.expect_name()?;
            names.push(Ident { name, span });
            if !self.eat(Op::Comma)? {
                break;
            }
        }
        let names = names.into_bump_slice();
        let kind = if kw.tok == Tok::Kw(Kw::Global) { StmtKind::Global(names) } else { StmtKind::Nonlocal(names) };
        self.push(out, kind, kw.span);
        Ok(())
    }

    fn del_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        let start = self.bump()?.span;
        let mut targets = BVec::new_in(self.arena);
        loop {
            if !starts_expr(self.tok.tok) {
                if targets.is_empty() {
                    return Err(self.invalid());
                }
                break;
            }
            let e = self.star_expr()?;
            self.check_target(e, TargetCtx::Del)?;
            targets.push(dup(e));
            if !self.eat(Op::Comma)? {
                break;
            }
        }
        self.push(out, StmtKind::Del(targets.into_bump_slice()), start);
        Ok(())
    }

    fn dotted_name(&mut self) -> PResult<&'a str> {
        let (first, _) = self.expect_name()?;
        if !self.at(Op::Dot) {
            return Ok(first);
        }
        let mut s = bumpalo::collections::String::from_str_in(first, self.arena);
        while self.eat(Op::Dot)? {
            let (part, _) = self.expect_name()?;
            s.push('.');
            s.push_str(part);
        }
        Ok(s.into_bump_str())
    }

    fn import_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        let start = self.bump()?.span;
        let mut names = BVec::new_in(self.arena);
        loop {
            let a = self.tok.span;
            let name = self.dotted_name()?;
            let asname = if self.at_kw(Kw::As) {
                self.bump()?;
                Some(self.expect_name()?.0)
            } else {
                None
            };
            names.push(Alias { name, asname, span: self.span_from(a) });
            if !self.eat(Op::Comma)? {
                break;
            }
        }
        self.push(out, StmtKind::Import(names.into_bump_slice()), start);
        Ok(())
    }

    fn from_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        let start = self.bump()?.span;
        let mut level = 0;
        loop {
            if self.at(Op::Dot) {
                level += 1;
            } else if self.at(Op::Ellipsis) {
                level += 3;
            } else {
                break;
            }
            self.bump()?;
        }
        let module = if matches!(self.tok.tok, Tok::Name(_)) || level == 0 { Some(self.dotted_name()?) } else { None };
        self.expect_kw(Kw::Import)?;
        let mut names = BVec::new_in(self.arena);
        if self.eat(Op::Star)? {
            self.push(out, StmtKind::ImportFrom { module, names: &[], level }, start);
            return Ok(());
        }
        let parens = self.eat(Op::LPar)?;
        loop {
            let a = self.tok.span;
            let (name, _) = self.expect_name()?;
            let asname = if self.at_kw(Kw::As) {
                self.bump()?;
                Some(self.expect_name()?.0)
            } else {
                None
            };
            names.push(Alias { name, asname, span: self.span_from(a) });
            if !self.eat(Op::Comma)? {
                break;
            }
            if !matches!(self.tok.tok, Tok::Name(_)) {
                if parens && self.at(Op::RPar) {
                    break;
                }
                if !parens && matches!(self.tok.tok, Tok::Newline | Tok::Op(Op::Semi)) {
                    let msg = "trailing comma not allowed without surrounding parentheses";
                    return Err(self.err_tok(msg, self.tok));
                }
                return Err(self.invalid());
            }
        }
        if parens {
            self.expect(Op::RPar)?;
        }
        self.push(out, StmtKind::ImportFrom { module, names: names.into_bump_slice(), level }, start);
        Ok(())
    }

    /// Expression statements and all assignment forms.
    fn expr_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        let first_tok = self.tok;
        let start = first_tok.span;
        let first_yield = self.at_kw(Kw::Yield);
        let first = if first_yield { self.yield_expr()? } else { self.star_exprs()? };
        match self.tok.tok {
            Tok::Op(Op::Equal) => self.assignment(out, first_tok, first, first_yield),
            Tok::Op(Op::Colon) => self.ann_assign(out, first_tok, first),
            Tok::Op(op) if aug_op(op).is_some() => {
                let op = aug_op(op).unwrap_or(BinOp::Add);
                if !matches!(first.kind, ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }) {
                    let msg = format!("'{}' is an illegal expression for augmented assignment", expr_name(first));
                    return Err(self.err_span(msg, first.span));
                }
                self.bump()?;
                let value = self.assigned_value()?;
                self.push(out, StmtKind::AugAssign { target: first, op, value }, start);
                Ok(())
            }
            Tok::Newline | Tok::Op(Op::Semi) => {
                self.push(out, StmtKind::Expr(first), start);
                Ok(())
            }
            _ => Err(self.juxtaposed(first, first_tok)),
        }
    }

    /// The right-hand side of `=` or an augmented assignment, which must end the statement.
    fn assigned_value(&mut self) -> PResult<&'a Expr<'a>> {
        let first = self.tok;
        let v = if self.at_kw(Kw::Yield) { self.yield_expr()? } else { self.star_exprs()? };
        if !matches!(self.tok.tok, Tok::Newline | Tok::Op(Op::Semi) | Tok::Op(Op::Equal)) {
            return Err(self.juxtaposed(v, first));
        }
        Ok(v)
    }

    fn assignment(
        &mut self,
        out: &mut BVec<'a, Stmt<'a>>,
        first_tok: Token<'s>,
        first: &'a Expr<'a>,
        first_yield: bool,
    ) -> PResult<()> {
        let mut targets = vec![(first, first_yield)];
        let mut value_tok;
        let mut value;
        loop {
            self.bump()?;
            value_tok = self.tok;
            let is_yield = self.at_kw(Kw::Yield);
            value = self.assigned_value()?;
            if !self.at(Op::Equal) {
                break;
            }
            targets.push((value, is_yield));
        }
        for &(t, is_yield) in &targets {
            if is_yield {
                return Err(self.err_span("assignment to yield expression not possible", t.span));
            }
        }
        if let Some(bad) = targets.iter().find_map(|&(t, _)| Self::bad_target(t)) {
            // CPython's `invalid_named_expression` fires first when the statement is `X = Y`
            // with a single `=`: it blames the element just before the `=`.
            let rhs_ok = !matches!(value_tok.tok, Tok::Kw(Kw::Lambda | Kw::Not | Kw::Yield) | Tok::Op(Op::Star));
            if targets.len() == 1 && rhs_ok {
                let candidate = match first.kind {
                    ExprKind::Tuple(elts)
                        if elts
                            .first()
                            .map_or(false, |e| e.span.col == first.span.col && e.span.line == first.span.line) =>
                    {
                        elts.last().unwrap_or(first)
                    }
                    _ => first,
                };
                let excluded = matches!(
                    candidate.kind,
                    ExprKind::List(_)
                        | ExprKind::Tuple(_)
                        | ExprKind::GeneratorExp { .. }
                        | ExprKind::True
                        | ExprKind::None
                        | ExprKind::False
                );
                if !excluded && is_bitwise_level(candidate) {
                    if matches!(candidate.kind, ExprKind::Name(_)) {
                        let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
                        return Err(self.err_span(msg, join(candidate.span, value.span)));
                    }
                    let parenthesized_start = first_tok.tok == Tok::Op(Op::LPar);
                    let _ = parenthesized_start;
                    let msg =
                        format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(candidate));
                    return Err(self.err_span(msg, candidate.span));
                }
            }
            return Err(self.err_span(format!("cannot assign to {}", expr_name(bad)), bad.span));
        }
        let mut ts = BVec::with_capacity_in(targets.len(), self.arena);
        ts.extend(targets.iter().map(|(t, _)| dup(t)));
        self.push(out, StmtKind::Assign { targets: ts.into_bump_slice(), value }, first_tok.span);
        Ok(())
    }

    fn ann_assign(&mut self, out: &mut BVec<'a, Stmt<'a>>, first_tok: Token<'s>, target: &'a Expr<'a>) -> PResult<()> {
        match target.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                let what = if matches!(target.kind, ExprKind::Tuple(_)) { "tuple" } else { "list" };
                let msg = format!("only single target (not {}) can be annotated", what);
                let unparenthesized = elts.first().map_or(false, |e| e.span.col == target.span.col);
                let sp = if unparenthesized { elts[0].span } else { target.span };
                return Err(self.err_span(msg, sp));
            }
            _ => return Err(self.err_span("illegal target for annotation", target.span)),
        }
        self.bump()?;
        let annotation = self.expression()?;
        let value = if self.eat(Op::Equal)? { Some(self.assigned_value()?) } else { None };
        if !matches!(self.tok.tok, Tok::Newline | Tok::Op(Op::Semi)) {
            return Err(self.invalid());
        }
        let simple = matches!(target.kind, ExprKind::Name(_)) && matches!(first_tok.tok, Tok::Name(_));
        self.push(out, StmtKind::AnnAssign { target, annotation, value, simple }, first_tok.span);
        Ok(())
    }

    fn if_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        // `elif` chains are built iteratively: a long chain must not recurse.
        let mut clauses = Vec::new();
        let mut orelse: &'a [Stmt<'a>] = &[];
        loop {
            let kw = self.bump()?;
            let test = self.condition()?;
            self.colon(false)?;
            let what = if kw.tok == Tok::Kw(Kw::If) { "'if' statement" } else { "'elif' statement" };
            let body = self.block(what, kw.span.line)?;
            clauses.push((kw.span, test, body, self.prev_end));
            if self.at_kw(Kw::Elif) {
                continue;
            }
            if self.at_kw(Kw::Else) {
                let kw = self.bump()?;
                self.colon(true)?;
                orelse = self.block("'else' statement", kw.span.line)?;
            }
            break;
        }
        let end = self.prev_end;
        while let Some((start, test, body, _)) = clauses.pop() {
            let span = Span { line: start.line, col: start.col, end_line: end.0, end_col: end.1 };
            let stmt = Stmt { kind: StmtKind::If { test, body, orelse }, span };
            if clauses.is_empty() {
                out.push(stmt);
                break;
            }
            orelse = std::slice::from_ref(self.arena.alloc(stmt));
        }
        Ok(())
    }

    /// The condition of `if`/`elif`/`while`: a named expression, with CPython's hints for `=`.
    fn condition(&mut self) -> PResult<&'a Expr<'a>> {
        let test = self.named_expr()?;
        if self.at(Op::Equal) {
            return Err(self.assign_in_expr(test));
        }
        Ok(test)
    }

    fn else_block(&mut self) -> PResult<&'a [Stmt<'a>]> {
        if !self.at_kw(Kw::Else) {
            return Ok(&[]);
        }
        let kw = self.bump()?;
        self.colon(true)?;
        self.block("'else' statement", kw.span.line)
    }

    fn while_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        let kw = self.bump()?;
        let test = self.condition()?;
        self.colon(false)?;
        let body = self.block("'while' statement", kw.span.line)?;
        let orelse = self.else_block()?;
        self.push(out, StmtKind::While { test, body, orelse }, kw.span);
        Ok(())
    }

    fn for_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>, async_tok: Option<Token<'s>>) -> PResult<()> {
        let kw = self.bump()?;
        let target = self.target_list()?;
        self.check_target(target, TargetCtx::Assign)?;
        self.expect_kw(Kw::In)?;
        let iter = self.star_exprs()?;
        self.colon(false)?;
        let body = self.block("'for' statement", kw.span.line)?;
        let orelse = self.else_block()?;
        let start = async_tok.map_or(kw.span, |t| t.span);
        let is_async = async_tok.is_some();
        self.push(out, StmtKind::For { target, iter, body, orelse, is_async }, start);
        Ok(())
    }

    fn with_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>, async_tok: Option<Token<'s>>) -> PResult<()> {
        let kw = self.bump()?;
        let mut items = BVec::new_in(self.arena);
        if self.at(Op::LPar) && self.parenthesized_with_items()? {
            self.bump()?;
            loop {
                items.push(self.with_item()?);
                if !self.eat(Op::Comma)? || self.at(Op::RPar) {
                    break;
                }
            }
            self.expect(Op::RPar)?;
        } else {
            loop {
                items.push(self.with_item()?);
                if !self.eat(Op::Comma)? {
                    break;
                }
            }
        }
        self.colon(false)?;
        let body = self.block("'with' statement", kw.span.line)?;
        let start = async_tok.map_or(kw.span, |t| t.span);
        let is_async = async_tok.is_some();
        self.push(out, StmtKind::With { items: items.into_bump_slice(), body, is_async }, start);
        Ok(())
    }

    /// `with (a as b, c):` versus `with (a, b) as c:`: CPython tries the parenthesized item list
    /// first and falls back when no `:` follows the closing parenthesis.
    fn parenthesized_with_items(&mut self) -> PResult<bool> {
        let mut depth = 1u32;
        let mut n = 1;
        loop {
            match self.peek(n)? {
                Tok::Op(Op::LPar | Op::LSqb | Op::LBrace) => depth += 1,
                Tok::Op(Op::RPar | Op::RSqb | Op::RBrace) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(self.peek(n + 1)? == Tok::Op(Op::Colon));
                    }
                }
                Tok::Newline | Tok::EndMarker => return Ok(false),
                _ => {}
            }
            n += 1;
        }
    }

    fn with_item(&mut self) -> PResult<WithItem<'a>> {
        let context = self.expression()?;
        let target = if self.at_kw(Kw::As) {
            self.bump()?;
            let t = self.target_elem()?;
            self.check_target(t, TargetCtx::Assign)?;
            Some(t)
        } else {
            None
        };
        Ok(WithItem { context, target })
    }

    fn try_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        let kw = self.bump()?;
        self.colon(true)?;
        let body = self.block("'try' statement", kw.span.line)?;
        let mut handlers = BVec::new_in(self.arena);
        let mut bare: Option<Span> = None;
        while self.at_kw(Kw::Except) {
            let ex = self.bump()?;
            if let Some(sp) = bare {
                return Err(self.err_span("default 'except:' must be last", sp));
            }
            if self.at(Op::Star) {
                return Err(self.err_tok("'except*' (exception groups) is not supported", self.tok));
            }
            let mut typ = None;
            let mut name = None;
            if !self.at(Op::Colon) && self.tok.tok != Tok::Newline {
                let e = self.expression()?;
                if self.at(Op::Comma) {
                    let mut end = e.span;
                    while self.eat(Op::Comma)? {
                        end = self.expression()?.span;
                    }
                    return Err(self.err_span("multiple exception types must be parenthesized", join(e.span, end)));
                }
                typ = Some(e);
                if self.at_kw(Kw::As) {
                    self.bump()?;
                    name = Some(self.expect_name()?.0);
                }
            }
            self.colon(false)?;
            let hbody = self.block("'except' statement", ex.span.line)?;
            let span = self.span_from(ex.span);
            if typ.is_none() {
                bare = Some(span);
            }
            handlers.push(ExceptHandler { typ, name, body: hbody, span });
        }
        let orelse = if handlers.is_empty() { &[] } else { self.else_block()? };
        let mut finalbody: &'a [Stmt<'a>] = &[];
        let has_finally = self.at_kw(Kw::Finally);
        if has_finally {
            let f = self.bump()?;
            self.colon(true)?;
            finalbody = self.block("'finally' statement", f.span.line)?;
        }
        if handlers.is_empty() && !has_finally {
            return Err(self.err_tok("expected 'except' or 'finally' block", self.tok));
        }
        let handlers = handlers.into_bump_slice();
        self.push(out, StmtKind::Try { body, handlers, orelse, finalbody }, kw.span);
        Ok(())
    }

    fn decorated(&mut self, out: &mut BVec<'a, Stmt<'a>>) -> PResult<()> {
        let mut decorators = BVec::new_in(self.arena);
        while self.at(Op::At) {
            self.bump()?;
            let first = self.tok;
            let e = self.named_expr()?;
            if self.tok.tok != Tok::Newline {
                return Err(self.juxtaposed(e, first));
            }
            self.bump()?;
            decorators.push(dup(e));
        }
        let decorators = decorators.into_bump_slice();
        match self.tok.tok {
            Tok::Kw(Kw::Def) => self.def_stmt(out, decorators, None),
            Tok::Kw(Kw::Class) => self.class_stmt(out, decorators),
            Tok::Kw(Kw::Async) => {
                if self.peek(1)? != Tok::Kw(Kw::Def) {
                    self.bump()?;
                    return Err(self.invalid());
                }
                self.async_stmt(out, decorators)
            }
            _ => Err(self.invalid()),
        }
    }

    fn async_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>, decorators: &'a [Expr<'a>]) -> PResult<()> {
        let a = self.bump()?;
        match self.tok.tok {
            Tok::Kw(Kw::Def) => self.def_stmt(out, decorators, Some(a)),
            Tok::Kw(Kw::For) => self.for_stmt(out, Some(a)),
            Tok::Kw(Kw::With) => self.with_stmt(out, Some(a)),
            _ => Err(self.invalid()),
        }
    }

    fn def_stmt(
        &mut self,
        out: &mut BVec<'a, Stmt<'a>>,
        decorators: &'a [Expr<'a>],
        async_tok: Option<Token<'s>>,
    ) -> PResult<()> {
        let kw = self.bump()?;
        let (name, _) = self.expect_name()?;
        if !self.at(Op::LPar) {
            return Err(self.err_tok("expected '('", self.tok));
        }
        self.bump()?;
        let params = self.params(false)?;
        self.expect(Op::RPar)?;
        let returns = if self.eat(Op::RArrow)? { Some(self.expression()?) } else { None };
        self.colon(true)?;
        let body = self.block("function definition", kw.span.line)?;
        let start = async_tok.map_or(kw.span, |t| t.span);
        let span = self.span_from(start);
        let is_async = async_tok.is_some();
        let def = self.arena.alloc(FunctionDef { name, params, body, decorators, returns, is_async, span });
        out.push(Stmt { kind: StmtKind::FunctionDef(def), span });
        Ok(())
    }

    fn class_stmt(&mut self, out: &mut BVec<'a, Stmt<'a>>, decorators: &'a [Expr<'a>]) -> PResult<()> {
        let kw = self.bump()?;
        let (name, _) = self.expect_name()?;
        let bases = if self.at(Op::LPar) {
            self.bump()?;
            self.arguments(false)?
        } else {
            &[]
        };
        self.colon(false)?;
        let body = self.block("class definition", kw.span.line)?;
        let span = self.span_from(kw.span);
        let class = self.arena.alloc(ClassDef { name, bases, body, decorators, span });
        out.push(Stmt { kind: StmtKind::ClassDef(class), span });
        Ok(())
    }

    /// Parameters of a `def` (up to, not including, `)`) or a `lambda` (up to `:`), with
    /// CPython's ordering errors.
    fn params(&mut self, is_lambda: bool) -> PResult<&'a Params<'a>> {
        let close = if is_lambda { Op::Colon } else { Op::RPar };
        let mut posonly: &'a [Param<'a>] = &[];
        let mut args = BVec::new_in(self.arena);
        let mut kwonly = BVec::new_in(self.arena);
        let mut vararg = None;
        let mut kwarg = None;
        let mut seen_slash = false;
        let mut star: Option<Token<'s>> = None;
        let mut bare_star: Option<Token<'s>> = None;
        let mut seen_default = false;
        let mut names: Vec<&'a str> = Vec::new();
        while !self.at(close) {
            if kwarg.is_some() {
                return Err(self.err_tok("arguments cannot follow var-keyword argument", self.tok));
            }
            match self.tok.tok {
                Tok::Op(Op::Slash) => {
                    let t = self.tok;
                    if seen_slash {
                        return Err(self.err_tok("/ may appear only once", t));
                    }
                    if star.is_some() {
                        return Err(self.err_tok("/ must be ahead of *", t));
                    }
                    if args.is_empty() {
                        return Err(self.invalid());
                    }
                    self.bump()?;
                    seen_slash = true;
                    posonly = std::mem::replace(&mut args, BVec::new_in(self.arena)).into_bump_slice();
                }
                Tok::Op(Op::Star) => {
                    let t = self.bump()?;
                    if star.is_some() {
                        return Err(self.err_tok("* argument may appear only once", t));
                    }
                    star = Some(t);
                    if self.at(Op::Comma) || self.at(close) {
                        bare_star = Some(if is_lambda { self.tok } else { t });
                    } else {
                        let p = self.param(is_lambda, &mut names)?;
                        if self.at(Op::Equal) {
                            return Err(self.err_tok("var-positional argument cannot have default value", self.tok));
                        }
                        vararg = Some(&*self.arena.alloc(p));
                    }
                }
                Tok::Op(Op::DoubleStar) => {
                    self.bump()?;
                    let p = self.param(is_lambda, &mut names)?;
                    if self.at(Op::Equal) {
                        return Err(self.err_tok("var-keyword argument cannot have default value", self.tok));
                    }
                    kwarg = Some(&*self.arena.alloc(p));
                }
                Tok::Op(Op::LPar) => {
                    let open = self.tok.span;
                    let mut depth = 0u32;
                    loop {
                        match self.tok.tok {
                            Tok::Op(Op::LPar) => depth += 1,
                            Tok::Op(Op::RPar) => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            Tok::Newline | Tok::EndMarker => return Err(self.invalid()),
                            _ => {}
                        }
                        self.bump()?;
                    }
                    let sp = join(open, self.tok.span);
                    let what = if is_lambda { "Lambda expression" } else { "Function" };
                    return Err(self.err_span(format!("{} parameters cannot be parenthesized", what), sp));
                }
                Tok::Name(_) => {
                    let name_tok = self.tok;
                    let mut p = self.param(is_lambda, &mut names)?;
                    if self.eat(Op::Equal)? {
                        p.default = Some(self.expression()?);
                    }
                    if star.is_some() {
                        kwonly.push(p);
                    } else {
                        if p.default.is_some() {
                            seen_default = true;
                        } else if seen_default {
                            return Err(self.err_tok("non-default argument follows default argument", name_tok));
                        }
                        args.push(p);
                    }
                }
                _ => return Err(self.invalid()),
            }
            if !self.eat(Op::Comma)? {
                break;
            }
        }
        if let Some(t) = bare_star {
            if kwonly.is_empty() {
                return Err(self.err_tok("named arguments must follow bare *", t));
            }
        }
        if !self.at(close) {
            return Err(self.invalid());
        }
        Ok(self.arena.alloc(Params {
            posonly,
            args: args.into_bump_slice(),
            vararg,
            kwonly: kwonly.into_bump_slice(),
            kwarg,
        }))
    }

    fn param(&mut self, is_lambda: bool, names: &mut Vec<&'a str>) -> PResult<Param<'a>> {
        let (name, span) = self.expect_name()?;
        if names.contains(&name) {
            let msg = format!("duplicate argument '{}' in function definition", name);
            let e = self.err_span(msg, span);
            self.defer(e);
        }
        names.push(name);
        let annotation = if !is_lambda && self.eat(Op::Colon)? { Some(self.expression()?) } else { None };
        Ok(Param { name, default: None, annotation, span: self.span_from(span) })
    }

    // ----- expressions --------------------------------------------------------------------

    /// `star_expressions`: a comma list (a tuple if there is a comma) whose items may be starred.
    fn star_exprs(&mut self) -> PResult<&'a Expr<'a>> {
        let start = self.tok.span;
        let first = self.star_expr()?;
        if !self.at(Op::Comma) {
            return Ok(first);
        }
        let mut elts = BVec::new_in(self.arena);
        elts.push(dup(first));
        while self.at(Op::Comma) {
            self.bump()?;
            if !starts_expr(self.tok.tok) {
                break;
            }
            elts.push(dup(self.star_expr()?));
        }
        let span = self.span_from(start);
        Ok(self.mk(ExprKind::Tuple(elts.into_bump_slice()), span))
    }

    fn star_expr(&mut self) -> PResult<&'a Expr<'a>> {
        if self.at(Op::Star) {
            return self.starred();
        }
        self.expression()
    }

    fn starred(&mut self) -> PResult<&'a Expr<'a>> {
        let star = self.bump()?;
        let inner = self.binary(BP_BOR)?;
        Ok(self.mk(ExprKind::Starred(inner), self.span_from(star.span)))
    }

    /// `star_named_expression`: a display element.
    fn star_named_expr(&mut self) -> PResult<&'a Expr<'a>> {
        if self.at(Op::Star) {
            return self.starred();
        }
        self.named_expr()
    }

    /// `named_expression`: `name := value` or an expression.
    fn named_expr(&mut self) -> PResult<&'a Expr<'a>> {
        if let Tok::Name(n) = self.tok.tok {
            if self.peek(1)? == Tok::Op(Op::ColonEqual) {
                let t = self.bump()?;
                self.bump()?;
                let value = self.expression()?;
                let target = self.arena.alloc_str(n);
                return Ok(self.mk(ExprKind::NamedExpr { target, value }, join(t.span, value.span)));
            }
        }
        let e = self.expression()?;
        if self.at(Op::ColonEqual) {
            let msg = format!("cannot use assignment expressions with {}", expr_name(e));
            return Err(self.err_span(msg, e.span));
        }
        Ok(e)
    }

    /// `expression`: a lambda, or a disjunction with an optional `if ... else ...`.
    fn expression(&mut self) -> PResult<&'a Expr<'a>> {
        if self.at_kw(Kw::Lambda) {
            return self.lambda();
        }
        let start = self.tok.span;
        let body = self.binary(BP_OR)?;
        if !self.at_kw(Kw::If) {
            return Ok(body);
        }
        self.ternary(body, start)
    }

    fn ternary(&mut self, body: &'a Expr<'a>, start: Span) -> PResult<&'a Expr<'a>> {
        self.enter()?;
        self.bump()?;
        let test = self.binary(BP_OR)?;
        if !self.at_kw(Kw::Else) {
            if self.at(Op::Colon) {
                return Err(self.invalid());
            }
            return Err(self.err_span("expected 'else' after 'if' expression", join(body.span, test.span)));
        }
        self.bump()?;
        let orelse = self.expression()?;
        self.depth -= 1;
        Ok(self.mk(ExprKind::IfExp { test, body, orelse }, self.span_from(start)))
    }

    fn lambda(&mut self) -> PResult<&'a Expr<'a>> {
        self.enter()?;
        let kw = self.bump()?;
        let params = if self.at(Op::Colon) { &*self.arena.alloc(Params::default()) } else { self.params(true)? };
        self.expect(Op::Colon)?;
        let body = self.expression()?;
        self.depth -= 1;
        Ok(self.mk(ExprKind::Lambda { params, body }, self.span_from(kw.span)))
    }

    fn yield_expr(&mut self) -> PResult<&'a Expr<'a>> {
        let kw = self.bump()?;
        if self.at_kw(Kw::From) {
            self.bump()?;
            let e = self.expression()?;
            return Ok(self.mk(ExprKind::YieldFrom(e), self.span_from(kw.span)));
        }
        let value = if starts_expr(self.tok.tok) { Some(self.star_exprs()?) } else { None };
        Ok(self.mk(ExprKind::Yield(value), self.span_from(kw.span)))
    }

    /// Precedence climbing over `or` .. `@`, with the prefix operators `not`, `-`, `+`, `~`.
    fn binary(&mut self, min_bp: u8) -> PResult<&'a Expr<'a>> {
        self.enter()?;
        let saved = self.depth;
        let start = self.tok.span;
        let mut lhs = match self.tok.tok {
            Tok::Kw(Kw::Not) if min_bp <= BP_NOT => {
                self.bump()?;
                let operand = self.binary(BP_NOT)?;
                self.mk(ExprKind::UnaryOp { op: UnaryOp::Not, operand }, self.span_from(start))
            }
            Tok::Op(op @ (Op::Minus | Op::Plus | Op::Tilde)) => {
                self.bump()?;
                let operand = self.binary(BP_UNARY)?;
                let op = match op {
                    Op::Minus => UnaryOp::Neg,
                    Op::Plus => UnaryOp::Pos,
                    _ => UnaryOp::Invert,
                };
                self.mk(ExprKind::UnaryOp { op, operand }, self.span_from(start))
            }
            _ => self.power()?,
        };
        while let Some((bp, infix)) = infix_of(self.tok.tok) {
            if bp < min_bp {
                break;
            }
            // Each link of a chain nests the tree one level deeper on the left.
            self.enter()?;
            lhs = match infix {
                Infix::Bin(op) => {
                    self.bump()?;
                    let right = self.binary(bp + 1)?;
                    self.mk(ExprKind::BinOp { op, left: lhs, right }, self.span_from(start))
                }
                Infix::Bool(op) => self.bool_chain(lhs, op, bp, start)?,
                Infix::Cmp => self.compare_chain(lhs, start)?,
            };
        }
        self.depth = saved - 1;
        Ok(lhs)
    }

    #[inline(never)]
    fn bool_chain(&mut self, first: &'a Expr<'a>, op: BoolOp, bp: u8, start: Span) -> PResult<&'a Expr<'a>> {
        let kw = if op == BoolOp::And { Kw::And } else { Kw::Or };
        let mut values = BVec::new_in(self.arena);
        values.push(dup(first));
        while self.at_kw(kw) {
            self.bump()?;
            let v = self.binary(bp + 1)?;
            values.push(dup(v));
        }
        Ok(self.mk(ExprKind::BoolOp { op, values: values.into_bump_slice() }, self.span_from(start)))
    }

    #[inline(never)]
    fn compare_chain(&mut self, left: &'a Expr<'a>, start: Span) -> PResult<&'a Expr<'a>> {
        let mut ops = BVec::new_in(self.arena);
        let mut comparators = BVec::new_in(self.arena);
        loop {
            let op = match self.tok.tok {
                Tok::Op(Op::EqEqual) => CmpOp::Eq,
                Tok::Op(Op::NotEqual) => CmpOp::NotEq,
                Tok::Op(Op::Less) => CmpOp::Lt,
                Tok::Op(Op::LessEqual) => CmpOp::LtE,
                Tok::Op(Op::Greater) => CmpOp::Gt,
                Tok::Op(Op::GreaterEqual) => CmpOp::GtE,
                Tok::Kw(Kw::In) => CmpOp::In,
                Tok::Kw(Kw::Is) => {
                    if self.peek(1)? == Tok::Kw(Kw::Not) {
                        self.bump()?;
                        CmpOp::IsNot
                    } else {
                        CmpOp::Is
                    }
                }
                Tok::Kw(Kw::Not) => {
                    if self.peek(1)? != Tok::Kw(Kw::In) {
                        // CPython's parser looked one token past `not` for `in`.
                        self.bump()?;
                        return Err(self.invalid());
                    }
                    self.bump()?;
                    CmpOp::NotIn
                }
                _ => break,
            };
            self.bump()?;
            let c = self.binary(BP_BOR)?;
            ops.push(op);
            comparators.push(dup(c));
        }
        let kind = ExprKind::Compare { left, ops: ops.into_bump_slice(), comparators: comparators.into_bump_slice() };
        Ok(self.mk(kind, self.span_from(start)))
    }

    /// `await`? primary (`**` factor)?
    fn power(&mut self) -> PResult<&'a Expr<'a>> {
        let start = self.tok.span;
        let mut base = if self.at_kw(Kw::Await) {
            self.bump()?;
            let e = self.primary()?;
            self.mk(ExprKind::Await(e), self.span_from(start))
        } else {
            self.primary()?
        };
        if self.at(Op::DoubleStar) {
            self.bump()?;
            let right = self.binary(BP_UNARY)?;
            base = self.mk(ExprKind::BinOp { op: BinOp::Pow, left: base, right }, self.span_from(start));
        }
        Ok(base)
    }

    /// An atom followed by any number of `.name`, `(args)` and `[index]` trailers.
    fn primary(&mut self) -> PResult<&'a Expr<'a>> {
        let saved = self.depth;
        let start = self.tok.span;
        let mut e = self.atom()?;
        loop {
            e = match self.tok.tok {
                Tok::Op(Op::Dot) => {
                    self.bump()?;
                    let (attr, _) = self.expect_name()?;
                    self.mk(ExprKind::Attribute { value: e, attr }, self.span_from(start))
                }
                Tok::Op(Op::LPar) => self.call(e, start)?,
                Tok::Op(Op::LSqb) => self.subscript(e, start)?,
                _ => break,
            };
            self.enter()?;
        }
        self.depth = saved;
        Ok(e)
    }

    fn atom(&mut self) -> PResult<&'a Expr<'a>> {
        let t = self.tok;
        let kind = match t.tok {
            Tok::Name(n) => ExprKind::Name(self.arena.alloc_str(n)),
            Tok::Number(text) => match lexer::number_value(text, t.span.line)? {
                NumberValue::Int(v) => ExprKind::Int(v),
                NumberValue::BigInt(s) => ExprKind::BigInt(self.arena.alloc_str(&s)),
                NumberValue::Float(v) => ExprKind::Float(v),
                NumberValue::Imaginary(v) => ExprKind::Imaginary(v),
            },
            Tok::Kw(Kw::True) => ExprKind::True,
            Tok::Kw(Kw::False) => ExprKind::False,
            Tok::Kw(Kw::None) => ExprKind::None,
            Tok::Op(Op::Ellipsis) => ExprKind::Ellipsis,
            Tok::Str(_) => return self.strings(),
            Tok::Op(Op::LPar) => return self.paren(),
            Tok::Op(Op::LSqb) => return self.list(),
            Tok::Op(Op::LBrace) => return self.brace(),
            _ => return Err(self.invalid()),
        };
        self.bump()?;
        Ok(self.mk(kind, t.span))
    }

    /// `( ... )`: empty tuple, group, yield, tuple or generator expression.
    #[inline(never)]
    fn paren(&mut self) -> PResult<&'a Expr<'a>> {
        let open = self.bump()?;
        if self.at(Op::RPar) {
            self.bump()?;
            return Ok(self.mk(ExprKind::Tuple(&[]), self.span_from(open.span)));
        }
        if self.at_kw(Kw::Yield) {
            let e = self.yield_expr()?;
            if !self.at(Op::RPar) {
                return Err(self.invalid());
            }
            self.bump()?;
            return Ok(e);
        }
        let first_tok = self.tok;
        let first = self.star_named_expr()?;
        if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
            self.no_unpacking_in_comprehension(first)?;
            let generators = self.comp_clauses()?;
            if !self.at(Op::RPar) {
                return Err(self.invalid());
            }
            self.bump()?;
            return Ok(self.mk(ExprKind::GeneratorExp { elt: first, generators }, self.span_from(open.span)));
        }
        if self.at(Op::RPar) {
            if matches!(first.kind, ExprKind::Starred(_)) {
                return Err(self.err_span("cannot use starred expression here", first.span));
            }
            self.bump()?;
            return Ok(first);
        }
        if !self.at(Op::Comma) {
            return Err(self.after_elem(first, first_tok));
        }
        let elts = self.elements(first, Op::RPar)?;
        Ok(self.mk(ExprKind::Tuple(elts), self.span_from(open.span)))
    }

    /// The rest of a display after its first element: `, elt`* up to and including `close`.
    fn elements(&mut self, first: &'a Expr<'a>, close: Op) -> PResult<&'a [Expr<'a>]> {
        let mut elts = BVec::new_in(self.arena);
        elts.push(dup(first));
        let mut last = first;
        let mut last_tok = self.tok;
        while self.eat(Op::Comma)? {
            if self.at(close) {
                break;
            }
            last_tok = self.tok;
            last = self.star_named_expr()?;
            if self.at_kw(Kw::For) && close == Op::RSqb {
                let msg = "did you forget parentheses around the comprehension target?";
                return Err(self.err_span(msg, join(first.span, last.span)));
            }
            elts.push(dup(last));
        }
        if !self.at(close) {
            return Err(self.after_elem(last, last_tok));
        }
        self.bump()?;
        Ok(elts.into_bump_slice())
    }

    fn no_unpacking_in_comprehension(&self, elt: &'a Expr<'a>) -> PResult<()> {
        if matches!(elt.kind, ExprKind::Starred(_)) {
            return Err(self.err_span("iterable unpacking cannot be used in comprehension", elt.span));
        }
        Ok(())
    }

    #[inline(never)]
    fn list(&mut self) -> PResult<&'a Expr<'a>> {
        let open = self.bump()?;
        if self.at(Op::RSqb) {
            self.bump()?;
            return Ok(self.mk(ExprKind::List(&[]), self.span_from(open.span)));
        }
        let first = self.star_named_expr()?;
        if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
            self.no_unpacking_in_comprehension(first)?;
            let generators = self.comp_clauses()?;
            if !self.at(Op::RSqb) {
                return Err(self.invalid());
            }
            self.bump()?;
            return Ok(self.mk(ExprKind::ListComp { elt: first, generators }, self.span_from(open.span)));
        }
        let elts = self.elements(first, Op::RSqb)?;
        Ok(self.mk(ExprKind::List(elts), self.span_from(open.span)))
    }

    /// `{ ... }`: dict, set, or their comprehensions.
    #[inline(never)]
    fn brace(&mut self) -> PResult<&'a Expr<'a>> {
        let open = self.bump()?;
        if self.at(Op::RBrace) {
            self.bump()?;
            return Ok(self.mk(ExprKind::Dict(&[]), self.span_from(open.span)));
        }
        let first_tok = self.tok;
        let first_entry = if self.at(Op::DoubleStar) {
            self.bump()?;
            let m = self.binary(BP_BOR)?;
            (None, m)
        } else {
            let first = self.star_named_expr()?;
            if !self.at(Op::Colon) || matches!(first.kind, ExprKind::Starred(_) | ExprKind::NamedExpr { .. }) {
                return self.set_rest(open, first, first_tok);
            }
            let colon = self.bump()?;
            if !starts_expr(self.tok.tok) || self.at(Op::Star) {
                return Err(self.err_tok("expression expected after dictionary key and ':'", colon));
            }
            (Some(first), self.expression()?)
        };
        if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
            let Some(key) = first_entry.0 else {
                return Err(self.err_tok("dict unpacking cannot be used in dict comprehension", first_tok));
            };
            let generators = self.comp_clauses()?;
            if !self.at(Op::RBrace) {
                return Err(self.invalid());
            }
            self.bump()?;
            let kind = ExprKind::DictComp { key, value: first_entry.1, generators };
            return Ok(self.mk(kind, self.span_from(open.span)));
        }
        let mut items = BVec::new_in(self.arena);
        items.push(first_entry);
        let mut last = first_entry.1;
        let mut last_tok = first_tok;
        while self.eat(Op::Comma)? {
            if self.at(Op::RBrace) {
                break;
            }
            last_tok = self.tok;
            if self.eat(Op::DoubleStar)? {
                last = self.binary(BP_BOR)?;
                items.push((None, last));
                continue;
            }
            let key = self.expression()?;
            if !self.at(Op::Colon) {
                if matches!(self.tok.tok, Tok::Op(Op::Comma | Op::RBrace)) {
                    return Err(lexer::error_at(
                        ErrorKind::SyntaxError,
                        "':' expected after dictionary key",
                        key.span.line,
                        key.span.col + 1,
                        0,
                    ));
                }
                return Err(self.after_elem(key, last_tok));
            }
            let colon = self.bump()?;
            if !starts_expr(self.tok.tok) || self.at(Op::Star) {
                return Err(self.err_tok("expression expected after dictionary key and ':'", colon));
            }
            last = self.expression()?;
            items.push((Some(key), last));
        }
        if !self.at(Op::RBrace) {
            return Err(self.after_elem(last, last_tok));
        }
        self.bump()?;
        Ok(self.mk(ExprKind::Dict(items.into_bump_slice()), self.span_from(open.span)))
    }

    fn set_rest(&mut self, open: Token<'s>, first: &'a Expr<'a>, first_tok: Token<'s>) -> PResult<&'a Expr<'a>> {
        if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
            self.no_unpacking_in_comprehension(first)?;
            let generators = self.comp_clauses()?;
            if !self.at(Op::RBrace) {
                return Err(self.invalid());
            }
            self.bump()?;
            return Ok(self.mk(ExprKind::SetComp { elt: first, generators }, self.span_from(open.span)));
        }
        if !self.at(Op::Comma) && !self.at(Op::RBrace) {
            return Err(self.after_elem(first, first_tok));
        }
        let elts = self.elements(first, Op::RBrace)?;
        Ok(self.mk(ExprKind::Set(elts), self.span_from(open.span)))
    }

    /// `for target in iter (if cond)*`, one or more times (optionally `async for`).
    fn comp_clauses(&mut self) -> PResult<&'a [Comprehension<'a>]> {
        let mut gens = BVec::new_in(self.arena);
        loop {
            let is_async = self.at_kw(Kw::Async);
            if is_async {
                self.bump()?;
            }
            self.expect_kw(Kw::For)?;
            let target = self.target_list()?;
            self.check_target(target, TargetCtx::Assign)?;
            self.expect_kw(Kw::In)?;
            let iter = self.binary(BP_OR)?;
            let mut ifs = BVec::new_in(self.arena);
            while self.at_kw(Kw::If) {
                self.bump()?;
                ifs.push(dup(self.binary(BP_OR)?));
            }
            gens.push(Comprehension { target, iter, ifs: ifs.into_bump_slice(), is_async });
            if !(self.at_kw(Kw::For) || self.at_kw(Kw::Async)) {
                break;
            }
        }
        Ok(gens.into_bump_slice())
    }

    /// Targets of `for` and comprehensions: comma-separated, stopping before `in`.
    fn target_list(&mut self) -> PResult<&'a Expr<'a>> {
        let start = self.tok.span;
        let first = self.target_elem()?;
        if !self.at(Op::Comma) {
            return Ok(first);
        }
        let mut elts = BVec::new_in(self.arena);
        elts.push(dup(first));
        while self.eat(Op::Comma)? {
            if !starts_expr(self.tok.tok) {
                break;
            }
            elts.push(dup(self.target_elem()?));
        }
        Ok(self.mk(ExprKind::Tuple(elts.into_bump_slice()), self.span_from(start)))
    }

    fn target_elem(&mut self) -> PResult<&'a Expr<'a>> {
        if self.at(Op::Star) {
            return self.starred();
        }
        self.binary(BP_BOR)
    }

    #[inline(never)]
    fn call(&mut self, func: &'a Expr<'a>, start: Span) -> PResult<&'a Expr<'a>> {
        self.bump()?;
        let args = self.arguments(true)?;
        Ok(self.mk(ExprKind::Call { func, args }, self.span_from(start)))
    }

    /// Call arguments (or class bases) after `(`, through the closing `)`.
    fn arguments(&mut self, allow_genexp: bool) -> PResult<&'a [Arg<'a>]> {
        let mut args = BVec::new_in(self.arena);
        let mut seen_kw = false;
        let mut seen_dstar = false;
        let mut keywords: Vec<&'a str> = Vec::new();
        let mut last: Option<(&'a Expr<'a>, Token<'s>)> = None;
        while !self.at(Op::RPar) {
            let t = self.tok;
            match t.tok {
                Tok::Op(Op::Star) => {
                    self.bump()?;
                    let e = self.expression()?;
                    if seen_dstar {
                        let msg = "iterable argument unpacking follows keyword argument unpacking";
                        return Err(self.err_tok(msg, t));
                    }
                    args.push(Arg::Star(e));
                    last = Some((e, t));
                }
                Tok::Op(Op::DoubleStar) => {
                    self.bump()?;
                    let e = self.expression()?;
                    seen_dstar = true;
                    args.push(Arg::DoubleStar(e));
                    last = Some((e, t));
                }
                Tok::Name(n) if self.peek(1)? == Tok::Op(Op::Equal) => {
                    self.bump()?;
                    self.bump()?;
                    let value = self.expression()?;
                    let name = self.arena.alloc_str(n);
                    if keywords.iter().any(|k| *k == name) {
                        let e = self.err_span(format!("keyword argument repeated: {}", name), join(t.span, value.span));
                        self.defer(e);
                    }
                    keywords.push(name);
                    seen_kw = true;
                    args.push(Arg::Keyword(name, value));
                    last = Some((value, t));
                }
                Tok::Kw(k @ (Kw::True | Kw::False | Kw::None)) if self.peek(1)? == Tok::Op(Op::Equal) => {
                    self.bump()?;
                    self.bump()?;
                    let value = self.expression()?;
                    return Err(self.err_span(format!("cannot assign to {}", k.text()), join(t.span, value.span)));
                }
                _ => {
                    let mut e = self.named_expr()?;
                    if self.at(Op::Equal) {
                        let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
                        return Err(self.err_span(msg, join(e.span, self.tok.span)));
                    }
                    if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
                        let generators = self.comp_clauses()?;
                        let span = self.span_from(e.span);
                        e = self.mk(ExprKind::GeneratorExp { elt: e, generators }, span);
                        if !allow_genexp {
                            return Err(self.invalid());
                        }
                        if !args.is_empty() || !self.at(Op::RPar) {
                            return Err(self.err_span("Generator expression must be parenthesized", span));
                        }
                    } else if seen_dstar {
                        return Err(self.err_span("positional argument follows keyword argument unpacking", e.span));
                    } else if seen_kw {
                        return Err(self.err_span("positional argument follows keyword argument", e.span));
                    }
                    args.push(Arg::Positional(e));
                    last = Some((e, t));
                }
            }
            if !self.eat(Op::Comma)? {
                break;
            }
        }
        if !self.at(Op::RPar) {
            return Err(match last {
                Some((e, t)) => self.juxtaposed(e, t),
                None => self.invalid(),
            });
        }
        self.bump()?;
        Ok(args.into_bump_slice())
    }

    #[inline(never)]
    fn subscript(&mut self, value: &'a Expr<'a>, start: Span) -> PResult<&'a Expr<'a>> {
        self.bump()?;
        let first_tok = self.tok;
        let first = self.slice()?;
        let mut index = first;
        let mut last = (first, first_tok);
        if self.at(Op::Comma) {
            let mut elts = BVec::new_in(self.arena);
            elts.push(dup(first));
            while self.eat(Op::Comma)? {
                if self.at(Op::RSqb) {
                    break;
                }
                let t = self.tok;
                let e = self.slice()?;
                last = (e, t);
                elts.push(dup(e));
            }
            index = self.mk(ExprKind::Tuple(elts.into_bump_slice()), self.span_from(first_tok.span));
        }
        if !self.at(Op::RSqb) {
            return Err(self.after_elem(last.0, last.1));
        }
        self.bump()?;
        Ok(self.mk(ExprKind::Subscript { value, index }, self.span_from(start)))
    }

    fn slice(&mut self) -> PResult<&'a Expr<'a>> {
        if self.at(Op::Star) {
            return self.starred();
        }
        let start = self.tok.span;
        let lower = if self.at(Op::Colon) { None } else { Some(self.named_expr()?) };
        if !self.at(Op::Colon) {
            return Ok(lower.unwrap_or_else(|| self.mk(ExprKind::None, start)));
        }
        self.bump()?;
        let bound = |p: &Self| !matches!(p.tok.tok, Tok::Op(Op::Colon | Op::Comma | Op::RSqb));
        let upper = if bound(self) { Some(self.expression()?) } else { None };
        let mut step = None;
        if self.eat(Op::Colon)? && bound(self) {
            step = Some(self.expression()?);
        }
        Ok(self.mk(ExprKind::Slice { lower, upper, step }, self.span_from(start)))
    }

    // ----- string literals ----------------------------------------------------------------

    /// Adjacent string literals, concatenated: `Str`, `Bytes`, or `FString` if any part is one.
    #[inline(never)]
    fn strings(&mut self) -> PResult<&'a Expr<'a>> {
        let start = self.tok.span;
        let mut lits: Vec<StrLit<'s>> = Vec::new();
        while let Tok::Str(lit) = self.tok.tok {
            lits.push(lit);
            self.bump()?;
        }
        let span = self.span_from(start);
        // CPython places the caret for literal errors just after the whole concatenation.
        let after = Span { line: span.end_line, col: span.end_col, end_line: span.end_line, end_col: span.end_col };
        let after_err = |msg: String| lexer::error_at(ErrorKind::SyntaxError, msg, after.line, after.col + 1, 0);
        let bytes = lits.iter().filter(|l| l.bytes).count();
        if bytes != 0 && bytes != lits.len() {
            return Err(after_err("cannot mix bytes and nonbytes literals".into()));
        }
        if bytes != 0 {
            let mut out = Vec::new();
            for l in &lits {
                match lexer::decode_bytes(l.body, l.raw, &mut out) {
                    Ok(()) => {}
                    Err(None) => return Err(self.err_span("bytes can only contain ASCII literal characters", span)),
                    Err(Some(e)) => return Err(after_err(e.msg)),
                }
            }
            return Ok(self.mk(ExprKind::Bytes(self.arena.alloc_slice_copy(&out)), span));
        }
        let mut pending = String::with_capacity(lits.iter().map(|l| l.body.len()).sum());
        if !lits.iter().any(|l| l.fmt) {
            for l in &lits {
                lexer::decode_str(l.body, l.raw, &mut pending).map_err(|e| after_err(e.msg))?;
            }
            return Ok(self.mk(ExprKind::Str(self.arena.alloc_str(&pending)), span));
        }
        let mut parts = BVec::new_in(self.arena);
        for l in &lits {
            if l.fmt {
                let mut cur = FCursor { s: l.body, i: 0, line: l.body_line, col: l.body_col };
                self.fstring_level(*l, &mut cur, 0, &mut parts, &mut pending, after)?;
            } else {
                lexer::decode_str(l.body, l.raw, &mut pending).map_err(|e| after_err(e.msg))?;
            }
        }
        self.flush_literal(&mut parts, &mut pending);
        Ok(self.mk(ExprKind::FString(parts.into_bump_slice()), span))
    }

    fn flush_literal(&self, parts: &mut BVec<'a, FPart<'a>>, pending: &mut String) {
        if !pending.is_empty() {
            parts.push(FPart::Literal(self.arena.alloc_str(pending)));
            pending.clear();
        }
    }

    fn fstring_err(&self, msg: &str, cur: &FCursor<'s>) -> Box<CompileError> {
        lexer::error_at(ErrorKind::SyntaxError, format!("f-string: {}", msg), cur.line, cur.col + 1, 0)
    }

    /// Literal text and replacement fields of an f-string body, or of a format spec when
    /// `lvl > 0` (which ends at an unmatched `}` left for the caller).
    fn fstring_level(
        &mut self,
        lit: StrLit<'s>,
        cur: &mut FCursor<'s>,
        lvl: u32,
        parts: &mut BVec<'a, FPart<'a>>,
        pending: &mut String,
        after: Span,
    ) -> PResult<()> {
        loop {
            let run = cur.i;
            while let Some(c) = cur.peek() {
                match c {
                    b'{' | b'}' => break,
                    b'\\' if !lit.raw => {
                        cur.advance();
                        match cur.peek() {
                            // CPython 3.11 keeps the backslash and lets the brace start a field.
                            Some(b'{' | b'}') | None => {}
                            Some(b'N') if cur.peek_at(1) == Some(b'{') => {
                                while cur.peek().map_or(false, |c| c != b'}') {
                                    cur.advance();
                                }
                                cur.advance();
                            }
                            Some(_) => cur.advance(),
                        }
                    }
                    _ => cur.advance(),
                }
            }
            let chunk = &lit.body[run..cur.i];
            if let Err(e) = lexer::decode_str(chunk, lit.raw, pending) {
                return Err(lexer::error_at(ErrorKind::SyntaxError, e.msg, after.line, after.col + 1, 0));
            }
            match cur.peek() {
                None => return Ok(()),
                Some(b'{') if lvl == 0 && cur.peek_at(1) == Some(b'{') => {
                    pending.push('{');
                    cur.advance();
                    cur.advance();
                }
                Some(b'}') if lvl == 0 => {
                    if cur.peek_at(1) != Some(b'}') {
                        return Err(self.fstring_err("single '}' is not allowed", cur));
                    }
                    pending.push('}');
                    cur.advance();
                    cur.advance();
                }
                Some(b'}') => return Ok(()),
                _ => {
                    self.flush_literal(parts, pending);
                    self.fstring_field(lit, cur, lvl, parts, after)?;
                }
            }
        }
    }

    /// One `{expr!c:spec}` field, starting at its `{`.
    fn fstring_field(
        &mut self,
        lit: StrLit<'s>,
        cur: &mut FCursor<'s>,
        lvl: u32,
        parts: &mut BVec<'a, FPart<'a>>,
        after: Span,
    ) -> PResult<()> {
        cur.advance();
        if lvl >= 2 {
            return Err(self.fstring_err("expressions nested too deeply", cur));
        }
        let (start, line, col) = (cur.i, cur.line, cur.col);
        let mut stack: Vec<u8> = Vec::new();
        let mut quote: Option<(u8, bool)> = None;
        while let Some(c) = cur.peek() {
            if c == b'\\' {
                return Err(lexer::error_at(
                    ErrorKind::SyntaxError,
                    "f-string expression part cannot include a backslash",
                    cur.line,
                    cur.col + 1,
                    0,
                ));
            }
            if let Some((q, triple)) = quote {
                if c == q && (!triple || (cur.peek_at(1) == Some(q) && cur.peek_at(2) == Some(q))) {
                    quote = None;
                    if triple {
                        cur.advance();
                        cur.advance();
                    }
                }
                cur.advance();
                continue;
            }
            match c {
                b'\'' | b'"' => {
                    let triple = cur.peek_at(1) == Some(c) && cur.peek_at(2) == Some(c);
                    quote = Some((c, triple));
                    if triple {
                        cur.advance();
                        cur.advance();
                    }
                }
                b'(' | b'[' | b'{' => {
                    if stack.len() >= lexer::MAX_PAREN_DEPTH {
                        return Err(self.fstring_err("too many nested parenthesis", cur));
                    }
                    stack.push(c);
                }
                b'#' => {
                    return Err(lexer::error_at(
                        ErrorKind::SyntaxError,
                        "f-string expression part cannot include '#'",
                        cur.line,
                        cur.col + 1,
                        0,
                    ));
                }
                b'!' | b'=' | b'<' | b'>' if cur.peek_at(1) == Some(b'=') && stack.is_empty() => {
                    cur.advance();
                }
                b'<' | b'>' => {}
                b'!' | b':' | b'}' | b'=' if stack.is_empty() => break,
                b')' | b']' | b'}' => {
                    let Some(open) = stack.pop() else {
                        return Err(self.fstring_err(&format!("unmatched '{}'", c as char), cur));
                    };
                    let want = match open {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if want != c {
                        let msg = format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, open as char
                        );
                        return Err(self.fstring_err(&msg, cur));
                    }
                }
                _ => {}
            }
            cur.advance();
        }
        if quote.is_some() {
            return Err(self.fstring_err("unterminated string", cur));
        }
        if let Some(&open) = stack.last() {
            return Err(self.fstring_err(&format!("unmatched '{}'", open as char), cur));
        }
        if cur.peek().is_none() {
            return Err(self.fstring_err("expecting '}'", cur));
        }
        let text = &lit.body[start..cur.i];
        if text.bytes().all(|b| b.is_ascii_whitespace()) {
            return Err(self.fstring_err("empty expression not allowed", cur));
        }
        let expr = self.fstring_expr(text, line, col)?;
        let mut debug_text = None;
        if cur.peek() == Some(b'=') {
            cur.advance();
            while cur.peek().map_or(false, |b| b.is_ascii_whitespace()) {
                cur.advance();
            }
            debug_text = Some(&*self.arena.alloc_str(&lit.body[start..cur.i]));
        }
        let mut conversion = None;
        if cur.peek() == Some(b'!') {
            cur.advance();
            let Some(c) = cur.peek() else {
                return Err(self.fstring_err("expecting '}'", cur));
            };
            cur.advance();
            if !matches!(c, b's' | b'r' | b'a') {
                return Err(self.fstring_err("invalid conversion character: expected 's', 'r', or 'a'", cur));
            }
            conversion = Some(c as char);
        }
        let mut spec = None;
        if cur.peek() == Some(b':') {
            cur.advance();
            let mut spec_parts = BVec::new_in(self.arena);
            let mut spec_pending = String::new();
            self.fstring_level(lit, cur, lvl + 1, &mut spec_parts, &mut spec_pending, after)?;
            self.flush_literal(&mut spec_parts, &mut spec_pending);
            spec = Some(&*spec_parts.into_bump_slice());
        }
        if cur.peek() != Some(b'}') {
            return Err(self.fstring_err("expecting '}'", cur));
        }
        cur.advance();
        if debug_text.is_some() && conversion.is_none() && spec.is_none() {
            conversion = Some('r');
        }
        parts.push(FPart::Expr { expr, conversion, spec, debug_text });
        Ok(())
    }

    /// Parses the expression text of an f-string field with a lexer positioned at its place in
    /// the file, as CPython 3.11 does (it parses the text as if in parentheses).
    fn fstring_expr(&mut self, text: &'s str, line: u32, col: u32) -> PResult<&'a Expr<'a>> {
        let saved_lx = std::mem::replace(&mut self.lx, Lexer::for_fstring_expr(text, line, col));
        let saved_tok = self.tok;
        let saved_prev = self.prev;
        let saved_ahead = std::mem::take(&mut self.ahead);
        let saved_end = self.prev_end;
        let saved_nesting = std::mem::replace(&mut self.nesting, 1);
        let saved_failed = self.lexer_failed;
        let result = self.fstring_expr_inner();
        self.lx = saved_lx;
        self.tok = saved_tok;
        self.prev = saved_prev;
        self.ahead = saved_ahead;
        self.prev_end = saved_end;
        self.nesting = saved_nesting;
        self.lexer_failed = saved_failed;
        result.map_err(|mut e| {
            if e.kind == ErrorKind::SyntaxError && !e.msg.starts_with("f-string") {
                e.msg = format!("f-string: {}", e.msg);
            }
            e
        })
    }

    fn fstring_expr_inner(&mut self) -> PResult<&'a Expr<'a>> {
        self.tok = self.fetch()?;
        let first = self.tok;
        let e = if self.at_kw(Kw::Yield) { self.yield_expr()? } else { self.star_exprs()? };
        if self.tok.tok != Tok::EndMarker {
            return Err(self.after_elem(e, first));
        }
        if matches!(e.kind, ExprKind::Starred(_)) {
            return Err(self.err_span("cannot use starred expression here", e.span));
        }
        Ok(e)
    }
}
