//! Code generation: AST plus scope table in, `Code` objects out.
//!
//! Each code object is built as a list of instructions whose jump operands are labels. Every
//! instruction records the exception handler active when it was emitted (CPython 3.11's scheme);
//! `assemble` then computes stack depths by flow analysis (giving `max_stack` and each handler's
//! unwind depth), turns runs of instructions sharing a handler into exception-table ranges, lays
//! out bytes with `ExtendedArg` prefixes until jump offsets settle, and builds the line table.
//!
//! `finally` bodies are inlined on every normal exit (fall-through, `return`, `break`,
//! `continue`) and compiled once more as the exception path, as CPython does.

use crate::ast::*;
use crate::code::{Code, CodeFlags, Const, ExceptionEntry, LineTableBuilder};
use crate::error::CompileError;
use crate::opcode::{format_flags, make_function, BinOpKind, Op};
use crate::percent_fold::{percent_as_fstring, Piece};
use crate::scope::{self, Resolution, ScopeId, ScopeKind, ScopeTable};
use std::collections::HashMap;
use std::rc::Rc;

type CResult<T> = Result<T, CompileError>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Label(u32);

#[derive(Clone, Copy, Debug)]
struct Handler {
    label: Label,
    /// Index of the instruction whose entry depth is the handler's base depth.
    depth_at: usize,
    /// Added to that depth (the `except` cleanup handler sits one below its entry point).
    adjust: i32,
}

#[derive(Clone, Copy, Debug)]
struct Instr {
    op: Op,
    /// Operand; for jumps, a label number until assembly.
    arg: u32,
    line: u32,
    handler: Option<u32>,
}

/// What a `break`, `continue` or `return` must unwind on its way out.
#[derive(Clone, Copy)]
enum Block<'a> {
    Loop {
        start: Label,
        end: Label,
        is_for: bool,
    },
    /// Inside a `try` with this `finally` body.
    Finally(&'a [Stmt<'a>]),
    /// Inside the exception path of a `finally` (stack: [prev_exc, exc]).
    FinallyExcept,
    /// Inside an `except` body (stack: [prev_exc]), with the bound name to clear.
    Handler(Option<&'a str>),
    /// Inside a `with` body (stack: [exit]); leaving calls `exit(None, None, None)`.
    With,
}

struct Unit<'a> {
    scope: ScopeId,
    name: Rc<str>,
    qualname: Rc<str>,
    first_line: u32,
    instrs: Vec<Instr>,
    labels: Vec<Option<usize>>,
    consts: Vec<Const>,
    names: Vec<Rc<str>>,
    name_index: HashMap<Rc<str>, u32>,
    varnames: Vec<Rc<str>>,
    derefs: Vec<Rc<str>>,
    ncells: usize,
    handlers: Vec<Handler>,
    /// The handler stack: innermost last.
    active: Vec<u32>,
    /// Open blocks, each with the handler-stack length to restore when unwinding it.
    blocks: Vec<(Block<'a>, usize)>,
    line: u32,
    /// Loops, `try` bodies and handlers currently open (CPython's fblock count).
    fblocks: u32,
    flags: CodeFlags,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
}

/// Compiles a module's source into its code object. `filename` is shown in tracebacks.
pub fn compile_module(source: &str, filename: &str) -> CResult<Rc<Code>> {
    compile_with(source, filename, false)
}

/// Like `compile_module`, but every code object is marked hidden from tracebacks (used for
/// builtins that the VM implements in Python).
pub fn compile_hidden(source: &str, filename: &str) -> CResult<Rc<Code>> {
    compile_with(source, filename, true)
}

fn compile_with(source: &str, filename: &str, hidden: bool) -> CResult<Rc<Code>> {
    let arena = bumpalo::Bump::new();
    let module = crate::parser::parse_module(&arena, source)?;
    let table = scope::analyze(&module)?;
    let mut c = Compiler { table: &table, units: Vec::new(), filename: filename.into(), hidden, depth: 0 };
    c.push_unit(0, "<module>".into(), "<module>".into(), 1);
    c.unit().flags.is_function = false;
    c.setup_annotations(module.body);
    c.stmts(module.body)?;
    c.emit(Op::LoadNone, 0);
    c.emit(Op::Return, 0);
    let unit = c.units.pop().ok_or_else(|| CompileError::syntax("internal: no unit", 0, 0))?;
    let code = c.assemble(unit)?;
    #[cfg(debug_assertions)]
    crate::verify::verify(&code).map_err(|e| CompileError::syntax(format!("internal compiler error: {e}"), 0, 0))?;
    Ok(Rc::new(code))
}

struct Compiler<'a, 't> {
    table: &'t ScopeTable<'a>,
    units: Vec<Unit<'a>>,
    filename: Rc<str>,
    hidden: bool,
    /// Nesting depth of expressions being compiled, bounded so deeply nested input is a clean
    /// error, not a native stack overflow (the parser bounds it first; this is the backstop).
    depth: u32,
}

const MAX_DEPTH: u32 = 2000;

fn err_at(msg: impl Into<String>, span: Span) -> CompileError {
    CompileError::syntax(msg, span.line, span.col + 1)
}

