//! coro-vm: the virtual machine. Values and the collected heap (`value`, `heap`, `object`,
//! `dict`), heap frames and the one dispatch loop (`frame`, `interp`, `call`, `generator`),
//! operators and conversions (`ops`, `repr`, `numfmt`), builtins and built-in modules
//! (`builtins`, `types`, `exceptions`), and the API a host or the `coro` CLI uses (`Vm`).

pub mod access;
pub mod builtins;
mod caches;
pub mod call;
mod classes;
#[cfg(feature = "cli")]
pub mod cli;
pub mod coroc;
pub mod deque;
mod derived;
pub mod dict;
pub mod embed;
pub mod exceptions;
pub mod frame;
pub mod generator;
pub mod heap;
mod inner;
mod instance;
pub mod interp;
pub mod modules;
pub mod numfmt;
pub mod object;
pub mod observe;
pub mod ops;
mod os_error;
pub mod profile;
#[cfg(feature = "cli")]
pub mod repl;
pub mod repr;
pub mod set;
mod special;
pub mod trace;
pub mod types;
pub mod value;

use coro_compiler::{Code, CompileError, Const};
use frame::{Frame, Link};
use heap::Heap;
use num_bigint::BigInt;
use object::{HeapObj, LoadedCode, StrObj};
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;
pub use value::{ObjRef, Value};

/// A raised Python exception: a reference to the exception object in the heap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exc(pub ObjRef);

/// CPython's default recursion limit.
pub const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// The virtual machine: one heap, one frame stack, the builtins, the imported modules.
pub struct Vm {
    pub heap: Heap,
    /// Callers of the running frame (the running frame itself is a local of the loop).
    pub frames: Vec<Box<Frame>>,
    pub types: types::Types,
    pub builtins: ObjRef,
    /// Loaded modules by name (`sys.modules`).
    pub modules: ObjRef,
    /// Directories searched for `.py` modules (CPython's `sys.path[0]`); empty for an embedding
    /// host that has not allowed file imports.
    pub search_path: Vec<std::path::PathBuf>,
    /// Whether imports also find `NAME.coroc` bytecode files in `search_path` (where there is no
    /// `NAME.py`): set when the main program is itself a bytecode file.
    pub import_bytecode: bool,
    /// Modules whose bodies are running (partially initialised), innermost last.
    pub initializing: Vec<ObjRef>,
    interned: HashMap<Box<str>, ObjRef, std::hash::BuildHasherDefault<dict::StrHasher>>,
    /// Every code object ever loaded; immortal, and their constants are collector roots.
    codes: Vec<Rc<LoadedCode>>,
    pub recursion_limit: usize,
    pub out: Box<dyn Write>,
    pub err: Box<dyn Write>,
    pub argv: Vec<String>,
    /// Bumped whenever a generator in the middle of a `yield from` chain is driven directly, so
    /// cached chain leaves are revalidated.
    pub chain_epoch: u64,
    /// How many generators have been made (`Generator::serial`).
    pub(crate) gen_serial: u64,
    /// Builtins implemented in Python (compiled from `builtins/prelude.py`), by name.
    pub prelude: HashMap<&'static str, Value>,
    /// Source text by file name, for traceback lines.
    pub sources: HashMap<Rc<str>, Rc<str>>,
    /// Extra roots (host handles, values being built across safepoints).
    pub roots: Vec<Value>,
    /// The running frame's depth counts toward the recursion limit.
    pub depth: usize,
    /// The globals of the frame that made the current native call (for `globals()`).
    pub(crate) caller_globals: Option<ObjRef>,
    /// Returned frames, reused by the next calls (a call then allocates nothing). Boxed on
    /// purpose: frames move between this pool, the frame stack and generators by pointer.
    #[allow(clippy::vec_box)]
    pub(crate) frame_pool: Vec<Box<Frame>>,
    /// Boxes of private generators freed at their return, for the next generators.
    #[allow(clippy::vec_box)]
    pub(crate) gen_boxes: Vec<Box<object::Generator>>,
    /// An empty code object for placeholder frames (left where a frame was moved out).
    pub(crate) placeholder_code: Rc<LoadedCode>,
    /// How many runs of the dispatch loop are active (0 when the host has control): Python
    /// code may be called from Rust only at 0, since the VM never recurses into its loop.
    pub(crate) loops_active: u32,
    /// The profiler and tracer, when installed: the dispatch loop then runs its observing
    /// instance (`observe.rs`).
    pub(crate) observer: Option<Box<observe::Observer>>,
    /// Fuel left: loop back edges and calls use it up, and a run that runs out suspends
    /// (`interp::SuspendReason::OutOfFuel`). `u64::MAX` when unbounded.
    pub(crate) fuel: u64,
    /// What the embedding API keeps in the VM: host functions, handles, suspended runs.
    pub(crate) embed: Box<embed::State>,
    /// Recent class-attribute lookups (`class_lookup`), direct-mapped by class and name.
    pub(crate) class_cache: Box<[std::cell::Cell<types::ClassCacheEntry>]>,
    /// The interned name `__init__` (looked up at every instantiation).
    pub(crate) init_name: Value,
    /// The interned name `__iter__` (looked up at every `yield from` of a user object).
    pub(crate) iter_name: Value,
    /// How an instruction the inner loop ran ended when only the general loop can act on it:
    /// an error to raise, or an exit from the run (`inner::Extra::Pending`).
    pub(crate) inner_pending: Option<Result<interp::Flow, Exc>>,
}

