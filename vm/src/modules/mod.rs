//! `import`: finding a module (the `sys.modules` cache, coro's built-in modules, `.py` files beside
//! the main script, and `.coroc` files where there is no `.py` under a bytecode main program),
//! creating it and running its body, and the three import instructions (`ImportName`,
//! `ImportFrom`, `ImportStar`) with CPython's error messages.
//!
//! A module's body never runs on the native stack: `import_name` creates the module, registers it
//! in `sys.modules` (so a circular import sees it partially initialised) and asks the loop to
//! tail-call the prelude's `_import_run`, which calls a function made from the module's code with
//! the module's dict as globals, then reports back through `_import_finished`.
//!
//! The built-in modules are one table (`BUILTIN_MODULES`); each lives in a file of its own here.

pub mod asyncio;
pub mod collections;
pub mod r#enum;
pub mod functools;
pub mod inspect;
pub mod itertools;
pub mod math;
pub mod stdlib;
pub mod time;
pub mod typing;

use crate::builtins::NResult;
use crate::interp::Ret;
use crate::object::{Function, HeapObj, NativeFn};
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};
use std::path::Path;
use std::rc::Rc;

/// A module coro provides without a file.
pub struct BuiltinModule {
    pub name: &'static str,
    /// Creates the module object (registered in `sys.modules`) and fills its namespace.
    pub create: fn(&mut Vm) -> Result<ObjRef, Exc>,
    /// CPython compiles this module into the interpreter (`sys.builtin_module_names`), so it is
    /// found before any file. Others are files in CPython's library, which a `.py` file beside
    /// the main script would shadow; coro refuses such a file rather than guess which one wins.
    pub cpython_builtin: bool,
    /// Names CPython's module has that coro does not provide yet: importing one is a clear
    /// "not supported yet" ImportError instead of a plain missing name.
    pub unsupported: &'static [&'static str],
    /// Python code run as the module's body after `create` (for functions that are Python
    /// functions in CPython too); its frames are hidden from tracebacks.
    pub source: Option<&'static str>,
}

/// Every built-in module, in one table.
pub const BUILTIN_MODULES: &[BuiltinModule] = &[
    BuiltinModule {
        name: "sys",
        create: crate::builtins::misc::create_sys,
        cpython_builtin: true,
        unsupported: &[],
        source: None,
    },
    BuiltinModule {
        name: "builtins",
        create: create_builtins_module,
        cpython_builtin: true,
        unsupported: &[],
        source: None,
    },
    BuiltinModule {
        name: "time",
        create: time::create,
        cpython_builtin: true,
        unsupported: time::UNSUPPORTED,
        source: None,
    },
    BuiltinModule {
        name: "itertools",
        create: itertools::create,
        cpython_builtin: true,
        unsupported: itertools::UNSUPPORTED,
        source: None,
    },
    BuiltinModule {
        name: "math",
        create: math::create,
        cpython_builtin: false,
        unsupported: math::UNSUPPORTED,
        source: None,
    },
    BuiltinModule {
        name: "functools",
        create: functools::create,
        cpython_builtin: false,
        unsupported: functools::UNSUPPORTED,
        source: Some(functools::SOURCE),
    },
    BuiltinModule {
        name: "typing",
        create: typing::create,
        cpython_builtin: false,
        unsupported: typing::UNSUPPORTED,
        source: Some(typing::SOURCE),
    },
    BuiltinModule {
        name: "types",
        create: inspect::create_types,
        cpython_builtin: false,
        unsupported: inspect::TYPES_UNSUPPORTED,
        source: None,
    },
    BuiltinModule {
        name: "inspect",
        create: inspect::create_inspect,
        cpython_builtin: false,
        unsupported: inspect::UNSUPPORTED,
        source: Some(inspect::INSPECT_SOURCE),
    },
    BuiltinModule {
        name: "collections",
        create: collections::create,
        cpython_builtin: false,
        unsupported: collections::UNSUPPORTED,
        source: Some(collections::SOURCE),
    },
    BuiltinModule {
        name: "enum",
        create: r#enum::create,
        cpython_builtin: false,
        unsupported: r#enum::UNSUPPORTED,
        source: Some(r#enum::SOURCE),
    },
    BuiltinModule {
        name: "asyncio",
        create: asyncio::create,
        cpython_builtin: false,
        unsupported: asyncio::UNSUPPORTED,
        source: Some(asyncio::SOURCE),
    },
];

/// The table entry of a built-in module.
pub fn builtin_module(name: &str) -> Option<&'static BuiltinModule> {
    BUILTIN_MODULES.iter().find(|m| m.name == name)
}

