//! The abstract syntax tree. Every node lives in one `bumpalo::Bump` arena owned by the caller of
//! the parser, so a whole module is freed at once and nodes are plain references (`&'a`).
//!
//! The tree mirrors CPython's `ast` module closely enough that codegen can follow CPython's
//! compiler for evaluation order; names are simplified where coro has no use for a distinction.

/// A source position: 1-based line, 0-based column counted in characters (CPython's
/// `col_offset` counts UTF-8 bytes; coro reports carets in characters, which is what a terminal
/// shows). `end_line`/`end_col` are exclusive ends of the node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

/// A parsed module: the statements of one source file.
#[derive(Debug)]
pub struct Module<'a> {
    pub body: &'a [Stmt<'a>],
}

#[derive(Debug)]
pub struct Stmt<'a> {
    pub kind: StmtKind<'a>,
    pub span: Span,
}

#[derive(Debug)]
pub enum StmtKind<'a> {
    /// An expression evaluated for its effect (including a bare docstring).
    Expr(&'a Expr<'a>),
    /// `a = b = value`: `targets` in source order.
    Assign {
        targets: &'a [Expr<'a>],
        value: &'a Expr<'a>,
    },
    AugAssign {
        target: &'a Expr<'a>,
        op: BinOp,
        value: &'a Expr<'a>,
    },
    /// `x: T = v` / `x: T`. `simple` is true when the target is a bare name not in parentheses.
    AnnAssign {
        target: &'a Expr<'a>,
        annotation: &'a Expr<'a>,
        value: Option<&'a Expr<'a>>,
        simple: bool,
    },
    If {
        test: &'a Expr<'a>,
        body: &'a [Stmt<'a>],
        orelse: &'a [Stmt<'a>],
    },
    While {
        test: &'a Expr<'a>,
        body: &'a [Stmt<'a>],
        orelse: &'a [Stmt<'a>],
    },
    For {
        target: &'a Expr<'a>,
        iter: &'a Expr<'a>,
        body: &'a [Stmt<'a>],
        orelse: &'a [Stmt<'a>],
        is_async: bool,
    },
    Break,
    Continue,
    Pass,
    FunctionDef(&'a FunctionDef<'a>),
    ClassDef(&'a ClassDef<'a>),
    Return(Option<&'a Expr<'a>>),
    Global(&'a [Ident<'a>]),
    Nonlocal(&'a [Ident<'a>]),
    Try {
        body: &'a [Stmt<'a>],
        handlers: &'a [ExceptHandler<'a>],
        orelse: &'a [Stmt<'a>],
        finalbody: &'a [Stmt<'a>],
    },
    Raise {
        exc: Option<&'a Expr<'a>>,
        cause: Option<&'a Expr<'a>>,
    },
    Assert {
        test: &'a Expr<'a>,
        msg: Option<&'a Expr<'a>>,
    },
    Del(&'a [Expr<'a>]),
    /// `import a.b as c, d`
    Import(&'a [Alias<'a>]),
    /// `from ..m import a as b, c` (`level` counts the dots; `names` empty means `*`).
    ImportFrom {
        module: Option<&'a str>,
        names: &'a [Alias<'a>],
        level: u32,
    },
    With {
        items: &'a [WithItem<'a>],
        body: &'a [Stmt<'a>],
        is_async: bool,
    },
}

/// A name with the span of its own token (for errors such as a bad `global`).
#[derive(Clone, Copy, Debug)]
pub struct Ident<'a> {
    pub name: &'a str,
    pub span: Span,
}

#[derive(Debug)]
pub struct FunctionDef<'a> {
    pub name: &'a str,
    pub params: &'a Params<'a>,
    pub body: &'a [Stmt<'a>],
    pub decorators: &'a [Expr<'a>],
    pub returns: Option<&'a Expr<'a>>,
    pub is_async: bool,
    pub span: Span,
}

#[derive(Debug)]
pub struct ClassDef<'a> {
    pub name: &'a str,
    /// Positional bases and keyword arguments (`metaclass=...`), in source order.
    pub bases: &'a [Arg<'a>],
    pub body: &'a [Stmt<'a>],
    pub decorators: &'a [Expr<'a>],
    pub span: Span,
}

/// A parameter list of a `def` or `lambda`.
#[derive(Debug, Default)]
pub struct Params<'a> {
    /// Parameters before a `/`.
    pub posonly: &'a [Param<'a>],
    /// Ordinary positional-or-keyword parameters.
    pub args: &'a [Param<'a>],
    pub vararg: Option<&'a Param<'a>>,
    /// Parameters after `*` or `*args`.
    pub kwonly: &'a [Param<'a>],
    pub kwarg: Option<&'a Param<'a>>,
}

#[derive(Debug)]
pub struct Param<'a> {
    pub name: &'a str,
    pub default: Option<&'a Expr<'a>>,
    pub annotation: Option<&'a Expr<'a>>,
    pub span: Span,
}

#[derive(Debug)]
pub struct ExceptHandler<'a> {
    /// `None` for a bare `except:`.
    pub typ: Option<&'a Expr<'a>>,
    pub name: Option<&'a str>,
    pub body: &'a [Stmt<'a>],
    pub span: Span,
}