impl<'a, 't> Compiler<'a, 't> {
    fn unit(&mut self) -> &mut Unit<'a> {
        let n = self.units.len() - 1;
        &mut self.units[n]
    }

    fn unit_ref(&self) -> &Unit<'a> {
        &self.units[self.units.len() - 1]
    }

    fn push_unit(&mut self, scope: ScopeId, name: Rc<str>, qualname: Rc<str>, first_line: u32) {
        let s = &self.table.scopes[scope];
        let varnames: Vec<Rc<str>> = s.varnames.iter().map(|v| Rc::from(*v)).collect();
        let mut derefs: Vec<Rc<str>> = s.cellvars.iter().map(|v| Rc::from(*v)).collect();
        let ncells = derefs.len();
        derefs.extend(s.freevars.iter().map(|v| Rc::from(*v)));
        let flags = CodeFlags {
            generator: s.is_generator,
            is_function: matches!(s.kind, ScopeKind::Function | ScopeKind::Comprehension),
            hidden: self.hidden,
            ..CodeFlags::default()
        };
        self.units.push(Unit {
            scope,
            name,
            qualname,
            first_line,
            instrs: Vec::new(),
            labels: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames,
            derefs,
            ncells,
            handlers: Vec::new(),
            active: Vec::new(),
            blocks: Vec::new(),
            line: first_line,
            fblocks: 0,
            flags,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
        });
    }

    // ----- emission helpers -------------------------------------------------------------------

    fn emit(&mut self, op: Op, arg: u32) {
        let u = self.unit();
        let handler = u.active.last().copied();
        let line = u.line;
        u.instrs.push(Instr { op, arg, line, handler });
    }

    fn emit_jump(&mut self, op: Op, target: Label) {
        self.emit(op, target.0);
    }

    fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.labels.push(None);
        Label(u.labels.len() as u32 - 1)
    }

    fn bind(&mut self, l: Label) {
        let u = self.unit();
        u.labels[l.0 as usize] = Some(u.instrs.len());
    }

    fn push_handler(&mut self, label: Label, adjust: i32) {
        let u = self.unit();
        let depth_at = u.instrs.len();
        u.handlers.push(Handler { label, depth_at, adjust });
        let id = u.handlers.len() as u32 - 1;
        u.active.push(id);
    }

    fn pop_handler(&mut self) {
        self.unit().active.pop();
    }

    fn set_line(&mut self, span: Span) {
        if span.line > 0 {
            self.unit().line = span.line;
        }
    }

    fn add_const(&mut self, c: Const) -> u32 {
        let u = self.unit();
        if let Some(i) = u.consts.iter().position(|x| const_identical(x, &c)) {
            return i as u32;
        }
        u.consts.push(c);
        u.consts.len() as u32 - 1
    }

    fn load_const(&mut self, c: Const) {
        match c {
            Const::None => self.emit(Op::LoadNone, 0),
            Const::Int(n) if (0..=255).contains(&n) => self.emit(Op::LoadSmallInt, n as u32),
            c => {
                let i = self.add_const(c);
                self.emit(Op::LoadConst, i);
            }
        }
    }

    fn name_idx(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.name_index.get(name) {
            return *i;
        }
        let rc: Rc<str> = name.into();
        u.names.push(rc.clone());
        let i = u.names.len() as u32 - 1;
        u.name_index.insert(rc, i);
        i
    }

    fn local_idx(&self, name: &str) -> u32 {
        let u = self.unit_ref();
        u.varnames.iter().position(|v| &**v == name).map(|i| i as u32).unwrap_or(0)
    }

    fn deref_idx(&self, name: &str) -> u32 {
        let u = self.unit_ref();
        // A name can be both a cell of this scope and listed as free (class bodies); cells win.
        u.derefs.iter().position(|v| &**v == name).map(|i| i as u32).unwrap_or(0)
    }

    fn scope_kind(&self) -> ScopeKind {
        self.table.scopes[self.unit_ref().scope].kind
    }

    fn resolve(&self, name: &str) -> Resolution {
        self.table.scopes[self.unit_ref().scope].resolve(name)
    }

    // ----- names ------------------------------------------------------------------------------

    /// Emits the access to `name` that its scope resolution calls for: `ops` are the fast-local,
    /// cell, global and by-name variants of one action (load, store or delete).
    fn name_op(&mut self, name: &str, ops: [Op; 4]) {
        let [fast, deref, global, by_name] = ops;
        match self.resolve(name) {
            Resolution::Local => {
                let i = self.local_idx(name);
                self.emit(fast, i)
            }
            Resolution::Cell | Resolution::Free => {
                let i = self.deref_idx(name);
                self.emit(deref, i)
            }
            Resolution::Global => {
                let i = self.name_idx(name);
                self.emit(global, i)
            }
            Resolution::Name => {
                let class_body = self.scope_kind() == ScopeKind::Class;
                if class_body && by_name == Op::LoadName && self.unit_ref().derefs.iter().any(|d| &**d == name) {
                    // A class body reading a variable of an enclosing function.
                    let i = self.deref_idx(name);
                    self.emit(Op::LoadClassDeref, i);
                    return;
                }
                let i = self.name_idx(name);
                // Module-level names are the globals; class bodies look names up at run time.
                let op = if self.scope_kind() == ScopeKind::Module { global } else { by_name };
                self.emit(op, i)
            }
        }
    }

    fn load_name(&mut self, name: &str) {
        self.name_op(name, [Op::LoadFast, Op::LoadDeref, Op::LoadGlobal, Op::LoadName]);
    }

    fn store_name(&mut self, name: &str) {
        self.name_op(name, [Op::StoreFast, Op::StoreDeref, Op::StoreGlobal, Op::StoreName]);
    }

    fn delete_name(&mut self, name: &str) {
        self.name_op(name, [Op::DeleteFast, Op::DeleteDeref, Op::DeleteGlobal, Op::DeleteName]);
    }

    // ----- statements -------------------------------------------------------------------------

    fn stmts(&mut self, body: &'a [Stmt<'a>]) -> CResult<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt<'a>) -> CResult<()> {
        self.set_line(s.span);
        match &s.kind {
            StmtKind::Expr(e) => {
                if is_constant(e) {
                    // A docstring or other constant statement has no effect (CPython drops it).
                    return Ok(());
                }
                self.expr(e)?;
                self.emit(Op::Pop, 0);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Copy, 1);
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                } else if !*simple || !matches!(target.kind, ExprKind::Name(_)) {
                    // `obj.attr: T` evaluates obj (CPython does), but stores nothing.
                    match &target.kind {
                        ExprKind::Attribute { value, .. } => {
                            self.expr(value)?;
                            self.emit(Op::Pop, 0);
                        }
                        ExprKind::Subscript { value, index } => {
                            self.expr(value)?;
                            self.emit(Op::Pop, 0);
                            self.expr(index)?;
                            self.emit(Op::Pop, 0);
                        }
                        _ => {}
                    }
                }
                if self.scope_kind() != ScopeKind::Function {
                    self.expr(annotation)?;
                    match (&target.kind, *simple) {
                        // `__annotations__['x'] = annotation` in module and class bodies.
                        (ExprKind::Name(n), true) => {
                            self.load_name("__annotations__");
                            self.load_const(Const::Str((*n).into()));
                            self.emit(Op::StoreSubscr, 0);
                        }
                        _ => self.emit(Op::Pop, 0),
                    }
                }
            }
            StmtKind::If { test, body, orelse } => {
                // An `elif` chain is compiled in a loop, not by recursion: the parser nests each
                // `elif` in the previous `else`, and chains of thousands must not exhaust the stack.
                let end = self.new_label();
                let (mut test, mut body, mut orelse) = (*test, *body, *orelse);
                loop {
                    let else_l = self.new_label();
                    self.jump_if(test, false, else_l)?;
                    self.stmts(body)?;
                    if !orelse.is_empty() {
                        self.emit_jump(Op::Jump, end);
                    }
                    self.bind(else_l);
                    match orelse {
                        [next @ Stmt { kind: StmtKind::If { test: t, body: b, orelse: o }, .. }] => {
                            self.set_line(next.span);
                            (test, body, orelse) = (*t, *b, *o);
                        }
                        _ => break,
                    }
                }
                self.stmts(orelse)?;
                self.bind(end);
            }
            StmtKind::While { test, body, orelse } => {
                let start = self.new_label();
                let else_l = self.new_label();
                let end = self.new_label();
                self.bind(start);
                self.jump_if(test, false, else_l)?;
                let act = self.unit_ref().active.len();
                self.unit().blocks.push((Block::Loop { start, end, is_for: false }, act));
                self.in_block(s.span, |c| c.stmts(body))?;
                self.unit().blocks.pop();
                self.set_line(s.span);
                self.emit_jump(Op::Jump, start);
                self.bind(else_l);
                self.stmts(orelse)?;
                self.bind(end);
            }
            StmtKind::For { target, iter, body, orelse, is_async } => {
                if *is_async {
                    return Err(err_at("'async for' is not supported", s.span));
                }
                let start = self.new_label();
                let else_l = self.new_label();
                let end = self.new_label();
                self.iterable(iter)?;
                self.emit(Op::GetIter, 0);
                self.bind(start);
                self.set_line(s.span);
                self.emit_jump(Op::ForIter, else_l);
                self.store_target(target)?;
                let act = self.unit_ref().active.len();
                self.unit().blocks.push((Block::Loop { start, end, is_for: true }, act));
                self.in_block(s.span, |c| c.stmts(body))?;
                self.unit().blocks.pop();
                self.set_line(s.span);
                self.emit_jump(Op::Jump, start);
                self.bind(else_l);
                self.stmts(orelse)?;
                self.bind(end);
            }
            StmtKind::Break => self.break_continue(s.span, true)?,
            StmtKind::Continue => self.break_continue(s.span, false)?,
            StmtKind::Pass => {}
            StmtKind::FunctionDef(f) => self.function_def(f)?,
            StmtKind::ClassDef(c) => self.class_def(c)?,
            StmtKind::Return(v) => {
                if !self.unit_ref().flags.is_function {
                    return Err(err_at("'return' outside function", s.span));
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.emit(Op::LoadNone, 0),
                }
                self.unwind_all(true)?;
                self.set_line(s.span);
                self.emit(Op::Return, 0);
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(s, body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.set_line(s.span);
                self.emit(Op::Raise, n);
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.jump_if(test, true, end)?;
                self.emit(Op::LoadAssertionError, 0);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::Call, 1);
                }
                self.set_line(s.span);
                self.emit(Op::Raise, 1);
                self.bind(end);
            }
            StmtKind::Del(targets) => {
                for t in targets.iter() {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Import(names) => {
                for a in names.iter() {
                    self.load_const(Const::None);
                    self.emit(Op::LoadSmallInt, 0);
                    let i = self.name_idx(a.name);
                    self.emit(Op::ImportName, i);
                    match a.asname {
                        Some(asname) => {
                            for part in a.name.split('.').skip(1) {
                                let i = self.name_idx(part);
                                self.emit(Op::LoadAttr, i);
                            }
                            self.store_name(asname);
                        }
                        None => self.store_name(a.name.split('.').next().unwrap_or(a.name)),
                    }
                }
            }
            StmtKind::ImportFrom { module, names, level } => {
                let star = names.is_empty();
                if star && self.scope_kind() != ScopeKind::Module {
                    return Err(err_at("import * only allowed at module level", s.span));
                }
                let fromlist: Vec<Const> = if star {
                    vec![Const::Str("*".into())]
                } else {
                    names.iter().map(|a| Const::Str(a.name.into())).collect()
                };
                self.load_const(Const::Tuple(fromlist.into()));
                self.load_const(Const::Int(*level as i64));
                let i = self.name_idx(module.unwrap_or(""));
                self.emit(Op::ImportName, i);
                if star {
                    self.emit(Op::ImportStar, 0);
                } else {
                    for a in names.iter() {
                        let i = self.name_idx(a.name);
                        self.emit(Op::ImportFrom, i);
                        self.store_name(a.asname.unwrap_or(a.name));
                    }
                    self.emit(Op::Pop, 0);
                }
            }
            StmtKind::With { is_async: true, .. } => {
                return Err(err_at("'async with' is not supported yet", s.span));
            }
            StmtKind::With { items, body, .. } => self.with_stmt(s, items, body)?,
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &'a Expr<'a>, op: BinOp, value: &'a Expr<'a>) -> CResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.set_line(target.span);
                self.inplace(op);
                self.store_name(n);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Op::Copy, 1);
                let i = self.name_idx(attr);
                self.emit(Op::LoadAttr, i);
                self.expr(value)?;
                self.inplace(op);
                self.emit(Op::Swap, 2);
                self.emit(Op::StoreAttr, i);
            }
            ExprKind::Subscript { value: obj, index } => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::Copy, 2);
                self.emit(Op::Copy, 2);
                self.emit(Op::Subscr, 0);
                self.expr(value)?;
                self.inplace(op);
                self.emit(Op::Swap, 3);
                self.emit(Op::Swap, 2);
                self.emit(Op::StoreSubscr, 0);
            }
            _ => {
                return Err(err_at(
                    format!("'{}' is an illegal expression for augmented assignment", expr_kind_name(target)),
                    target.span,
                ))
            }
        }
        Ok(())
    }

    fn inplace(&mut self, op: BinOp) {
        if op == BinOp::Add {
            self.emit(Op::InplaceAdd, 0);
        } else {
            self.emit(Op::InplaceOp, binop_kind(op) as u32);
        }
    }

    fn break_continue(&mut self, span: Span, is_break: bool) -> CResult<()> {
        let blocks = self.unit_ref().blocks.clone();
        let saved_active = self.unit_ref().active.clone();
        for (i, (b, act)) in blocks.iter().enumerate().rev() {
            match *b {
                Block::Loop { start, end, is_for } => {
                    self.set_line(span);
                    if is_break {
                        if is_for {
                            self.emit(Op::Pop, 0);
                        }
                        self.emit_jump(Op::Jump, end);
                    } else {
                        self.emit_jump(Op::Jump, start);
                    }
                    self.unit().active = saved_active;
                    self.unit().blocks = blocks;
                    return Ok(());
                }
                _ => {
                    self.unit().blocks.truncate(i);
                    self.unwind_block(*b, *act, false)?;
                }
            }
        }
        self.unit().active = saved_active;
        self.unit().blocks = blocks;
        let msg = if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
        Err(err_at(msg, span))
    }

    /// Unwinds every block for a `return` (value on top of the stack when `preserve_tos`).
    fn unwind_all(&mut self, preserve_tos: bool) -> CResult<()> {
        let blocks = self.unit_ref().blocks.clone();
        let saved_active = self.unit_ref().active.clone();
        for (i, (b, act)) in blocks.iter().enumerate().rev() {
            self.unit().blocks.truncate(i);
            self.unwind_block(*b, *act, preserve_tos)?;
        }
        self.unit().active = saved_active;
        self.unit().blocks = blocks;
        Ok(())
    }

    /// Emits the exit code of one block. Handlers belonging to the block are dropped from the
    /// active stack so the inlined code is protected only by the enclosing ones.
    fn unwind_block(&mut self, b: Block<'a>, active: usize, preserve_tos: bool) -> CResult<()> {
        self.unit().active.truncate(active);
        match b {
            Block::Loop { is_for, .. } => {
                if is_for {
                    if preserve_tos {
                        self.emit(Op::Swap, 2);
                    }
                    self.emit(Op::Pop, 0);
                }
            }
            Block::Finally(body) => {
                // Outside the try's protected range now: run the finally body inline.
                let line = self.unit_ref().line;
                self.stmts(body)?;
                self.unit().line = line;
            }
            Block::FinallyExcept => {
                // Stack: [prev, exc, (tos)]. Drop the pending exception, restore the handled one.
                if preserve_tos {
                    // [prev, exc, v] -> [v] with prev restored below.
                    self.emit(Op::Swap, 2);
                    self.emit(Op::Pop, 0);
                    self.emit(Op::Swap, 2);
                } else {
                    self.emit(Op::Pop, 0);
                }
                self.emit(Op::PopExcept, 0);
            }
            Block::With => {
                // Stack: [exit, (tos)]: call exit(None, None, None) and drop what it returns.
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.exit_call_none();
            }
            Block::Handler(name) => {
                if let Some(n) = name {
                    self.emit(Op::LoadNone, 0);
                    self.store_name(n);
                    self.delete_name(n);
                }
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.emit(Op::PopExcept, 0);
            }
        }
        Ok(())
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt<'a>],
        handlers: &'a [ExceptHandler<'a>],
        orelse: &'a [Stmt<'a>],
    ) -> CResult<()> {
        let handler = self.new_label();
        let cleanup = self.new_label();
        let else_l = self.new_label();
        let end = self.new_label();
        self.push_handler(handler, 0);
        self.in_block(body.first().map(|s| s.span).unwrap_or_default(), |c| c.stmts(body))?;
        self.pop_handler();
        self.emit_jump(Op::Jump, else_l);

        // Exception path. Stack: [exc].
        self.bind(handler);
        if let Some(h) = handlers.first() {
            self.set_line(h.span);
        }
        self.emit(Op::PushExcInfo, 0);
        // [prev, exc]: if anything below raises, restore `prev` and re-raise.
        let act = self.unit_ref().active.len();
        self.push_handler(cleanup, -1);
        for h in handlers.iter() {
            self.set_line(h.span);
            let next = self.new_label();
            if let Some(t) = h.typ {
                self.expr(t)?;
                self.emit(Op::CheckExcMatch, 0);
                self.emit_jump(Op::PopJumpIfFalse, next);
            }
            match h.name {
                Some(n) => {
                    self.store_name(n);
                    // [prev]: the body is protected so the name is cleared however it exits.
                    let named_cleanup = self.new_label();
                    self.push_handler(named_cleanup, 0);
                    self.unit().blocks.push((Block::Handler(Some(n)), act));
                    self.in_block(h.span, |c| c.stmts(h.body))?;
                    self.unit().blocks.pop();
                    self.pop_handler();
                    self.emit(Op::LoadNone, 0);
                    self.store_name(n);
                    self.delete_name(n);
                    self.emit(Op::PopExcept, 0);
                    self.emit_jump(Op::Jump, end);
                    // Raised inside the body: [prev, exc2] -> clear the name, then clean up.
                    self.bind(named_cleanup);
                    self.emit(Op::LoadNone, 0);
                    self.store_name(n);
                    self.delete_name(n);
                    self.emit(Op::Reraise, 0);
                }
                None => {
                    self.emit(Op::Pop, 0);
                    self.unit().blocks.push((Block::Handler(None), act));
                    self.in_block(h.span, |c| c.stmts(h.body))?;
                    self.unit().blocks.pop();
                    self.emit(Op::PopExcept, 0);
                    self.emit_jump(Op::Jump, end);
                }
            }
            self.bind(next);
        }
        // No clause matched: [prev, exc] -> re-raise (the cleanup handler restores prev).
        self.emit(Op::Reraise, 0);
        self.pop_handler();

        // [prev, exc2] -> [exc2] with prev restored, then re-raise.
        self.bind(cleanup);
        self.restore_and_reraise();

        self.bind(else_l);
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn try_finally(
        &mut self,
        s: &'a Stmt<'a>,
        body: &'a [Stmt<'a>],
        handlers: &'a [ExceptHandler<'a>],
        orelse: &'a [Stmt<'a>],
        finalbody: &'a [Stmt<'a>],
    ) -> CResult<()> {
        let exc_path = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        let act = self.unit_ref().active.len();
        self.push_handler(exc_path, 0);
        self.unit().blocks.push((Block::Finally(finalbody), act));
        if handlers.is_empty() {
            self.in_block(s.span, |c| c.stmts(body))?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.unit().blocks.pop();
        self.pop_handler();
        // Normal exit: run the finally body inline.
        self.stmts(finalbody)?;
        self.emit_jump(Op::Jump, end);

        // Exception path: [exc] -> [prev, exc]; run the body; re-raise.
        self.bind(exc_path);
        self.set_line(s.span);
        self.emit(Op::PushExcInfo, 0);
        let act = self.unit_ref().active.len();
        self.push_handler(cleanup, -1);
        self.unit().blocks.push((Block::FinallyExcept, act));
        self.stmts(finalbody)?;
        self.unit().blocks.pop();
        self.pop_handler();
        self.restore_and_reraise();

        self.bind(cleanup);
        self.restore_and_reraise();
        self.bind(end);
        Ok(())
    }

    /// A module or class body that annotates a plain name somewhere (outside nested functions
    /// and classes) starts with `__annotations__ = {}` (CPython's SETUP_ANNOTATIONS).
    fn setup_annotations(&mut self, body: &'a [Stmt<'a>]) {
        // A work list, not recursion: `elif` chains nest thousands deep.
        let mut work: Vec<&[Stmt<'_>]> = vec![body];
        let mut annotates = false;
        while let Some(stmts) = work.pop() {
            for s in stmts {
                match &s.kind {
                    StmtKind::AnnAssign { target, simple, .. } => {
                        annotates |= *simple && matches!(target.kind, ExprKind::Name(_));
                    }
                    StmtKind::If { body, orelse, .. }
                    | StmtKind::While { body, orelse, .. }
                    | StmtKind::For { body, orelse, .. } => work.extend([*body, *orelse]),
                    StmtKind::Try { body, handlers, orelse, finalbody } => {
                        work.extend([*body, *orelse, *finalbody]);
                        work.extend(handlers.iter().map(|h| h.body));
                    }
                    StmtKind::With { body, .. } => work.push(body),
                    _ => {}
                }
            }
        }
        if annotates {
            self.emit(Op::BuildMap, 0);
            self.store_name("__annotations__");
        }
    }

    /// `with a as x, b as y: body`, one manager at a time (as nested `with` statements), the
    /// way CPython 3.11 compiles it: `BeforeWith` calls `__enter__` and leaves the bound
    /// `__exit__` on the stack; leaving the body normally (or by return, break, continue) calls
    /// `exit(None, None, None)`; an exception calls `exit(type, exc, tb)` and is re-raised unless
    /// that returns a true value.
    fn with_stmt(&mut self, s: &'a Stmt<'a>, items: &'a [WithItem<'a>], body: &'a [Stmt<'a>]) -> CResult<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let exc_path = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        self.set_line(item.context.span);
        self.expr(item.context)?;
        self.emit(Op::BeforeWith, 0);
        // Stack: [exit, entered]. Storing the target is protected too (CPython calls __exit__
        // when unpacking it fails); the handler's stack is [exit].
        let act = self.unit_ref().active.len();
        self.push_handler(exc_path, -1);
        match item.target {
            Some(t) => self.store_target(t)?,
            None => self.emit(Op::Pop, 0),
        }
        self.unit().blocks.push((Block::With, act));
        self.in_block(s.span, |c| if rest.is_empty() { c.stmts(body) } else { c.with_stmt(s, rest, body) })?;
        self.unit().blocks.pop();
        self.pop_handler();
        self.set_line(s.span);
        self.exit_call_none();
        self.emit_jump(Op::Jump, end);

        // Exception path: [exit, exc] -> [exit, prev, exc].
        self.bind(exc_path);
        self.set_line(s.span);
        self.emit(Op::PushExcInfo, 0);
        self.push_handler(cleanup, -1);
        self.emit(Op::WithExceptStart, 0);
        self.emit_jump(Op::PopJumpIfTrue, suppress);
        self.emit(Op::Reraise, 0);
        self.pop_handler();
        // `__exit__` returned true: the exception is swallowed.
        self.bind(suppress);
        self.emit(Op::Pop, 0);
        self.emit(Op::PopExcept, 0);
        self.emit(Op::Pop, 0);
        self.emit_jump(Op::Jump, end);

        // Raised while handling: [exit, prev, exc2] -> restore prev, re-raise exc2.
        self.bind(cleanup);
        self.restore_and_reraise();
        self.bind(end);
        Ok(())
    }

    /// Stack: [prev, exc] -> []: restores the exception that was being handled and re-raises
    /// `exc` (the end of every handler's cleanup path).
    fn restore_and_reraise(&mut self) {
        self.emit(Op::Swap, 2);
        self.emit(Op::PopExcept, 0);
        self.emit(Op::Reraise, 0);
    }

    /// Stack: [exit] -> []: calls `exit(None, None, None)` and drops its result.
    fn exit_call_none(&mut self) {
        for _ in 0..3 {
            self.emit(Op::LoadNone, 0);
        }
        self.emit(Op::Call, 3);
        self.emit(Op::Pop, 0);
    }

    // ----- functions --------------------------------------------------------------------------

    /// Compiles `f` as the body of a loop, `try` or handler: CPython allows 20 such blocks to
    /// nest statically (CO_MAXBLOCKS) and reports more as a SyntaxError.
    fn in_block(&mut self, span: Span, f: impl FnOnce(&mut Self) -> CResult<()>) -> CResult<()> {
        if self.unit_ref().fblocks >= 20 {
            return Err(err_at("too many statically nested blocks", span));
        }
        // The unit by index: an error inside a nested function or comprehension leaves its
        // unit unpopped, and the count to undo is this one's.
        let depth = self.units.len() - 1;
        self.units[depth].fblocks += 1;
        let r = f(self);
        if let Some(u) = self.units.get_mut(depth) {
            u.fblocks -= 1;
        }
        r
    }

    fn qualname_for(&self, name: &str) -> Rc<str> {
        let u = self.unit_ref();
        match self.table.scopes[u.scope].kind {
            ScopeKind::Module => name.into(),
            ScopeKind::Class => format!("{}.{}", u.qualname, name).into(),
            _ => format!("{}.<locals>.{}", u.qualname, name).into(),
        }
    }

    fn function_def(&mut self, f: &'a FunctionDef<'a>) -> CResult<()> {
        if f.is_async {
            return Err(err_at("'async def' is not supported yet", f.span));
        }
        for d in f.decorators.iter() {
            self.expr(d)?;
        }
        self.set_line(f.span);
        let scope = self.table.scope_of(f).ok_or_else(|| err_at("internal: function has no scope", f.span))?;
        let qualname = self.qualname_for(f.name);
        let code = self.function_body(scope, f.name.into(), qualname, f.span.line, f.params, FnBody::Stmts(f.body))?;
        self.make_function(code, f.params, f.returns, f.span)?;
        for _ in f.decorators.iter() {
            self.emit(Op::Call, 1);
        }
        self.store_name(f.name);
        Ok(())
    }

    /// `class Name(bases): body`, as CPython compiles it: the body becomes a function run by
    /// `__build_class__` with a fresh namespace; it returns the `__class__` cell (or None) so the
    /// new class can fill it for `super()`.
    fn class_def(&mut self, c: &'a ClassDef<'a>) -> CResult<()> {
        for d in c.decorators.iter() {
            self.expr(d)?;
        }
        self.set_line(c.span);
        let scope = self.table.scope_of(c).ok_or_else(|| err_at("internal: class has no scope", c.span))?;
        let qualname = self.qualname_for(c.name);
        self.push_unit(scope, c.name.into(), qualname.clone(), c.span.line);
        self.load_name("__name__");
        self.store_name("__module__");
        self.load_const(Const::Str(qualname));
        self.store_name("__qualname__");
        if let Some(Stmt { kind: StmtKind::Expr(Expr { kind: ExprKind::Str(doc), .. }), .. }) = c.body.first() {
            self.load_const(Const::Str((*doc).into()));
            self.store_name("__doc__");
        }
        self.setup_annotations(c.body);
        self.stmts(c.body)?;
        if self.resolve("__class__") == Resolution::Cell {
            let i = self.deref_idx("__class__");
            self.emit(Op::LoadClosure, i);
        } else {
            self.emit(Op::LoadNone, 0);
        }
        self.emit(Op::Return, 0);
        let unit = self.units.pop().ok_or_else(|| CompileError::syntax("internal: no unit", 0, 0))?;
        let code = Rc::new(self.assemble(unit)?);
        self.set_line(c.span);
        self.emit(Op::LoadBuildClass, 0);
        self.closure_and_code(code, 0)?;
        self.load_const(Const::Str(c.name.into()));
        self.call_args(c.span, 2, c.bases)?;
        for _ in c.decorators.iter() {
            self.emit(Op::Call, 1);
        }
        self.store_name(c.name);
        Ok(())
    }

    fn function_body(
        &mut self,
        scope: ScopeId,
        name: Rc<str>,
        qualname: Rc<str>,
        line: u32,
        params: &'a Params<'a>,
        body: FnBody<'a>,
    ) -> CResult<Rc<Code>> {
        self.check_params(params)?;
        self.push_unit(scope, name, qualname, line);
        {
            let u = self.unit();
            u.argcount = (params.posonly.len() + params.args.len()) as u32;
            u.posonlyargcount = params.posonly.len() as u32;
            u.kwonlyargcount = params.kwonly.len() as u32;
            u.flags.varargs = params.vararg.is_some();
            u.flags.varkw = params.kwarg.is_some();
        }
        match body {
            FnBody::Stmts(stmts) => {
                if let Some(Stmt { kind: StmtKind::Expr(Expr { kind: ExprKind::Str(doc), .. }), .. }) = stmts.first() {
                    self.add_const(Const::Str((*doc).into()));
                    self.unit().flags.docstring = true;
                }
                self.stmts(stmts)?;
                self.emit(Op::LoadNone, 0);
                self.emit(Op::Return, 0);
            }
            FnBody::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::Return, 0);
            }
        }
        let unit = self.units.pop().ok_or_else(|| CompileError::syntax("internal: no unit", 0, 0))?;
        Ok(Rc::new(self.assemble(unit)?))
    }

    fn check_params(&self, params: &'a Params<'a>) -> CResult<()> {
        let mut seen: Vec<&str> = Vec::new();
        let all = params
            .posonly
            .iter()
            .chain(params.args.iter())
            .chain(params.vararg)
            .chain(params.kwonly.iter())
            .chain(params.kwarg);
        for p in all {
            if seen.contains(&p.name) {
                return Err(err_at(format!("duplicate argument '{}' in function definition", p.name), p.span));
            }
            seen.push(p.name);
        }
        Ok(())
    }

    /// Emits the defaults, closure and code of a function and `MakeFunction`.
    fn make_function(
        &mut self,
        code: Rc<Code>,
        params: &'a Params<'a>,
        returns: Option<&'a Expr<'a>>,
        span: Span,
    ) -> CResult<()> {
        let mut flags = 0;
        let defaults: Vec<&Expr> = params.posonly.iter().chain(params.args.iter()).filter_map(|p| p.default).collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple, defaults.len() as u32);
            flags |= make_function::DEFAULTS;
        }
        let kwdefaults: Vec<(&str, &Expr)> =
            params.kwonly.iter().filter_map(|p| p.default.map(|d| (p.name, d))).collect();
        if !kwdefaults.is_empty() {
            for (name, d) in &kwdefaults {
                self.load_const(Const::Str((*name).into()));
                self.expr(d)?;
            }
            self.emit(Op::BuildMap, kwdefaults.len() as u32);
            flags |= make_function::KWDEFAULTS;
        }
        // Annotations are evaluated when the function is defined (CPython 3.11 without
        // `from __future__ import annotations`), in parameter order, the return's last.
        let annotated: Vec<(&str, &Expr)> = params
            .posonly
            .iter()
            .chain(params.args.iter())
            .chain(params.vararg)
            .chain(params.kwonly.iter())
            .chain(params.kwarg)
            .filter_map(|p| p.annotation.map(|a| (p.name, a)))
            .chain(returns.map(|r| ("return", r)))
            .collect();
        if !annotated.is_empty() {
            for (name, a) in &annotated {
                self.load_const(Const::Str((*name).into()));
                self.expr(a)?;
            }
            self.emit(Op::BuildMap, annotated.len() as u32);
            flags |= make_function::ANNOTATIONS;
        }
        self.set_line(span);
        self.closure_and_code(code, flags)
    }

    fn closure_and_code(&mut self, code: Rc<Code>, mut flags: u32) -> CResult<()> {
        if !code.freevars.is_empty() {
            for fv in code.freevars.iter() {
                let i = self.deref_idx(fv);
                self.emit(Op::LoadClosure, i);
            }
            self.emit(Op::BuildTuple, code.freevars.len() as u32);
            flags |= make_function::CLOSURE;
        }
        let c = self.add_const(Const::Code(code));
        self.emit(Op::LoadConst, c);
        self.emit(Op::MakeFunction, flags);
        Ok(())
    }

    // ----- assignment targets -----------------------------------------------------------------

    fn store_target(&mut self, t: &'a Expr<'a>) -> CResult<()> {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Op::StoreAttr, i);
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::StoreSubscr, 0);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items.iter().position(|e| matches!(e.kind, ExprKind::Starred(_)));
                match star {
                    None => self.emit(Op::UnpackSequence, items.len() as u32),
                    Some(i) => {
                        if items.iter().filter(|e| matches!(e.kind, ExprKind::Starred(_))).count() > 1 {
                            return Err(err_at("multiple starred expressions in assignment", t.span));
                        }
                        let after = items.len() - i - 1;
                        if i > 255 || after > 255 {
                            return Err(err_at("too many expressions in star-unpacking assignment", t.span));
                        }
                        self.emit(Op::UnpackEx, (i | (after << 8)) as u32);
                    }
                }
                for item in items.iter() {
                    match &item.kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(item)?,
                    }
                }
            }
            ExprKind::Starred(_) => return Err(err_at("starred assignment target must be in a list or tuple", t.span)),
            _ => return Err(err_at(format!("cannot assign to {}", expr_kind_name(t)), t.span)),
        }
        Ok(())
    }

    fn delete_target(&mut self, t: &'a Expr<'a>) -> CResult<()> {
        self.set_line(t.span);
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Op::DeleteAttr, i);
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::DeleteSubscr, 0);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items.iter() {
                    self.delete_target(i)?;
                }
            }
            _ => return Err(err_at(format!("cannot delete {}", expr_kind_name(t)), t.span)),
        }
        Ok(())
    }

    // ----- expressions ------------------------------------------------------------------------

    /// Compiles a condition and jumps to `target` when its truth equals `when`.
    fn jump_if(&mut self, e: &'a Expr<'a>, when: bool, target: Label) -> CResult<()> {
        match &e.kind {
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => return self.jump_if(operand, !when, target),
            ExprKind::BoolOp { op, values } => {
                // `a and b` jumps when false if either is false; when true only if both are.
                let is_and = *op == BoolOp::And;
                if is_and != when {
                    for v in values.iter() {
                        self.jump_if(v, when, target)?;
                    }
                } else {
                    let skip = self.new_label();
                    let (last, rest) = values.split_last().ok_or_else(|| err_at("empty boolean operation", e.span))?;
                    for v in rest {
                        self.jump_if(v, !when, skip)?;
                    }
                    self.jump_if(last, when, target)?;
                    self.bind(skip);
                }
                return Ok(());
            }
            _ => {}
        }
        self.expr(e)?;
        self.emit_jump(if when { Op::PopJumpIfTrue } else { Op::PopJumpIfFalse }, target);
        Ok(())
    }

    fn expr(&mut self, e: &'a Expr<'a>) -> CResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth = 0;
            return Err(err_at("too many nested expressions", e.span));
        }
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &'a Expr<'a>) -> CResult<()> {
        let prev_line = self.unit_ref().line;
        self.set_line(e.span);
        match &e.kind {
            ExprKind::Int(n) => self.load_const(Const::Int(*n)),
            ExprKind::BigInt(s) => self.load_const(Const::BigInt((*s).into())),
            ExprKind::Float(f) => self.load_const(Const::Float(*f)),
            ExprKind::Imaginary(_) => return Err(err_at("complex numbers are not supported", e.span)),
            ExprKind::Str(s) => self.load_const(Const::Str((*s).into())),
            ExprKind::Bytes(_) => return Err(err_at("bytes literals are not supported", e.span)),
            ExprKind::True => self.load_const(Const::True),
            ExprKind::False => self.load_const(Const::False),
            ExprKind::None => self.load_const(Const::None),
            ExprKind::Ellipsis => self.load_const(Const::Ellipsis),
            ExprKind::FString(parts) => {
                let n = self.fstring_parts(parts)?;
                if n != 1 {
                    self.emit(Op::BuildString, n);
                }
            }
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Tuple(items) => {
                if let Some(c) = constant_tuple(items) {
                    self.load_const(c);
                } else {
                    self.sequence(items, Op::BuildTuple)?;
                }
            }
            ExprKind::List(items) => self.sequence(items, Op::BuildList)?,
            ExprKind::Set(items) => match constant_set(items).filter(|_| items.len() >= 3) {
                // CPython folds a display of three or more constants into a frozenset and
                // builds the set from it; the folded table's layout decides the printed order.
                Some(c) => {
                    self.emit(Op::BuildSet, 0);
                    self.load_const(c);
                    self.emit(Op::SetUpdate, 1);
                }
                None => self.sequence(items, Op::BuildSet)?,
            },
            ExprKind::Dict(items) => self.dict(items)?,
            ExprKind::Starred(_) => return Err(err_at("can't use starred expression here", e.span)),
            ExprKind::BinOp { op: BinOp::Mod, left, right } if self.percent_fstring(left, right)? => {}
            ExprKind::BinOp { op, left, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.set_line(e.span);
                match op {
                    BinOp::Add => self.emit(Op::Add, 0),
                    BinOp::Sub => self.emit(Op::Sub, 0),
                    BinOp::Mul => self.emit(Op::Mul, 0),
                    BinOp::Div => self.emit(Op::TrueDiv, 0),
                    BinOp::FloorDiv => self.emit(Op::FloorDiv, 0),
                    BinOp::Mod => self.emit(Op::Mod, 0),
                    _ => self.emit(Op::BinaryOp, binop_kind(*op) as u32),
                }
            }
            ExprKind::UnaryOp { op, operand } => {
                if *op == UnaryOp::Neg {
                    if let Some(c) = negated_constant(operand) {
                        self.load_const(c);
                        self.unit().line = prev_line;
                        return Ok(());
                    }
                }
                self.expr(operand)?;
                self.set_line(e.span);
                self.emit(
                    match op {
                        UnaryOp::Not => Op::Not,
                        UnaryOp::Neg => Op::Neg,
                        UnaryOp::Pos => Op::Pos,
                        UnaryOp::Invert => Op::Invert,
                    },
                    0,
                );
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let jump = if *op == BoolOp::And { Op::JumpIfFalseOrPop } else { Op::JumpIfTrueOrPop };
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        self.emit_jump(jump, end);
                    }
                }
                self.bind(end);
            }
            ExprKind::Compare { left, ops, comparators } => self.compare(e, left, ops, comparators)?,
            ExprKind::IfExp { test, body, orelse } => {
                let else_l = self.new_label();
                let end = self.new_label();
                self.jump_if(test, false, else_l)?;
                self.expr(body)?;
                self.emit_jump(Op::Jump, end);
                self.bind(else_l);
                self.expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Lambda { params, body } => {
                let scope = self.table.scope_of(e).ok_or_else(|| err_at("internal: lambda has no scope", e.span))?;
                let qualname = self.qualname_for("<lambda>");
                let code =
                    self.function_body(scope, "<lambda>".into(), qualname, e.span.line, params, FnBody::Expr(body))?;
                self.make_function(code, params, None, e.span)?;
            }
            ExprKind::Call { func, args } => self.call(e, func, args)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                self.set_line(e.span);
                let i = self.name_idx(attr);
                self.emit(Op::LoadAttr, i);
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.set_line(e.span);
                self.emit(Op::Subscr, 0);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.load_const(Const::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Op::BuildSlice, 3);
                    }
                    None => self.emit(Op::BuildSlice, 2),
                }
            }
            ExprKind::ListComp { generators, .. }
            | ExprKind::SetComp { generators, .. }
            | ExprKind::DictComp { generators, .. }
            | ExprKind::GeneratorExp { generators, .. } => self.comprehension(e, generators)?,
            ExprKind::Yield(v) => {
                self.check_yield_allowed(e)?;
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Const::None),
                }
                self.set_line(e.span);
                self.emit(Op::Yield, 0);
            }
            ExprKind::YieldFrom(v) => {
                self.check_yield_allowed(e)?;
                self.expr(v)?;
                self.set_line(e.span);
                self.emit(Op::GetYieldFromIter, 0);
                self.load_const(Const::None);
                self.emit(Op::YieldFrom, 0);
            }
            ExprKind::Await(_) => return Err(err_at("'await' is not supported yet", e.span)),
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Op::Copy, 1);
                self.store_name(target);
            }
        }
        self.unit().line = prev_line;
        Ok(())
    }

    /// The iterable of a `for` or comprehension: a set display of constants is iterated as the
    /// folded frozenset itself, as CPython's optimizer arranges (its order can differ from a
    /// set built item by item).
    fn iterable(&mut self, e: &'a Expr<'a>) -> CResult<()> {
        if let ExprKind::Set(items) = &e.kind {
            if let Some(c) = constant_set(items) {
                self.load_const(c);
                return Ok(());
            }
        }
        self.expr(e)
    }

    fn check_yield_allowed(&self, e: &Expr<'a>) -> CResult<()> {
        if !self.unit_ref().flags.generator {
            return Err(err_at("'yield' outside function", e.span));
        }
        Ok(())
    }

    /// Compiles f-string parts, leaving one string per part on the stack; returns the count.
    fn fstring_parts(&mut self, parts: &'a [FPart<'a>]) -> CResult<u32> {
        let mut n = 0;
        for p in parts {
            match p {
                FPart::Literal(s) => {
                    if s.is_empty() {
                        continue;
                    }
                    self.load_const(Const::Str((*s).into()));
                    n += 1;
                }
                FPart::Expr { expr, conversion, spec, debug_text } => {
                    if let Some(t) = debug_text {
                        self.load_const(Const::Str((*t).into()));
                        n += 1;
                    }
                    self.expr(expr)?;
                    let mut flags = match conversion {
                        Some('s') => format_flags::CONV_STR,
                        Some('r') => format_flags::CONV_REPR,
                        Some('a') => format_flags::CONV_ASCII,
                        // `f"{x=}"` defaults to repr unless a format spec is given.
                        None if debug_text.is_some() && spec.is_none() => format_flags::CONV_REPR,
                        _ => format_flags::CONV_NONE,
                    };
                    if let Some(spec) = spec {
                        let k = self.fstring_parts(spec)?;
                        match k {
                            0 => self.load_const(Const::Str("".into())),
                            1 => {}
                            k => self.emit(Op::BuildString, k),
                        }
                        flags |= format_flags::HAS_SPEC;
                    }
                    self.emit(Op::FormatValue, flags);
                    n += 1;
                }
            }
        }
        if n == 0 {
            self.load_const(Const::Str("".into()));
            n = 1;
        }
        Ok(n)
    }

    /// `'...' % (a, b)` compiled as the f-string CPython rewrites it to, if it does
    /// (`percent_fold`); false, with nothing emitted, otherwise.
    fn percent_fstring(&mut self, left: &'a Expr<'a>, right: &'a Expr<'a>) -> CResult<bool> {
        let (ExprKind::Str(fmt), ExprKind::Tuple(items)) = (&left.kind, &right.kind) else { return Ok(false) };
        if items.iter().any(|e| matches!(e.kind, ExprKind::Starred(_))) || constant_tuple(items).is_some() {
            // A tuple of constants is folded first, and a starred item has no fixed count.
            return Ok(false);
        }
        let Some(pieces) = percent_as_fstring(fmt, items.len()) else { return Ok(false) };
        let mut n = 0;
        let mut item = 0;
        for piece in pieces {
            match piece {
                Piece::Text(t) => self.load_const(Const::Str(t.into())),
                Piece::Field { conversion, spec } => {
                    // One field per item, in order (`percent_as_fstring` checked the count).
                    self.expr(&items[item])?;
                    item += 1;
                    let mut flags = match conversion {
                        's' => format_flags::CONV_STR,
                        'r' => format_flags::CONV_REPR,
                        _ => format_flags::CONV_ASCII,
                    };
                    if let Some(spec) = spec {
                        self.load_const(Const::Str(spec.into()));
                        flags |= format_flags::HAS_SPEC;
                    }
                    self.emit(Op::FormatValue, flags);
                }
            }
            n += 1;
        }
        match n {
            0 => self.load_const(Const::Str("".into())),
            1 => {}
            n => self.emit(Op::BuildString, n),
        }
        Ok(true)
    }

    /// Builds a tuple/list/set display, with `*x` items spliced in.
    fn sequence(&mut self, items: &'a [Expr<'a>], build: Op) -> CResult<()> {
        let has_star = items.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)));
        if !has_star {
            for i in items.iter() {
                self.expr(i)?;
            }
            self.emit(build, items.len() as u32);
            return Ok(());
        }
        let (start, add, extend) = if build == Op::BuildSet {
            (Op::BuildSet, Op::SetAdd, Op::SetUpdate)
        } else {
            (Op::BuildList, Op::ListAppend, Op::ListExtend)
        };
        self.emit(start, 0);
        for i in items.iter() {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(extend, 1);
                }
                _ => {
                    self.expr(i)?;
                    self.emit(add, 1);
                }
            }
        }
        if build == Op::BuildTuple {
            self.emit(Op::ListToTuple, 0);
        }
        Ok(())
    }

    fn dict(&mut self, items: &'a [(Option<&'a Expr<'a>>, &'a Expr<'a>)]) -> CResult<()> {
        let mut pending = 0u32;
        let mut built = false;
        for (k, v) in items.iter() {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    pending += 1;
                }
                None => {
                    if !built || pending > 0 {
                        self.emit(Op::BuildMap, pending);
                        if built {
                            self.emit(Op::DictUpdate, 1);
                        }
                        built = true;
                        pending = 0;
                    }
                    self.expr(v)?;
                    self.emit(Op::DictUpdate, 1);
                }
            }
        }
        if !built {
            self.emit(Op::BuildMap, pending);
        } else if pending > 0 {
            self.emit(Op::BuildMap, pending);
            self.emit(Op::DictUpdate, 1);
        }
        Ok(())
    }

    fn compare(
        &mut self,
        e: &'a Expr<'a>,
        left: &'a Expr<'a>,
        ops: &[CmpOp],
        comparators: &'a [Expr<'a>],
    ) -> CResult<()> {
        self.expr(left)?;
        if ops.len() == 1 {
            self.expr(&comparators[0])?;
            self.set_line(e.span);
            self.cmp_op(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for (i, (op, c)) in ops.iter().zip(comparators.iter()).enumerate() {
            self.expr(c)?;
            self.set_line(e.span);
            if i + 1 < ops.len() {
                self.emit(Op::Swap, 2);
                self.emit(Op::Copy, 2);
                self.cmp_op(*op);
                self.emit_jump(Op::JumpIfFalseOrPop, cleanup);
            } else {
                self.cmp_op(*op);
            }
        }
        self.emit_jump(Op::Jump, end);
        self.bind(cleanup);
        self.emit(Op::Swap, 2);
        self.emit(Op::Pop, 0);
        self.bind(end);
        Ok(())
    }

    fn cmp_op(&mut self, op: CmpOp) {
        match op {
            CmpOp::Eq => self.emit(Op::Eq, 0),
            CmpOp::NotEq => self.emit(Op::Ne, 0),
            CmpOp::Lt => self.emit(Op::Lt, 0),
            CmpOp::LtE => self.emit(Op::Le, 0),
            CmpOp::Gt => self.emit(Op::Gt, 0),
            CmpOp::GtE => self.emit(Op::Ge, 0),
            CmpOp::Is => self.emit(Op::IsOp, 0),
            CmpOp::IsNot => self.emit(Op::IsOp, 1),
            CmpOp::In => self.emit(Op::ContainsOp, 0),
            CmpOp::NotIn => self.emit(Op::ContainsOp, 1),
        }
    }

    fn call(&mut self, e: &'a Expr<'a>, func: &'a Expr<'a>, args: &'a [Arg<'a>]) -> CResult<()> {
        let simple = args.iter().all(|a| matches!(a, Arg::Positional(_)));
        if simple {
            if let ExprKind::Attribute { value, attr } = &func.kind {
                self.expr(value)?;
                self.set_line(func.span);
                let i = self.name_idx(attr);
                self.emit(Op::LoadMethod, i);
                for a in args.iter() {
                    if let Arg::Positional(x) = a {
                        self.expr(x)?;
                    }
                }
                self.set_line(e.span);
                self.emit(Op::CallMethod, args.len() as u32);
                return Ok(());
            }
        }
        if let Some(code) = self.zero_arg_super(func, args) {
            return code;
        }
        self.expr(func)?;
        self.call_args(e.span, 0, args)
    }

    /// `super()` with no arguments inside a method: compiled as `super(__class__, first)`, with
    /// the class cell and the method's first parameter (CPython finds both from the frame).
    fn zero_arg_super(&mut self, func: &'a Expr<'a>, args: &'a [Arg<'a>]) -> Option<CResult<()>> {
        let ExprKind::Name(n) = &func.kind else { return None };
        if *n != "super" || !args.is_empty() || self.resolve("super") != Resolution::Global {
            return None;
        }
        if self.resolve("__class__") != Resolution::Free {
            return None;
        }
        let first = self.unit_ref().varnames.first().cloned();
        let has_param = self.unit_ref().argcount > 0 || self.unit_ref().flags.varargs;
        self.load_name("super");
        let i = self.deref_idx("__class__");
        self.emit(Op::LoadDeref, i);
        match first {
            Some(first) if has_param => {
                let i = self.local_idx(&first);
                self.emit(Op::LoadFast, i);
                self.set_line(func.span);
                self.emit(Op::Call, 2);
            }
            _ => {
                // `super()` in a method without parameters: CPython's RuntimeError.
                self.emit(Op::Pop, 0);
                self.emit(Op::Pop, 0);
                self.load_name("super");
                self.set_line(func.span);
                self.emit(Op::Call, 0);
            }
        }
        Some(Ok(()))
    }

    /// The arguments of a call whose callee and `pushed` leading positional arguments are
    /// already on the stack, then the call.
    fn call_args(&mut self, span: Span, pushed: u32, args: &'a [Arg<'a>]) -> CResult<()> {
        let has_star = args.iter().any(|a| matches!(a, Arg::Star(_) | Arg::DoubleStar(_)));
        if !has_star {
            let mut names = Vec::new();
            for a in args.iter() {
                match a {
                    Arg::Positional(x) => self.expr(x)?,
                    Arg::Keyword(name, x) => {
                        self.expr(x)?;
                        names.push(Const::Str((*name).into()));
                    }
                    Arg::Star(_) | Arg::DoubleStar(_) => {}
                }
            }
            self.set_line(span);
            if names.is_empty() {
                self.emit(Op::Call, args.len() as u32 + pushed);
            } else {
                self.load_const(Const::Tuple(names.into()));
                self.emit(Op::CallKw, args.len() as u32 + pushed);
            }
            return Ok(());
        }
        // General case: positional args into a tuple, keywords into a dict.
        self.emit(Op::BuildList, pushed);
        for a in args.iter() {
            match a {
                Arg::Positional(x) => {
                    self.expr(x)?;
                    self.emit(Op::ListAppend, 1);
                }
                Arg::Star(x) => {
                    self.expr(x)?;
                    self.emit(Op::ListExtend, 1);
                }
                _ => {}
            }
        }
        self.emit(Op::ListToTuple, 0);
        let has_kw = args.iter().any(|a| matches!(a, Arg::Keyword(..) | Arg::DoubleStar(_)));
        if has_kw {
            self.emit(Op::BuildMap, 0);
            for a in args.iter() {
                match a {
                    Arg::Keyword(name, x) => {
                        self.load_const(Const::Str((*name).into()));
                        self.expr(x)?;
                        self.emit(Op::BuildMap, 1);
                        self.emit(Op::DictMerge, 1);
                    }
                    Arg::DoubleStar(x) => {
                        self.expr(x)?;
                        self.emit(Op::DictMerge, 1);
                    }
                    _ => {}
                }
            }
        }
        self.set_line(span);
        self.emit(Op::CallEx, has_kw as u32);
        Ok(())
    }

    fn comprehension(&mut self, e: &'a Expr<'a>, generators: &'a [Comprehension<'a>]) -> CResult<()> {
        if generators.iter().any(|g| g.is_async) {
            return Err(err_at("asynchronous comprehensions are not supported", e.span));
        }
        let scope = self.table.scope_of(e).ok_or_else(|| err_at("internal: comprehension has no scope", e.span))?;
        let name = match e.kind {
            ExprKind::ListComp { .. } => "<listcomp>",
            ExprKind::SetComp { .. } => "<setcomp>",
            ExprKind::DictComp { .. } => "<dictcomp>",
            _ => "<genexpr>",
        };
        let qualname = self.qualname_for(name);
        self.push_unit(scope, name.into(), qualname, e.span.line);
        self.unit().argcount = 1;
        self.set_line(e.span);
        let (build, is_gen) = match e.kind {
            ExprKind::ListComp { .. } => (Some(Op::BuildList), false),
            ExprKind::SetComp { .. } => (Some(Op::BuildSet), false),
            ExprKind::DictComp { .. } => (Some(Op::BuildMap), false),
            _ => (None, true),
        };
        if let Some(b) = build {
            self.emit(b, 0);
        }
        self.comprehension_loop(e, generators, 0, is_gen)?;
        if is_gen {
            self.load_const(Const::None);
        }
        self.emit(Op::Return, 0);
        let unit = self.units.pop().ok_or_else(|| CompileError::syntax("internal: no unit", 0, 0))?;
        let code = Rc::new(self.assemble(unit)?);
        self.closure_and_code(code, 0)?;
        self.iterable(generators[0].iter)?;
        self.emit(Op::GetIter, 0);
        self.set_line(e.span);
        self.emit(Op::Call, 1);
        Ok(())
    }

    fn comprehension_loop(
        &mut self,
        e: &'a Expr<'a>,
        generators: &'a [Comprehension<'a>],
        level: usize,
        is_gen: bool,
    ) -> CResult<()> {
        let g = &generators[level];
        let start = self.new_label();
        let end = self.new_label();
        if level == 0 {
            self.emit(Op::LoadFast, 0);
        } else {
            self.iterable(g.iter)?;
            self.emit(Op::GetIter, 0);
        }
        self.bind(start);
        self.set_line(g.iter.span);
        self.emit_jump(Op::ForIter, end);
        self.store_target(g.target)?;
        for cond in g.ifs.iter() {
            self.jump_if(cond, false, start)?;
        }
        if level + 1 < generators.len() {
            self.comprehension_loop(e, generators, level + 1, is_gen)?;
        } else {
            let depth = generators.len() as u32 + 1;
            match &e.kind {
                ExprKind::ListComp { elt, .. } => {
                    self.expr(elt)?;
                    self.emit(Op::ListAppend, depth);
                }
                ExprKind::SetComp { elt, .. } => {
                    self.expr(elt)?;
                    self.emit(Op::SetAdd, depth);
                }
                ExprKind::DictComp { key, value, .. } => {
                    self.expr(key)?;
                    self.expr(value)?;
                    self.emit(Op::MapAdd, depth);
                }
                ExprKind::GeneratorExp { elt, .. } => {
                    self.expr(elt)?;
                    self.emit(Op::Yield, 0);
                    self.emit(Op::Pop, 0);
                }
                _ => {}
            }
        }
        self.emit_jump(Op::Jump, start);
        self.bind(end);
        let _ = is_gen;
        Ok(())
    }

    // ----- assembly ---------------------------------------------------------------------------

    fn assemble(&self, u: Unit<'a>) -> CResult<Code> {
        let err = |msg: &str| {
            CompileError::syntax(format!("internal compiler error in {}: {msg}", u.qualname), u.first_line, 0)
        };
        let label_pos = |l: u32| -> CResult<usize> {
            u.labels.get(l as usize).copied().flatten().ok_or_else(|| err("unbound label"))
        };
        let n = u.instrs.len();
        // Resolve jump labels to instruction indices.
        let mut targets: Vec<Option<usize>> = vec![None; n];
        for (i, ins) in u.instrs.iter().enumerate() {
            if ins.op.operand() == crate::opcode::Operand::Jump {
                targets[i] = Some(label_pos(ins.arg)?);
            }
        }
        let handler_target: Vec<usize> = u.handlers.iter().map(|h| label_pos(h.label.0)).collect::<CResult<_>>()?;

        // Stack depth by flow analysis.
        let mut depth: Vec<i64> = vec![-1; n + 1];
        let mut work: Vec<usize> = Vec::new();
        let mut max_stack: i64 = 0;
        let set = |depth: &mut Vec<i64>, work: &mut Vec<usize>, at: usize, d: i64| -> CResult<()> {
            if d < 0 {
                return Err(err("negative stack depth"));
            }
            if depth[at] < 0 {
                depth[at] = d;
                work.push(at);
            } else if depth[at] != d {
                return Err(err(&format!("inconsistent stack depth at {at}: {} vs {d}", depth[at])));
            }
            Ok(())
        };
        set(&mut depth, &mut work, 0, 0)?;
        while let Some(i) = work.pop() {
            if i >= n {
                continue;
            }
            let ins = u.instrs[i];
            let d = depth[i];
            if let Some(h) = ins.handler {
                let h = u.handlers[h as usize];
                let base = if h.depth_at <= n && depth[h.depth_at] >= 0 { depth[h.depth_at] } else { d };
                let hd = base + h.adjust as i64;
                set(&mut depth, &mut work, handler_target[ins.handler.unwrap_or(0) as usize], hd + 1)?;
                max_stack = max_stack.max(hd + 1);
            }
            let (pops, pushes) = ins.op.stack_effect(ins.arg);
            if let (Some(t), Some((jp, jq))) = (targets[i], ins.op.jump_effect(ins.arg)) {
                let jd = d - jp as i64 + jq as i64;
                max_stack = max_stack.max(jd);
                set(&mut depth, &mut work, t, jd)?;
            }
            if !ins.op.is_terminal() {
                let nd = d - pops as i64 + pushes as i64;
                if d - (pops as i64) < 0 {
                    return Err(err("stack underflow"));
                }
                max_stack = max_stack.max(nd).max(d - pops as i64 + pushes as i64);
                set(&mut depth, &mut work, i + 1, nd)?;
            }
        }
        // Handler depths need the depth at their range start, which may only be known after the
        // first pass reached it; recompute them now that all depths are final.
        let handler_depth: Vec<u32> = u
            .handlers
            .iter()
            .map(|h| {
                let base = if h.depth_at <= n && depth[h.depth_at] >= 0 { depth[h.depth_at] } else { 0 };
                (base + h.adjust as i64).max(0) as u32
            })
            .collect();

        // Lay out bytes; grow operand widths until every jump offset fits.
        let mut offsets: Vec<u32> = vec![0; n + 1];
        let mut sizes: Vec<u32> = u
            .instrs
            .iter()
            .map(|i| instr_size(i.op, if i.op.operand() == crate::opcode::Operand::Jump { 0 } else { i.arg }))
            .collect();
        loop {
            let mut pos = 0u32;
            for i in 0..n {
                offsets[i] = pos;
                pos += sizes[i];
            }
            offsets[n] = pos;
            let mut changed = false;
            for i in 0..n {
                if let Some(t) = targets[i] {
                    let s = instr_size(u.instrs[i].op, offsets[t]);
                    if s > sizes[i] {
                        sizes[i] = s;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let mut bytes = Vec::with_capacity(offsets[n] as usize);
        let mut lines = LineTableBuilder::new(u.first_line);
        for (i, ins) in u.instrs.iter().enumerate() {
            let arg = match targets[i] {
                Some(t) => offsets[t],
                None => ins.arg,
            };
            lines.add(bytes.len() as u32, ins.line);
            let size = sizes[i];
            encode(&mut bytes, ins.op, arg, size);
        }
        // Exception table: maximal runs of instructions with the same handler.
        let mut table = Vec::new();
        let mut i = 0;
        while i < n {
            let Some(h) = u.instrs[i].handler else {
                i += 1;
                continue;
            };
            let start = i;
            while i < n && u.instrs[i].handler == Some(h) {
                i += 1;
            }
            // Unreachable handler code (depth unknown) never raises, so it needs no entry.
            table.push(ExceptionEntry {
                start: offsets[start],
                end: offsets[i],
                handler: offsets[handler_target[h as usize]],
                depth: handler_depth[h as usize],
            });
        }
        let s = &self.table.scopes[u.scope];
        let cell_params: Vec<(u32, u32)> = s
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, name)| s.varnames.iter().position(|v| v == name).map(|li| (ci as u32, li as u32)))
            .filter(|(_, li)| (*li as usize) < total_params(&u))
            .collect();
        Ok(Code {
            name: u.name.clone(),
            qualname: u.qualname.clone(),
            filename: self.filename.clone(),
            first_line: u.first_line,
            flags: u.flags,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            varnames: u.varnames.clone(),
            cellvars: u.derefs[..u.ncells].to_vec(),
            cell_params,
            freevars: u.derefs[u.ncells..].to_vec(),
            names: u.names.clone(),
            consts: u.consts.clone(),
            code: bytes,
            max_stack: max_stack.max(0) as u32,
            exception_table: table,
            line_table: lines.finish(),
        })
    }
}

enum FnBody<'a> {
    Stmts(&'a [Stmt<'a>]),
    Expr(&'a Expr<'a>),
}

