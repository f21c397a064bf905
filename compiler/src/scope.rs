//! Scope analysis: decides, for every name in every scope, whether it is a fast local, a cell
//! (local but captured by an inner function), a free variable (captured from an enclosing
//! function), or a global; and which functions are generators. Runs after parsing and before
//! codegen, in two passes like CPython's `symtable.c`: collect declarations and uses, then
//! resolve free variables from the innermost scope outwards.

use crate::ast::*;
use crate::error::CompileError;
use std::collections::HashMap;

pub type ScopeId = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Class,
    /// A list/set/dict comprehension or generator expression (its own function scope).
    Comprehension,
}

/// How a name is reached from one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A fast local slot.
    Local,
    /// A local that inner functions capture: lives in a cell.
    Cell,
    /// Captured from an enclosing function.
    Free,
    /// Declared `global`, or module-level, or never bound in any enclosing function.
    Global,
    /// In a class body or module body: looked up by name at run time.
    Name,
}

#[derive(Debug)]
pub struct Scope<'a> {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    /// Names bound here (assigned, imported, def'd, parameters), in first-binding order.
    bound: Vec<&'a str>,
    params: Vec<&'a str>,
    used: Vec<&'a str>,
    globals: Vec<&'a str>,
    nonlocals: Vec<&'a str>,
    /// Where each `nonlocal` name was declared, for the "no binding" error.
    nonlocal_at: Vec<(u32, u32)>,
    /// For comprehension scopes, CPython's name for the kind ("list comprehension", ...).
    comp_kind: &'static str,
    pub is_generator: bool,
    /// Resolved layout, filled by the second pass.
    pub varnames: Vec<&'a str>,
    pub cellvars: Vec<&'a str>,
    pub freevars: Vec<&'a str>,
    resolved: HashMap<&'a str, Resolution>,
}

impl<'a> Scope<'a> {
    fn new(kind: ScopeKind, parent: Option<ScopeId>) -> Self {
        Scope {
            kind,
            parent,
            bound: Vec::new(),
            params: Vec::new(),
            used: Vec::new(),
            globals: Vec::new(),
            nonlocals: Vec::new(),
            nonlocal_at: Vec::new(),
            comp_kind: "",
            is_generator: false,
            varnames: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            resolved: HashMap::new(),
        }
    }

    /// How `name` is reached from this scope.
    pub fn resolve(&self, name: &str) -> Resolution {
        if let Some(r) = self.resolved.get(name) {
            return *r;
        }
        match self.kind {
            ScopeKind::Module | ScopeKind::Class => Resolution::Name,
            _ => Resolution::Global,
        }
    }

    fn is_function_like(&self) -> bool {
        matches!(self.kind, ScopeKind::Function | ScopeKind::Comprehension)
    }
}

/// The result of scope analysis for one module.
pub struct ScopeTable<'a> {
    pub scopes: Vec<Scope<'a>>,
    /// AST node address -> its scope (functions, lambdas, classes, comprehensions).
    by_node: HashMap<usize, ScopeId>,
}

impl<'a> ScopeTable<'a> {
    pub fn scope_of<T>(&self, node: &T) -> Option<ScopeId> {
        self.by_node.get(&(node as *const T as usize)).copied()
    }
}

/// Analyses a module. Errors are CPython's symtable errors (`nonlocal` at module level, a
/// nonlocal without binding, names used before their `global` declaration, ...).
pub fn analyze<'a>(module: &Module<'a>) -> Result<ScopeTable<'a>, CompileError> {
    let mut b = Builder { scopes: vec![Scope::new(ScopeKind::Module, None)], by_node: HashMap::new(), cur: 0 };
    b.stmts(module.body)?;
    let mut table = ScopeTable { scopes: b.scopes, by_node: b.by_node };
    resolve(&mut table)?;
    Ok(table)
}

struct Builder<'a> {
    scopes: Vec<Scope<'a>>,
    by_node: HashMap<usize, ScopeId>,
    cur: ScopeId,
}

fn push_unique<'a>(v: &mut Vec<&'a str>, name: &'a str) {
    if !v.contains(&name) {
        v.push(name);
    }
}