impl Vm {
    /// A VM writing program output to stdout and errors to stderr.
    pub fn new() -> Vm {
        Vm::with_output(Box::new(std::io::stdout()), Box::new(std::io::stderr()))
    }

    pub fn with_output(out: Box<dyn Write>, err: Box<dyn Write>) -> Vm {
        let mut heap = Heap::new();
        let (types, builtins, modules) = types::bootstrap(&mut heap);
        let mut vm = Vm {
            heap,
            frames: Vec::new(),
            types,
            builtins,
            modules,
            search_path: Vec::new(),
            import_bytecode: false,
            initializing: Vec::new(),
            interned: HashMap::default(),
            codes: Vec::new(),
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            out,
            err,
            argv: Vec::new(),
            chain_epoch: 0,
            gen_serial: 0,
            prelude: HashMap::new(),
            sources: HashMap::new(),
            roots: Vec::new(),
            depth: 0,
            caller_globals: None,
            frame_pool: Vec::new(),
            gen_boxes: Vec::new(),
            loops_active: 0,
            observer: None,
            fuel: u64::MAX,
            embed: Box::default(),
            class_cache: types::new_class_cache(),
            placeholder_code: Rc::new(LoadedCode {
                bytes: Box::new([]),
                code: Rc::new(placeholder_code()),
                consts: Vec::new(),
                names: Vec::new(),
                name: Value::None,
                qualname: Value::None,
                frame_size: 0,
                simple_argcount: usize::MAX,
                generator_argcount: usize::MAX,
                global_cache: Box::new([]),
                method_cache: Box::new([]),
                instance_method_cache: Box::new([]),
                attr_cache: Box::new([]),
            }),
            init_name: Value::None,
            iter_name: Value::None,
            inner_pending: None,
        };
        vm.init_name = vm.intern("__init__");
        vm.iter_name = vm.intern("__iter__");
        types::install_methods(&mut vm);
        builtins::install(&mut vm);
        vm
    }

    // ----- strings and constants --------------------------------------------------------------

    /// A new str object.
    pub fn new_str(&mut self, s: &str) -> Value {
        Value::Obj(self.heap.alloc(HeapObj::Str(StrObj::new(s.into()))))
    }

    pub fn new_string(&mut self, s: String) -> Value {
        Value::Obj(self.heap.alloc(HeapObj::Str(StrObj::new(s.into_boxed_str()))))
    }

    /// The one str object for `s` among interned names (immortal).
    pub fn intern(&mut self, s: &str) -> Value {
        if let Some(r) = self.interned.get(s) {
            return Value::Obj(*r);
        }
        let r = self.heap.alloc(HeapObj::Str(StrObj::new(s.into())));
        self.interned.insert(s.into(), r);
        Value::Obj(r)
    }

    pub fn new_bigint(&mut self, n: BigInt) -> Value {
        ops::normalize_bigint(self, n)
    }

    pub fn new_list(&mut self, items: Vec<Value>) -> Value {
        let bytes = std::mem::size_of::<HeapObj>() + items.capacity() * 16;
        Value::Obj(self.heap.alloc_with(bytes, || HeapObj::List(items)))
    }

    pub fn new_tuple(&mut self, items: Vec<Value>) -> Value {
        if items.is_empty() {
            return Value::Obj(self.types.empty_tuple);
        }
        Value::Obj(self.heap.alloc(HeapObj::Tuple(items.into_boxed_slice())))
    }