fn total_params(u: &Unit<'_>) -> usize {
    u.argcount as usize + u.kwonlyargcount as usize + u.flags.varargs as usize + u.flags.varkw as usize
}

/// Bytes an instruction takes with operand `arg`: prefixes for each extra operand byte.
fn instr_size(op: Op, arg: u32) -> u32 {
    if !op.has_arg() {
        return 1;
    }
    let extra = if arg > 0xff_ffff {
        3
    } else if arg > 0xffff {
        2
    } else if arg > 0xff {
        1
    } else {
        0
    };
    2 + extra * 2
}

fn encode(out: &mut Vec<u8>, op: Op, arg: u32, size: u32) {
    if !op.has_arg() {
        out.push(op as u8);
        return;
    }
    let extra = (size - 2) / 2;
    for k in (1..=extra).rev() {
        out.push(Op::ExtendedArg as u8);
        out.push((arg >> (8 * k)) as u8);
    }
    out.push(op as u8);
    out.push(arg as u8);
}

fn binop_kind(op: BinOp) -> BinOpKind {
    match op {
        BinOp::Add => BinOpKind::Add,
        BinOp::Sub => BinOpKind::Sub,
        BinOp::Mul => BinOpKind::Mul,
        BinOp::MatMul => BinOpKind::MatMul,
        BinOp::Div => BinOpKind::TrueDiv,
        BinOp::FloorDiv => BinOpKind::FloorDiv,
        BinOp::Mod => BinOpKind::Mod,
        BinOp::Pow => BinOpKind::Pow,
        BinOp::LShift => BinOpKind::LShift,
        BinOp::RShift => BinOpKind::RShift,
        BinOp::BitOr => BinOpKind::Or,
        BinOp::BitXor => BinOpKind::Xor,
        BinOp::BitAnd => BinOpKind::And,
    }
}