#[derive(Debug)]
pub struct Alias<'a> {
    /// Possibly dotted (`a.b.c`) for `import`; a plain name for `from ... import`.
    pub name: &'a str,
    pub asname: Option<&'a str>,
    pub span: Span,
}

#[derive(Debug)]
pub struct WithItem<'a> {
    pub context: &'a Expr<'a>,
    pub target: Option<&'a Expr<'a>>,
}

#[derive(Debug)]
pub struct Expr<'a> {
    pub kind: ExprKind<'a>,
    pub span: Span,
}

#[derive(Debug)]
pub enum ExprKind<'a> {
    /// An integer literal that fits in i64.
    Int(i64),
    /// An integer literal too big for i64, as its decimal digits (base prefixes already applied).
    BigInt(&'a str),
    Float(f64),
    /// An imaginary literal (`2j`): parsed so the error can be "not supported" rather than
    /// "invalid syntax".
    Imaginary(f64),
    /// A string literal after escape processing and implicit concatenation of plain parts.
    Str(&'a str),
    /// A bytes literal (`b"..."`), kept so codegen can say it is not supported.
    Bytes(&'a [u8]),
    /// An f-string (or a concatenation involving one): its parts in order.
    FString(&'a [FPart<'a>]),
    True,
    False,
    None,
    Ellipsis,
    Name(&'a str),
    Tuple(&'a [Expr<'a>]),
    List(&'a [Expr<'a>]),
    Set(&'a [Expr<'a>]),
    /// `{k: v, **m}`: a `None` key marks a `**m` entry whose mapping is the value.
    Dict(&'a [(Option<&'a Expr<'a>>, &'a Expr<'a>)]),
    /// `*x` inside a display, a call, or an assignment target.
    Starred(&'a Expr<'a>),
    BinOp {
        op: BinOp,
        left: &'a Expr<'a>,
        right: &'a Expr<'a>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: &'a Expr<'a>,
    },
    /// `a and b and c`: two or more values.
    BoolOp {
        op: BoolOp,
        values: &'a [Expr<'a>],
    },
    /// `a < b <= c`: `ops` and `comparators` have the same length.
    Compare {
        left: &'a Expr<'a>,
        ops: &'a [CmpOp],
        comparators: &'a [Expr<'a>],
    },
    IfExp {
        test: &'a Expr<'a>,
        body: &'a Expr<'a>,
        orelse: &'a Expr<'a>,
    },
    Lambda {
        params: &'a Params<'a>,
        body: &'a Expr<'a>,
    },
    Call {
        func: &'a Expr<'a>,
        args: &'a [Arg<'a>],
    },
    Attribute {
        value: &'a Expr<'a>,
        attr: &'a str,
    },
    Subscript {
        value: &'a Expr<'a>,
        index: &'a Expr<'a>,
    },
    /// `a:b:c` inside a subscript (each part optional).
    Slice {
        lower: Option<&'a Expr<'a>>,
        upper: Option<&'a Expr<'a>>,
        step: Option<&'a Expr<'a>>,
    },
    ListComp {
        elt: &'a Expr<'a>,
        generators: &'a [Comprehension<'a>],
    },
    SetComp {
        elt: &'a Expr<'a>,
        generators: &'a [Comprehension<'a>],
    },
    DictComp {
        key: &'a Expr<'a>,
        value: &'a Expr<'a>,
        generators: &'a [Comprehension<'a>],
    },
    GeneratorExp {
        elt: &'a Expr<'a>,
        generators: &'a [Comprehension<'a>],
    },
    Yield(Option<&'a Expr<'a>>),
    YieldFrom(&'a Expr<'a>),
    Await(&'a Expr<'a>),
    /// `name := value`
    NamedExpr {
        target: &'a str,
        value: &'a Expr<'a>,
    },
}

/// One argument at a call site or in a class's base list.
#[derive(Debug)]
pub enum Arg<'a> {
    Positional(&'a Expr<'a>),
    /// `*xs`
    Star(&'a Expr<'a>),
    /// `name=value`
    Keyword(&'a str, &'a Expr<'a>),
    /// `**kw`
    DoubleStar(&'a Expr<'a>),
}

#[derive(Debug)]
pub enum FPart<'a> {
    Literal(&'a str),
    Expr {
        expr: &'a Expr<'a>,
        /// `'r'`, `'s'` or `'a'` from `!r` / `!s` / `!a`.
        conversion: Option<char>,
        /// The format spec after `:`, itself possibly containing `{...}` parts.
        spec: Option<&'a [FPart<'a>]>,
        /// For the self-documenting `f"{x=}"` form: the text `x=` to print before the value
        /// (CPython then defaults the conversion to `!r` when there is no spec).
        debug_text: Option<&'a str>,
    },
}

#[derive(Debug)]
pub struct Comprehension<'a> {
    pub target: &'a Expr<'a>,
    pub iter: &'a Expr<'a>,
    pub ifs: &'a [Expr<'a>],
    pub is_async: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}