/// Gives the prelude's import helper what it uses: `_import_finished` and `sys.modules`.
pub fn install_prelude_globals(vm: &mut Vm, globals: ObjRef) {
    let key = vm.intern("_import_finished");
    let f = crate::builtins::native(vm, "_import_finished", import_finished);
    let _ = vm.dict_set(globals, key, f);
    let key = vm.intern("_modules");
    let modules = vm.modules;
    let _ = vm.dict_set(globals, key, Value::Obj(modules));
    let key = vm.intern("_deque");
    let deque = vm.types.deque;
    let _ = vm.dict_set(globals, key, Value::Obj(deque));
    for (name, func) in crate::deque::PRELUDE_NATIVES {
        let key = vm.intern(name);
        let f = crate::builtins::native(vm, name, *func);
        let _ = vm.dict_set(globals, key, f);
    }
}

fn create_builtins_module(vm: &mut Vm) -> Result<ObjRef, Exc> {
    // Created at start-up (it shares the builtins dict); only reached if a script removed it
    // from sys.modules.
    let b = vm.builtins;
    let m = vm.heap.alloc(HeapObj::Module(Box::new(crate::object::Module { name: "builtins".into(), dict: b })));
    let key = vm.new_str("builtins");
    let modules = vm.modules;
    vm.dict_set(modules, key, Value::Obj(m))?;
    Ok(m)
}