/// Constants compare by identity of value *and* type for deduplication (1, 1.0 and True differ;
/// 0.0 and -0.0 differ).
fn const_identical(a: &Const, b: &Const) -> bool {
    match (a, b) {
        (Const::Float(x), Const::Float(y)) => x.to_bits() == y.to_bits(),
        (Const::Code(x), Const::Code(y)) => Rc::ptr_eq(x, y),
        (Const::Tuple(x), Const::Tuple(y)) | (Const::FrozenSet(x), Const::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| const_identical(p, q))
        }
        _ => a == b && std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

fn is_constant(e: &Expr<'_>) -> bool {
    matches!(
        e.kind,
        ExprKind::Str(_)
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::True
            | ExprKind::False
            | ExprKind::None
            | ExprKind::Ellipsis
    )
}

fn literal_const(e: &Expr<'_>) -> Option<Const> {
    Some(match &e.kind {
        ExprKind::Int(n) => Const::Int(*n),
        ExprKind::BigInt(s) => Const::BigInt((*s).into()),
        ExprKind::Float(f) => Const::Float(*f),
        ExprKind::Str(s) => Const::Str((*s).into()),
        ExprKind::True => Const::True,
        ExprKind::False => Const::False,
        ExprKind::None => Const::None,
        ExprKind::Ellipsis => Const::Ellipsis,
        ExprKind::UnaryOp { op: UnaryOp::Neg, operand } => negated_constant(operand)?,
        ExprKind::Tuple(items) => constant_tuple(items)?,
        _ => return None,
    })
}

/// A set display whose items are all constants, as the frozenset constant CPython folds it to.
fn constant_set(items: &[Expr<'_>]) -> Option<Const> {
    let consts: Option<Vec<Const>> = items.iter().map(literal_const).collect();
    consts.map(|c| Const::FrozenSet(c.into()))
}

fn constant_tuple(items: &[Expr<'_>]) -> Option<Const> {
    let consts: Option<Vec<Const>> = items.iter().map(literal_const).collect();
    consts.map(|c| Const::Tuple(c.into()))
}

fn negated_constant(e: &Expr<'_>) -> Option<Const> {
    match &e.kind {
        ExprKind::Int(n) => Some(match n.checked_neg() {
            Some(m) => Const::Int(m),
            None => Const::BigInt(format!("-{n}").replace("--", "").into()),
        }),
        ExprKind::BigInt(s) => {
            // -9223372036854775808 fits in i64 even though its magnitude does not.
            if *s == "9223372036854775808" {
                Some(Const::Int(i64::MIN))
            } else {
                Some(Const::BigInt(format!("-{s}").into()))
            }
        }
        ExprKind::Float(f) => Some(Const::Float(-f)),
        _ => None,
    }
}

/// CPython's word for an expression in "cannot assign to ..." messages.
fn expr_kind_name(e: &Expr<'_>) -> &'static str {
    match e.kind {
        ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Imaginary(_) => "literal",
        ExprKind::True => "True",
        ExprKind::False => "False",
        ExprKind::None => "None",
        ExprKind::Ellipsis => "ellipsis",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Call { .. } => "function call",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Set(_) => "set display",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::BoolOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Slice { .. } => "slice",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
    }
}