impl<'a> Builder<'a> {
    fn scope(&mut self) -> &mut Scope<'a> {
        &mut self.scopes[self.cur]
    }

    fn bind(&mut self, name: &'a str) {
        push_unique(&mut self.scope().bound, name);
    }

    fn use_name(&mut self, name: &'a str) {
        push_unique(&mut self.scope().used, name);
    }

    fn enter<T>(&mut self, kind: ScopeKind, node: &T) -> ScopeId {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, Some(self.cur)));
        self.by_node.insert(node as *const T as usize, id);
        let prev = self.cur;
        self.cur = id;
        prev
    }

    fn declare_global(&mut self, id: &Ident<'a>) -> Result<(), CompileError> {
        let name = id.name;
        let scope = &self.scopes[self.cur];
        let err = |what: &str| {
            CompileError::syntax(
                format!("name '{name}' is {what} prior to global declaration"),
                id.span.line,
                id.span.col + 1,
            )
        };
        if scope.params.contains(&name) {
            return Err(CompileError::syntax(
                format!("name '{name}' is parameter and global"),
                id.span.line,
                id.span.col + 1,
            ));
        }
        if scope.nonlocals.contains(&name) {
            return Err(CompileError::syntax(
                format!("name '{name}' is nonlocal and global"),
                id.span.line,
                id.span.col + 1,
            ));
        }
        if scope.bound.contains(&name) {
            return Err(CompileError::syntax(
                format!("name '{name}' is assigned to before global declaration"),
                id.span.line,
                id.span.col + 1,
            ));
        }
        if scope.used.contains(&name) {
            return Err(err("used"));
        }
        push_unique(&mut self.scope().globals, name);
        Ok(())
    }

    fn declare_nonlocal(&mut self, id: &Ident<'a>) -> Result<(), CompileError> {
        let name = id.name;
        let (line, col) = (id.span.line, id.span.col + 1);
        let scope = &self.scopes[self.cur];
        if scope.kind == ScopeKind::Module {
            return Err(CompileError::syntax("nonlocal declaration not allowed at module level", line, col));
        }
        if scope.params.contains(&name) {
            return Err(CompileError::syntax(format!("name '{name}' is parameter and nonlocal"), line, col));
        }
        if scope.globals.contains(&name) {
            return Err(CompileError::syntax(format!("name '{name}' is nonlocal and global"), line, col));
        }
        if scope.bound.contains(&name) {
            return Err(CompileError::syntax(
                format!("name '{name}' is assigned to before nonlocal declaration"),
                line,
                col,
            ));
        }
        if scope.used.contains(&name) {
            return Err(CompileError::syntax(
                format!("name '{name}' is used prior to nonlocal declaration"),
                line,
                col,
            ));
        }
        self.scope().nonlocals.push(name);
        self.scope().nonlocal_at.push((line, col));
        Ok(())
    }

    fn stmts(&mut self, body: &'a [Stmt<'a>]) -> Result<(), CompileError> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt<'a>) -> Result<(), CompileError> {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e)?,
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for t in targets.iter() {
                    self.target(t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = target.kind {
                    self.use_name(n);
                }
                self.target(target)?;
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
                // Annotations of locals are not evaluated in functions; at module and class level
                // CPython evaluates them into __annotations__.
                if !self.scopes[self.cur].is_function_like() {
                    self.expr(annotation)?;
                }
                if *simple && value.is_none() {
                    if let ExprKind::Name(n) = target.kind {
                        // `x: int` alone makes x local in a function without binding it.
                        self.bind(n);
                        return Ok(());
                    }
                }
                self.target(target)?;
            }
            StmtKind::If { test, body, orelse } => {
                // Iterate an `elif` chain rather than recursing through it (see codegen).
                let (mut test, mut body, mut orelse) = (*test, *body, *orelse);
                loop {
                    self.expr(test)?;
                    self.stmts(body)?;
                    match orelse {
                        [Stmt { kind: StmtKind::If { test: t, body: b, orelse: o }, .. }] => {
                            (test, body, orelse) = (*t, *b, *o)
                        }
                        _ => break,
                    }
                }
                self.stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::For { target, iter, body, orelse, .. } => {
                self.expr(iter)?;
                self.target(target)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
            StmtKind::FunctionDef(f) => {
                for d in f.decorators.iter() {
                    self.expr(d)?;
                }
                self.defaults(f.params)?;
                self.annotations(f.params)?;
                if let Some(r) = f.returns {
                    self.expr(r)?;
                }
                self.bind(f.name);
                let prev = self.enter(ScopeKind::Function, *f);
                self.params(f.params);
                self.stmts(f.body)?;
                self.cur = prev;
            }
            StmtKind::ClassDef(c) => {
                for d in c.decorators.iter() {
                    self.expr(d)?;
                }
                self.args(c.bases)?;
                self.bind(c.name);
                let prev = self.enter(ScopeKind::Class, *c);
                self.stmts(c.body)?;
                self.cur = prev;
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v)?;
                }
            }
            StmtKind::Global(names) => {
                for n in names.iter() {
                    self.declare_global(n)?;
                }
            }
            StmtKind::Nonlocal(names) => {
                for n in names.iter() {
                    self.declare_nonlocal(n)?;
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.stmts(body)?;
                for h in handlers.iter() {
                    if let Some(t) = h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = h.name {
                        self.bind(n);
                    }
                    self.stmts(h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Del(targets) => {
                for t in targets.iter() {
                    self.target(t)?;
                }
            }
            StmtKind::Import(names) => {
                for a in names.iter() {
                    let bound = a.asname.unwrap_or_else(|| a.name.split('.').next().unwrap_or(a.name));
                    self.bind(bound);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names.iter() {
                    self.bind(a.asname.unwrap_or(a.name));
                }
            }
            StmtKind::With { items, body, .. } => {
                for item in items.iter() {
                    self.expr(item.context)?;
                    if let Some(t) = item.target {
                        self.target(t)?;
                    }
                }
                self.stmts(body)?;
            }
        }
        Ok(())
    }

    fn params(&mut self, p: &'a Params<'a>) {
        let all = p.posonly.iter().chain(p.args.iter()).chain(p.kwonly.iter());
        let names: Vec<&'a str> = all.map(|p| p.name).collect();
        let mut ordered = Vec::new();
        // Layout: positional (incl. posonly), keyword-only, then *args, then **kwargs.
        let npos = p.posonly.len() + p.args.len();
        ordered.extend_from_slice(&names[..npos]);
        ordered.extend_from_slice(&names[npos..]);
        if let Some(v) = p.vararg {
            ordered.push(v.name);
        }
        if let Some(k) = p.kwarg {
            ordered.push(k.name);
        }
        for n in &ordered {
            self.bind(n);
        }
        self.scope().params = ordered;
    }

    fn defaults(&mut self, p: &'a Params<'a>) -> Result<(), CompileError> {
        for param in p.posonly.iter().chain(p.args.iter()).chain(p.kwonly.iter()) {
            if let Some(d) = param.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    fn annotations(&mut self, p: &'a Params<'a>) -> Result<(), CompileError> {
        let all = p.posonly.iter().chain(p.args.iter()).chain(p.kwonly.iter()).chain(p.vararg).chain(p.kwarg);
        for param in all {
            if let Some(a) = param.annotation {
                self.expr(a)?;
            }
        }
        Ok(())
    }

    fn args(&mut self, args: &'a [Arg<'a>]) -> Result<(), CompileError> {
        for a in args {
            match a {
                Arg::Positional(e) | Arg::Star(e) | Arg::Keyword(_, e) | Arg::DoubleStar(e) => self.expr(e)?,
            }
        }
        Ok(())
    }

    fn target(&mut self, t: &'a Expr<'a>) -> Result<(), CompileError> {
        match &t.kind {
            ExprKind::Name(n) => self.bind(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items.iter() {
                    self.target(i)?;
                }
            }
            ExprKind::Starred(inner) => self.target(inner)?,
            _ => self.expr(t)?,
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        node: &'a Expr<'a>,
        gens: &'a [Comprehension<'a>],
        elts: &[&'a Expr<'a>],
    ) -> Result<(), CompileError> {
        // The first iterable is evaluated in the enclosing scope.
        self.expr(gens[0].iter)?;
        let prev = self.enter(ScopeKind::Comprehension, node);
        self.scope().comp_kind = match node.kind {
            ExprKind::GeneratorExp { .. } => "generator expression",
            ExprKind::SetComp { .. } => "set comprehension",
            ExprKind::DictComp { .. } => "dict comprehension",
            _ => "list comprehension",
        };
        self.scope().params = vec![".0"];
        self.bind(".0");
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(g.iter)?;
            }
            self.target(g.target)?;
            for cond in g.ifs.iter() {
                self.expr(cond)?;
            }
        }
        for e in elts {
            self.expr(e)?;
        }
        if matches!(node.kind, ExprKind::GeneratorExp { .. }) {
            self.scope().is_generator = true;
        }
        self.cur = prev;
        Ok(())
    }

    fn expr(&mut self, e: &'a Expr<'a>) -> Result<(), CompileError> {
        match &e.kind {
            ExprKind::Int(_)
            | ExprKind::BigInt(_)
            | ExprKind::Float(_)
            | ExprKind::Imaginary(_)
            | ExprKind::Str(_)
            | ExprKind::Bytes(_)
            | ExprKind::True
            | ExprKind::False
            | ExprKind::None
            | ExprKind::Ellipsis => {}
            ExprKind::FString(parts) => self.fparts(parts)?,
            ExprKind::Name(n) => self.use_name(n),
            ExprKind::Tuple(items) | ExprKind::List(items) | ExprKind::Set(items) => {
                for i in items.iter() {
                    self.expr(i)?;
                }
            }
            ExprKind::Dict(items) => {
                for (k, v) in items.iter() {
                    if let Some(k) = k {
                        self.expr(k)?;
                    }
                    self.expr(v)?;
                }
            }
            ExprKind::Starred(v) | ExprKind::UnaryOp { operand: v, .. } | ExprKind::Await(v) => self.expr(v)?,
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::BoolOp { values, .. } => {
                for v in values.iter() {
                    self.expr(v)?;
                }
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left)?;
                for c in comparators.iter() {
                    self.expr(c)?;
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Lambda { params, body } => {
                self.defaults(params)?;
                let prev = self.enter(ScopeKind::Function, e);
                self.params(params);
                self.expr(body)?;
                self.cur = prev;
            }
            ExprKind::Call { func, args } => {
                self.expr(func)?;
                self.args(args)?;
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
            }
            ExprKind::Slice { lower, upper, step } => {
                for p in [lower, upper, step].into_iter().flatten() {
                    self.expr(p)?;
                }
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => self.comprehension(e, generators, &[elt])?,
            ExprKind::DictComp { key, value, generators } => self.comprehension(e, generators, &[key, value])?,
            ExprKind::Yield(v) => {
                self.mark_yield(e)?;
                if let Some(v) = v {
                    self.expr(v)?;
                }
            }
            ExprKind::YieldFrom(v) => {
                self.mark_yield(e)?;
                self.expr(v)?;
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.bind_walrus(target, e)?;
            }
        }
        Ok(())
    }

    fn fparts(&mut self, parts: &'a [FPart<'a>]) -> Result<(), CompileError> {
        for p in parts {
            if let FPart::Expr { expr, spec, .. } = p {
                self.expr(expr)?;
                if let Some(spec) = spec {
                    self.fparts(spec)?;
                }
            }
        }
        Ok(())
    }

    fn mark_yield(&mut self, e: &Expr<'a>) -> Result<(), CompileError> {
        let scope = &self.scopes[self.cur];
        match scope.kind {
            ScopeKind::Function => {
                self.scope().is_generator = true;
                Ok(())
            }
            ScopeKind::Comprehension => {
                Err(CompileError::syntax(format!("'yield' inside {}", scope.comp_kind), e.span.line, e.span.col + 1))
            }
            _ => Err(CompileError::syntax("'yield' outside function", e.span.line, e.span.col + 1)),
        }
    }

    fn bind_walrus(&mut self, name: &'a str, e: &Expr<'a>) -> Result<(), CompileError> {
        // `:=` inside a comprehension binds in the nearest enclosing non-comprehension scope.
        let mut id = self.cur;
        while self.scopes[id].kind == ScopeKind::Comprehension {
            if self.scopes[id].params.contains(&name) || self.scopes[id].bound.contains(&name) {
                return Err(CompileError::syntax(
                    format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                    e.span.line,
                    e.span.col + 1,
                ));
            }
            id = match self.scopes[id].parent {
                Some(p) => p,
                None => break,
            };
        }
        if self.scopes[id].kind == ScopeKind::Class && id != self.cur {
            return Err(CompileError::syntax(
                "assignment expression within a comprehension cannot be used in a class body",
                e.span.line,
                e.span.col + 1,
            ));
        }
        push_unique(&mut self.scopes[id].bound, name);
        let mut c = self.cur;
        while c != id {
            let target_is_module = self.scopes[id].kind == ScopeKind::Module;
            let scope = &mut self.scopes[c];
            if target_is_module {
                push_unique(&mut scope.globals, name);
            } else {
                push_unique(&mut scope.nonlocals, name);
            }
            c = scope.parent.unwrap_or(id);
        }
        Ok(())
    }
}

/// Second pass: lays out locals, cells and free variables for every scope.
fn resolve(table: &mut ScopeTable<'_>) -> Result<(), CompileError> {
    let n = table.scopes.len();
    // Children are created after parents, so walking ids backwards visits inner scopes first;
    // each inner scope's free names propagate to its parents as uses.
    let mut free_needed: Vec<Vec<&str>> = vec![Vec::new(); n];
    for id in (0..n).rev() {
        let (kind, parent) = (table.scopes[id].kind, table.scopes[id].parent);
        let s = &table.scopes[id];
        let mut resolved: HashMap<&str, Resolution> = HashMap::new();
        let mut cellvars = Vec::new();
        let mut freevars = Vec::new();
        let mut varnames: Vec<&str> = Vec::new();
        let function_like = s.is_function_like();
        for g in &s.globals {
            resolved.insert(g, Resolution::Global);
        }
        if function_like {
            for p in &s.params {
                push_unique(&mut varnames, p);
            }
            for b in &s.bound {
                if !s.globals.contains(b) && !s.nonlocals.contains(b) {
                    push_unique(&mut varnames, b);
                    resolved.insert(b, Resolution::Local);
                }
            }
        } else {
            for b in &s.bound {
                if !s.globals.contains(b) && !s.nonlocals.contains(b) {
                    resolved.insert(b, Resolution::Name);
                }
            }
        }
        // A method that calls `super()` or names `__class__` closes over the class being
        // defined: the class body holds that cell.
        if function_like
            && (s.used.contains(&"super") || s.used.contains(&"__class__"))
            && !resolved.contains_key("__class__")
            && encloses_class(table, parent)
        {
            resolved.insert("__class__", Resolution::Free);
            push_unique(&mut freevars, "__class__");
        }
        // Names inner scopes capture: a local of ours becomes a cell; otherwise we pass it through.
        for name in std::mem::take(&mut free_needed[id]) {
            if kind == ScopeKind::Class && name == "__class__" {
                resolved.insert(name, Resolution::Cell);
                push_unique(&mut cellvars, name);
                continue;
            }
            match resolved.get(name) {
                Some(Resolution::Local) | Some(Resolution::Cell) => {
                    resolved.insert(name, Resolution::Cell);
                    push_unique(&mut cellvars, name);
                }
                Some(Resolution::Global) => {}
                Some(Resolution::Name) if kind == ScopeKind::Module => {}
                _ => {
                    if kind != ScopeKind::Class && kind != ScopeKind::Module {
                        resolved.insert(name, Resolution::Free);
                    }
                    push_unique(&mut freevars, name);
                }
            }
        }
        for nl in &s.nonlocals {
            resolved.insert(nl, Resolution::Free);
            push_unique(&mut freevars, nl);
        }
        // Uses of names not bound here resolve to an enclosing function's binding if one exists.
        if kind != ScopeKind::Module {
            for u in &s.used {
                if resolved.contains_key(u) {
                    continue;
                }
                if binds_in_enclosing_function(table, parent, u) {
                    if kind != ScopeKind::Class {
                        resolved.insert(u, Resolution::Free);
                    }
                    push_unique(&mut freevars, u);
                }
            }
        }
        if kind == ScopeKind::Module {
            freevars.clear();
        }
        let s = &table.scopes[id];
        for (i, nl) in s.nonlocals.iter().enumerate() {
            // Walrus targets in comprehensions are recorded as nonlocals without a position and
            // always have a binding; declared ones are checked here.
            if let Some(&(line, col)) = s.nonlocal_at.get(i) {
                if !binds_in_enclosing_function(table, parent, nl) {
                    return Err(CompileError::syntax(format!("no binding for nonlocal '{nl}' found"), line, col));
                }
            }
        }
        // A class body passes captured names through as free variables of the class code so
        // methods can reach the enclosing function's cells.
        if let Some(p) = parent {
            for f in &freevars {
                if !free_needed[p].contains(f) {
                    free_needed[p].push(f);
                }
            }
        }
        let s = &mut table.scopes[id];
        s.resolved = resolved;
        s.cellvars = cellvars;
        s.freevars = freevars;
        s.varnames = varnames;
    }
    Ok(())
}

/// Whether a class body encloses `scope` (directly or through functions).
fn encloses_class(table: &ScopeTable<'_>, mut scope: Option<ScopeId>) -> bool {
    while let Some(id) = scope {
        if table.scopes[id].kind == ScopeKind::Class {
            return true;
        }
        scope = table.scopes[id].parent;
    }
    false
}

fn binds_in_enclosing_function(table: &ScopeTable<'_>, mut scope: Option<ScopeId>, name: &str) -> bool {
    while let Some(id) = scope {
        let s = &table.scopes[id];
        if s.is_function_like() {
            if s.globals.contains(&name) {
                return false;
            }
            if s.bound.contains(&name) || s.nonlocals.contains(&name) {
                return true;
            }
        }
        scope = s.parent;
    }
    false
}