    pub fn new_dict(&mut self) -> Value {
        Value::Obj(self.heap.alloc(HeapObj::Dict(Box::default())))
    }

    /// The text of a str value, if it is one.
    pub fn str_of(&self, v: Value) -> Option<&str> {
        match v {
            Value::Obj(r) => match self.heap.get(r) {
                HeapObj::Str(s) => Some(&s.s),
                _ => None,
            },
            _ => None,
        }
    }

    fn const_value(&mut self, c: &Const) -> Value {
        match c {
            Const::None => Value::None,
            Const::True => Value::Bool(true),
            Const::False => Value::Bool(false),
            Const::Ellipsis => Value::Obj(self.types.ellipsis),
            Const::Int(n) => Value::Int(*n),
            Const::BigInt(s) => {
                let n: BigInt = s.parse().unwrap_or_default();
                self.new_bigint(n)
            }
            Const::Float(f) => Value::Float(*f),
            Const::Str(s) => {
                // Identifier-like constants are interned, as CPython does, so keyword names and
                // attribute strings compare by identity first.
                if s.len() <= 40 && s.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    self.intern(s)
                } else {
                    self.new_str(s)
                }
            }
            Const::Tuple(items) => {
                let vals: Vec<Value> = items.iter().map(|c| self.const_value(c)).collect();
                self.new_tuple(vals)
            }
            Const::FrozenSet(items) => {
                let vals: Vec<Value> = items.iter().map(|c| self.const_value(c)).collect();
                let hashed: Vec<(u64, Value)> =
                    vals.iter().map(|v| (dict::hash_value(&self.heap, *v).unwrap_or(0), *v)).collect();
                let table = set::folded_constant(&self.heap, &hashed);
                Value::Obj(self.heap.alloc(HeapObj::Set(Box::new(table))))
            }
            Const::Code(code) => {
                let lc = self.load_code(code.clone());
                Value::Obj(self.heap.alloc(HeapObj::Code(lc)))
            }
        }
    }

    /// Turns a compiled `Code` (and the codes nested in it) into a runnable `LoadedCode`.
    pub fn load_code(&mut self, code: Rc<Code>) -> Rc<LoadedCode> {
        let consts: Vec<Value> = code.consts.iter().map(|c| self.const_value(c)).collect();
        let names: Vec<Value> = code.names.iter().map(|n| self.intern(n)).collect();
        let name = self.intern(&code.name);
        let qualname = self.intern(&code.qualname);
        let frame_size = code.varnames.len() + code.max_stack as usize;
        let f = &code.flags;
        let plain_args = f.is_function
            && !f.varargs
            && !f.varkw
            && code.kwonlyargcount == 0
            && code.cellvars.is_empty()
            && code.freevars.is_empty();
        let argcount_if = |yes: bool| if yes { code.argcount as usize } else { usize::MAX };
        let simple_argcount = argcount_if(plain_args && !f.generator);
        let generator_argcount = argcount_if(plain_args && f.generator && !f.hidden);
        let global_cache = (0..names.len()).map(|_| Default::default()).collect();
        let method_cache = (0..names.len()).map(|_| Default::default()).collect();
        let instance_method_cache = (0..names.len()).map(|_| Default::default()).collect();
        let attr_cache = (0..names.len()).map(|_| Default::default()).collect();
        // One undecodable byte past the end: the inner loop reads an instruction and its operand
        // byte together, so a final one-byte instruction (the usual `Return`) has a byte to pair
        // with; running into the pad is "bad bytecode", as running off the end was.
        let mut bytes = Vec::with_capacity(code.code.len() + 1);
        bytes.extend_from_slice(&code.code);
        bytes.push(u8::MAX);
        let lc = Rc::new(LoadedCode {
            bytes: bytes.into_boxed_slice(),
            code,
            consts,
            names,
            name,
            qualname,
            frame_size,
            simple_argcount,
            generator_argcount,
            global_cache,
            method_cache,
            instance_method_cache,
            attr_cache,
        });
        self.codes.push(lc.clone());
        lc
    }

    // ----- running ----------------------------------------------------------------------------

    /// Compiles `source` as the module `__main__` and runs it.
    pub fn run_main(&mut self, source: &str, filename: &str) -> Result<(), RunError> {
        let code = coro_compiler::compile_module(source, filename).map_err(RunError::Compile)?;
        self.sources.insert(filename.into(), source.into());
        self.run_main_code(code, filename).map_err(RunError::Exception)
    }

    /// Runs already compiled code (a verified bytecode file's, see
    /// `coro_compiler::bytecode_file::load`) as the module `__main__`, with `__file__` set to
    /// `filename`. Tracebacks show the source lines if the file the code was compiled from is
    /// still where it was, as CPython does for a `.pyc`.
    pub fn run_main_code(&mut self, code: Rc<Code>, filename: &str) -> Result<(), Exc> {
        if !self.sources.contains_key(&code.filename) {
            if let Ok(text) = std::fs::read_to_string(&*code.filename) {
                self.sources.insert(code.filename.clone(), text.into());
            }
        }
        let module = self.new_module("__main__");
        let globals = self.module_dict(module);
        let name = self.intern("__file__");
        let file = self.new_str(filename);
        self.dict_set(globals, name, file)?;
        self.run_code(code, globals).map(|_| ())
    }

    /// Runs a module-level code object with the given globals dict.
    pub fn run_code(&mut self, code: Rc<Code>, globals: ObjRef) -> Result<Value, Exc> {
        let lc = self.load_code(code);
        let frame = call::new_frame(lc, globals, &[], Link::Host);
        self.run_frame(frame)
    }

    /// Creates a module object registered under `name` with a fresh globals dict.
    pub fn new_module(&mut self, name: &str) -> ObjRef {
        let dict = self.new_dict().as_obj().unwrap_or(self.builtins);
        let m = self.heap.alloc(HeapObj::Module(Box::new(object::Module { name: name.into(), dict })));
        let key = self.intern("__name__");
        let val = self.new_str(name);
        let _ = self.dict_set(dict, key, val);
        let bkey = self.intern("__builtins__");
        let bmod = self.lookup_module("builtins").map(Value::Obj).unwrap_or(Value::None);
        let _ = self.dict_set(dict, bkey, bmod);
        let mkey = self.new_str(name);
        let modules = self.modules;
        let _ = self.dict_set(modules, mkey, Value::Obj(m));
        m
    }

    pub fn lookup_module(&self, name: &str) -> Option<ObjRef> {
        let HeapObj::Dict(d) = self.heap.get(self.modules) else {
            return None;
        };
        d.iter().find(|e| self.str_of(e.key) == Some(name)).and_then(|e| e.value.as_obj())
    }

    pub fn module_dict(&self, m: ObjRef) -> ObjRef {
        match self.heap.get(m) {
            HeapObj::Module(m) => m.dict,
            _ => self.builtins,
        }
    }

    // ----- dict helpers -----------------------------------------------------------------------

    /// `d[key] = value` for a dict object (TypeError for unhashable keys).
    pub fn dict_set(&mut self, d: ObjRef, key: Value, value: Value) -> Result<(), Exc> {
        let hash = self.hash(key)?;
        let probe = match self.heap.get(d) {
            HeapObj::Dict(dict) => dict.probe(&self.heap, key, hash),
            _ => return Err(self.type_error("internal: not a dict")),
        };
        if let HeapObj::Dict(dict) = self.heap.get_mut(d) {
            dict.insert_probed(probe, hash, key, value);
        }
        self.heap.grew(DICT_ENTRY_BYTES);
        Ok(())
    }

    /// `d.get(key)`.
    pub fn dict_get(&mut self, d: ObjRef, key: Value) -> Result<Option<Value>, Exc> {
        let hash = self.hash(key)?;
        Ok(match self.heap.get(d) {
            HeapObj::Dict(dict) => dict.get(&self.heap, key, hash),
            _ => None,
        })
    }

    /// Looks up a str key known to be hashable (names, attributes).
    #[inline]
    pub fn dict_get_str(&self, d: ObjRef, key: Value) -> Option<Value> {
        let hash = dict::hash_value(&self.heap, key).unwrap_or(0);
        match self.heap.get(d) {
            HeapObj::Dict(dict) => dict.get(&self.heap, key, hash),
            _ => None,
        }
    }

    pub fn hash(&mut self, v: Value) -> Result<u64, Exc> {
        dict::hash_value(&self.heap, v).map_err(|t| {
            if t == dict::UNHASHABLE_INSTANCE || t == dict::PYTHON_HASH {
                // Name the instance's class: the first instance inside v (tuples nest).
                let mut x = v;
                while let Value::Obj(r) = x {
                    match self.heap.get(r) {
                        HeapObj::Tuple(items) => {
                            match items.iter().find(|i| dict::hash_value(&self.heap, **i).is_err()) {
                                Some(i) => x = *i,
                                None => break,
                            }
                        }
                        _ => break,
                    }
                }
                let name = self.type_name(x);
                if t == dict::PYTHON_HASH {
                    return self.exc_msg(
                        types::ExcKind::NotImplementedError,
                        &format!("coro: '{name}' objects define __eq__ and __hash__; using them as dict keys or set members is not supported yet"),
                    );
                }
                return self.type_error(&format!("unhashable type: '{name}'"));
            }
            self.type_error(&format!("unhashable type: '{t}'"))
        })
    }

    /// Writes program output, reporting a closed stdout as an OSError-free silent drop
    /// (CPython would raise BrokenPipeError; coro ends output quietly).
    pub fn write_out(&mut self, s: &str) {
        let _ = self.out.write_all(s.as_bytes());
    }

    /// Runs the collector now, with the given running frame as an extra root.
    pub fn collect_garbage(&mut self, running: Option<&Frame>) {
        // The roots and the collector's work lists are allocated afresh each time on purpose:
        // allocating and freeing them made glibc consolidate its free lists, after which new
        // objects were carved from contiguous free memory. Keeping them (and sweeping lazily
        // during allocation) cut the instructions and the simulated cache misses, but the
        // scheduler benchmark ran about 20% slower on the real machine; a lazy sweep tried
        // again under mimalloc (the `coro` binary's allocator since) ran 13% slower.
        let mut roots: Vec<Value> = vec![Value::Obj(self.builtins), Value::Obj(self.modules)];
        roots.extend(self.types.all_roots());
        roots.extend(self.interned.values().map(|r| Value::Obj(*r)));
        for c in &self.codes {
            roots.extend(c.consts.iter().copied());
            roots.extend(c.names.iter().copied());
            roots.push(c.name);
            roots.push(c.qualname);
        }
        roots.extend(self.prelude.values().copied());
        roots.extend(self.roots.iter().copied());
        roots.extend(self.initializing.iter().map(|m| Value::Obj(*m)));
        self.embed.roots(&mut roots);
        let frames = self.frames.iter().map(|b| &**b).chain(running).chain(self.embed.frames());
        self.heap.collect(&roots, frames);
        embed::sweep_continuations(self);
    }

    /// Refuses, before a builtin allocates it, a result of `bytes` whose size the script
    /// chose (`' ' * n`, `s.ljust(n)`, `list(range(n))`, a format width): MemoryError when it
    /// would not fit in [`Heap::room`](heap::Heap::room), as CPython raises MemoryError when
    /// the system refuses.
    pub(crate) fn check_alloc(&mut self, bytes: usize) -> Result<(), Exc> {
        if bytes > self.heap.room() {
            // The estimate counts garbage made since the last collection: have the next
            // safepoint collect, so a retry sees what is really free.
            self.heap.threshold = 0;
            return Err(self.memory_error());
        }
        Ok(())
    }

    /// [`Vm::check_alloc`] for `n` values (a list's or tuple's items), `n` as large as it likes.
    pub(crate) fn check_items(&mut self, n: usize) -> Result<(), Exc> {
        self.check_alloc(n.saturating_mul(std::mem::size_of::<Value>()))
    }

    /// Collects at a safepoint of the loop; MemoryError when the live heap still exceeds the
    /// memory limit afterwards.
    pub(crate) fn safepoint_collect(&mut self, running: &Frame) -> Result<(), Exc> {
        self.collect_garbage(Some(running));
        if self.heap.bytes > self.heap.limit {
            return Err(self.memory_error());
        }
        Ok(())
    }
}

/// About what one more dict or set entry takes (entry and index slots).
pub(crate) const DICT_ENTRY_BYTES: usize = 48;

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}

fn placeholder_code() -> Code {
    Code {
        name: "<placeholder>".into(),
        qualname: "<placeholder>".into(),
        filename: "<none>".into(),
        first_line: 0,
        flags: coro_compiler::CodeFlags { hidden: true, ..Default::default() },
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        varnames: Vec::new(),
        cellvars: Vec::new(),
        cell_params: Vec::new(),
        freevars: Vec::new(),
        names: Vec::new(),
        consts: Vec::new(),
        code: Vec::new(),
        max_stack: 0,
        exception_table: Vec::new(),
        line_table: Vec::new(),
    }
}

/// Why running a program failed.
#[derive(Debug)]
pub enum RunError {
    Compile(CompileError),
    Exception(Exc),
}