/// Creates a built-in module named `name` holding the given natives and values.
pub fn new_builtin_module(
    vm: &mut Vm,
    name: &str,
    natives: &[(&'static str, NativeFn)],
    values: Vec<(&str, Value)>,
) -> Result<ObjRef, Exc> {
    // No `__doc__`: CPython's modules have docstrings coro does not copy; a missing attribute
    // is better than a wrong None.
    let m = vm.new_module(name);
    let d = vm.module_dict(m);
    for (n, f) in natives {
        let key = vm.intern(n);
        let v = crate::builtins::native(vm, n, *f);
        vm.dict_set(d, key, v)?;
    }
    for (n, v) in values {
        let key = vm.intern(n);
        vm.dict_set(d, key, v)?;
    }
    Ok(m)
}

/// Where a module comes from.
pub(crate) enum Found {
    /// Already loaded (or a built-in module, created now).
    Ready(Value),
    /// A module whose body must run first: the module object and the function running its body.
    Load { module: ObjRef, body: Value },
}

impl Vm {
    /// `import name` / `from name import ...` (the `ImportName` instruction): the module, or a
    /// request to run its body first.
    pub fn import_name(&mut self, name: Value, fromlist: Value, level: Value) -> NResult {
        let _ = fromlist;
        if matches!(level, Value::Int(l) if l > 0) {
            // coro has no packages, so no module has a parent package to be relative to.
            return Err(self.import_error("attempted relative import with no known parent package", None, None));
        }
        let full = self.str_of(name).unwrap_or("").to_string();
        let mut parts = full.splitn(3, '.');
        let head = parts.next().unwrap_or("").to_string();
        // `import a.b`: CPython imports `a` first, then fails because a module is not a package.
        let then_raise = match parts.next() {
            Some(second) => {
                let sub = format!("{head}.{second}");
                let msg = format!("No module named '{sub}'; '{head}' is not a package");
                let subv = self.new_str(&sub);
                Some(self.module_not_found(&msg, subv))
            }
            None => None,
        };
        match self.find_module(&head)? {
            Found::Ready(m) => match then_raise {
                Some(e) => Err(e),
                None => Ok(Ret::Value(m)),
            },
            Found::Load { module, body } => {
                let key = self.new_str(&head);
                let err = then_raise.map(|e| Value::Obj(e.0)).unwrap_or(Value::None);
                Ok(Ret::TailCall(self.prelude_fn("_import_run"), vec![key, Value::Obj(module), body, err]))
            }
        }
    }

    /// Looks `name` (no dots) up: the cache, CPython's compiled-in modules, files on the search
    /// path, coro's other built-in modules, then CPython's library modules coro lacks.
    fn find_module(&mut self, name: &str) -> Result<Found, Exc> {
        let key = self.new_str(name);
        let modules = self.modules;
        match self.dict_get(modules, key)? {
            Some(Value::None) => {
                return Err(self.module_not_found(&format!("import of {name} halted; None in sys.modules"), key));
            }
            Some(m) => return Ok(Found::Ready(m)),
            None => {}
        }
        // A host's own modules, and the standard modules it withholds (`embed::Builder`).
        if let Some(found) = crate::embed::find_module(self, name, key)? {
            return Ok(found);
        }
        let builtin = builtin_module(name);
        if let Some(b) = builtin.filter(|b| b.cpython_builtin) {
            return self.create_builtin(b);
        }
        if stdlib::is_cpython_builtin(name) {
            return Err(self.not_supported_module(name));
        }
        for dir in self.search_path.clone() {
            // The source if there is one, else (under a bytecode main program) the bytecode
            // file: as with CPython's and MicroPython's sourceless files, a stale compiled file
            // never hides edited source.
            let source = dir.join(format!("{name}.py"));
            let compiled = dir.join(format!("{name}.coroc"));
            let file = if source.is_file() {
                Some(source)
            } else if self.import_bytecode && compiled.is_file() {
                Some(compiled)
            } else {
                None
            };
            let pkg = dir.join(name);
            if pkg.is_dir() && (pkg.join("__init__.py").is_file() || file.is_none()) {
                let msg = format!("coro does not support packages yet: '{name}' is a directory ({})", pkg.display());
                return Err(self.import_error(&msg, Some(key), None));
            }
            if let Some(file) = file {
                if builtin.is_some() || stdlib::is_stdlib(name) {
                    let msg = format!(
                        "coro does not support {} shadowing the standard library module '{name}'",
                        file.display()
                    );
                    return Err(self.import_error(&msg, Some(key), None));
                }
                return self.load_file_module(name, &file, key);
            }
        }
        if let Some(b) = builtin {
            return self.create_builtin(b);
        }
        if stdlib::is_stdlib(name) {
            return Err(self.not_supported_module(name));
        }
        Err(self.module_not_found(&format!("No module named '{name}'"), key))
    }

    /// Reads and compiles `file` (or loads it, if it is a bytecode file), creates the module
    /// `name` (in `sys.modules` from now on) and the function that runs its body.
    fn load_file_module(&mut self, name: &str, file: &Path, key: Value) -> Result<Found, Exc> {
        let path = file.display().to_string();
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                let msg = format!("[Errno {}] {}: '{path}'", e.raw_os_error().unwrap_or(0), io_message(&e));
                return Err(self.exc_msg(ExcKind::OSError, &msg));
            }
        };
        if file.extension().is_some_and(|x| x == "coroc") {
            // Verified before anything in it runs; a file that does not load is an ImportError
            // (CPython's for a bad `.pyc`), naming the file and what is wrong with it.
            let code = match coro_compiler::bytecode_file::load(&bytes) {
                Ok(c) => c,
                Err(e) => {
                    let (msg, p) = (format!("{path}: {e}"), self.new_str(&path));
                    return Err(self.import_error(&msg, Some(key), Some(p)));
                }
            };
            // Tracebacks show source lines if the source it was compiled from is still there.
            if !self.sources.contains_key(&code.filename) {
                if let Ok(text) = std::fs::read_to_string(&*code.filename) {
                    self.sources.insert(code.filename.clone(), text.into());
                }
            }
            return self.file_module(name, &path, code);
        }
        let source = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
                let msg = format!(
                    "Non-UTF-8 code starting with '\\x{:02x}' in file {path} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                    e.as_bytes().get(at).copied().unwrap_or(0)
                );
                return Err(self.exc_msg(ExcKind::SyntaxError, &msg));
            }
        };
        let code = match coro_compiler::compile_module(&source, &path) {
            Ok(c) => c,
            Err(e) => return Err(self.syntax_error_from(&e, &path, &source)),
        };
        let src: Rc<str> = source.into();
        self.sources.insert(path.as_str().into(), src);
        self.file_module(name, &path, code)
    }

    /// The module `name` read from the file at `path`, with `code` as its body.
    fn file_module(&mut self, name: &str, path: &str, code: Rc<coro_compiler::Code>) -> Result<Found, Exc> {
        let module = self.new_module(name);
        let d = self.module_dict(module);
        let file_v = self.new_str(path);
        let package = self.new_str("");
        // No `__doc__` until the compiler records module docstrings (a wrong None is worse).
        for (k, v) in [("__file__", file_v), ("__package__", package)] {
            let key = self.intern(k);
            self.dict_set(d, key, v)?;
        }
        Ok(self.module_body(module, code))
    }

    /// A built-in module: created now, and its Python body (if any) run next.
    fn create_builtin(&mut self, b: &BuiltinModule) -> Result<Found, Exc> {
        let module = (b.create)(self)?;
        let Some(source) = b.source else {
            return Ok(Found::Ready(Value::Obj(module)));
        };
        match coro_compiler::compile_hidden(source, &format!("<{}>", b.name)) {
            Ok(code) => Ok(self.module_body(module, code)),
            Err(e) => Err(self.runtime_error(&format!("internal: coro's {} module does not compile: {e}", b.name))),
        }
    }

    /// The function running `code` as the body of `module` (which counts as initialising).
    pub(crate) fn module_body(&mut self, module: ObjRef, code: Rc<coro_compiler::Code>) -> Found {
        let d = self.module_dict(module);
        let lc = self.load_code(code);
        let func = Function {
            name: lc.name,
            qualname: lc.qualname,
            code: lc,
            globals: d,
            defaults: Vec::new(),
            kwdefaults: Value::Undef,
            closure: Box::new([]),
            module: Value::None,
            dict: None,
            annotations: Value::Undef,
        };
        let body = Value::Obj(self.heap.alloc(HeapObj::Function(Box::new(func))));
        self.initializing.push(module);
        Found::Load { module, body }
    }

    /// `from m import name` (the `ImportFrom` instruction).
    pub fn import_from(&mut self, m: Value, name: Value) -> Result<Value, Exc> {
        let e = match self.get_attr(m, name) {
            Ok(v) => return Ok(v),
            Err(e) if self.exc_is(e, ExcKind::AttributeError) => e,
            Err(e) => return Err(e),
        };
        let _ = e;
        let n = self.str_of(name).unwrap_or("?").to_string();
        let name_key = self.intern("__name__");
        let modname = self.get_attr(m, name_key).ok().filter(|v| self.str_of(*v).is_some());
        let Some(modname) = modname else {
            let msg = format!("cannot import name '{n}' from '<unknown module name>' (unknown location)");
            return Err(self.import_error(&msg, None, None));
        };
        let mn = self.str_of(modname).unwrap_or("").to_string();
        if let Some(b) = builtin_module(&mn).filter(|b| b.unsupported.contains(&n.as_str())) {
            let msg = format!("cannot import name '{n}' from '{}': coro does not support it yet", b.name);
            return Err(self.import_error(&msg, Some(modname), None));
        }
        let file_key = self.intern("__file__");
        let file = match m {
            Value::Obj(r) if matches!(self.heap.get(r), HeapObj::Module(_)) => {
                let d = self.module_dict(r);
                self.dict_get_str(d, file_key).filter(|v| self.str_of(*v).is_some())
            }
            _ => None,
        };
        let msg = match file {
            None => format!("cannot import name '{n}' from '{mn}' (unknown location)"),
            Some(f) => {
                let path = self.str_of(f).unwrap_or("");
                if m.as_obj().is_some_and(|r| self.initializing.contains(&r)) {
                    format!("cannot import name '{n}' from partially initialized module '{mn}' (most likely due to a circular import) ({path})")
                } else {
                    format!("cannot import name '{n}' from '{mn}' ({path})")
                }
            }
        };
        Err(self.import_error(&msg, Some(modname), file))
    }

    /// `from m import *` (the `ImportStar` instruction): the names in `m.__all__`, or else every
    /// name of its namespace that does not start with an underscore.
    pub fn import_star(&mut self, m: Value, globals: ObjRef) -> Result<(), Exc> {
        let all_key = self.intern("__all__");
        let name_key = self.intern("__name__");
        let modname = match self.get_attr(m, name_key) {
            Ok(v) if self.str_of(v).is_some() => self.str_of(v).unwrap_or("").to_string(),
            _ => "?".to_string(),
        };
        let (names, from_all) = match self.get_attr(m, all_key) {
            Ok(all) => match self.items_of(all)? {
                Some(items) => (items, true),
                None => {
                    let t = self.type_name(all);
                    return Err(self.type_error(&format!("'{t}' object is not iterable")));
                }
            },
            Err(e) if self.exc_is(e, ExcKind::AttributeError) => {
                let dict_key = self.intern("__dict__");
                let d = self.get_attr(m, dict_key)?;
                let keys = self.items_of(d)?.unwrap_or_default();
                (keys, false)
            }
            Err(e) => return Err(e),
        };
        for n in names {
            let Some(s) = self.str_of(n) else {
                let t = self.type_name(n);
                let what = if from_all { "__all__" } else { "__dict__" };
                return Err(self.type_error(&format!("Item in {modname}.{what} must be str, not {t}")));
            };
            if !from_all && s.starts_with('_') {
                continue;
            }
            let v = self.get_attr(m, n)?;
            self.dict_set(globals, n, v)?;
        }
        Ok(())
    }

    /// The repr of a module object, as CPython shows it.
    pub fn module_repr(&mut self, m: ObjRef) -> String {
        let (name, dict) = match self.heap.get(m) {
            HeapObj::Module(md) => (md.name.clone(), md.dict),
            _ => return "<module '?'>".into(),
        };
        let file_key = self.intern("__file__");
        if let Some(f) = self.dict_get_str(dict, file_key) {
            if let Some(path) = self.str_of(f) {
                return format!("<module '{name}' from '{path}'>");
            }
        }
        if builtin_module(&name).is_some() {
            return format!("<module '{name}' (built-in)>");
        }
        format!("<module '{name}'>")
    }

    /// The directory imports search: the main script's, or the current directory for `-c` and
    /// standard input (as CPython's `sys.path[0]`).
    pub fn set_search_dir(&mut self, dir: &Path) {
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        self.search_path = vec![dir];
    }

    fn import_error(&mut self, msg: &str, name: Option<Value>, path: Option<Value>) -> Exc {
        let e = self.exc_msg(ExcKind::ImportError, msg);
        self.set_import_attrs(e, name, path);
        e
    }

    pub(crate) fn module_not_found(&mut self, msg: &str, name: Value) -> Exc {
        let e = self.exc_msg(ExcKind::ModuleNotFoundError, msg);
        self.set_import_attrs(e, Some(name), None);
        e
    }

    fn not_supported_module(&mut self, name: &str) -> Exc {
        let key = self.new_str(name);
        let msg = format!("coro does not support the standard library module '{name}' yet");
        self.import_error(&msg, Some(key), None)
    }

    /// ImportError's `name` and `path` attributes.
    fn set_import_attrs(&mut self, e: Exc, name: Option<Value>, path: Option<Value>) {
        let msg = self.exc_args(e).first().copied();
        for (k, v) in [("msg", msg), ("name", name), ("path", path)] {
            if let Some(v) = v {
                let key = self.intern(k);
                let _ = self.set_attr(Value::Obj(e.0), key, v);
            }
        }
    }

    /// A SyntaxError (or IndentationError/TabError) for a module that does not compile, carrying
    /// CPython's `(msg, (filename, lineno, offset, text, end_lineno, end_offset))` arguments.
    pub(crate) fn syntax_error_from(&mut self, e: &coro_compiler::CompileError, path: &str, source: &str) -> Exc {
        let kind = match e.kind {
            coro_compiler::error::ErrorKind::SyntaxError => ExcKind::SyntaxError,
            coro_compiler::error::ErrorKind::IndentationError => ExcKind::IndentationError,
            coro_compiler::error::ErrorKind::TabError => ExcKind::TabError,
        };
        let msg = self.new_str(&e.msg);
        let file = self.new_str(path);
        let text = match source.lines().nth(e.line.saturating_sub(1) as usize) {
            Some(t) => self.new_string(format!("{t}\n")),
            None => Value::None,
        };
        let end = if e.end_col > 0 { e.end_col } else { e.col };
        let details = self.new_tuple(vec![
            file,
            Value::Int(e.line as i64),
            Value::Int(e.col as i64),
            text,
            Value::Int(e.line as i64),
            Value::Int(end as i64),
        ]);
        let class = self.types.exc(kind);
        let exc = self.new_exception(class, vec![msg, details]);
        for (k, v) in [
            ("msg", msg),
            ("filename", file),
            ("lineno", Value::Int(e.line as i64)),
            ("offset", Value::Int(e.col as i64)),
            ("text", text),
        ] {
            let key = self.intern(k);
            let _ = self.set_attr(Value::Obj(exc.0), key, v);
        }
        exc
    }
}

/// The OS's message for an I/O error without Rust's " (os error N)" suffix.
fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `_import_finished(name, module, ok)`: the module's body ended; on failure the module leaves
/// `sys.modules`, as CPython removes a module whose body raised.
fn import_finished(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let [name, module, ok] = args else {
        return Err(vm.type_error("_import_finished expects 3 arguments"));
    };
    if let Some(m) = module.as_obj() {
        vm.initializing.retain(|r| *r != m);
    }
    if matches!(ok, Value::Bool(false)) {
        let modules = vm.modules;
        if vm.dict_get(modules, *name)?.is_some() {
            vm.del_item(Value::Obj(modules), *name)?;
        }
    }
    Ok(Value::None.into())
}
