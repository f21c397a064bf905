//! The embedding API: run coro scripts inside a Rust program.
//!
//! A [`Runtime`] (made by a [`Builder`]) compiles and runs source, reads and sets globals, calls
//! script functions with Rust values, and drives script generators step by step. Host
//! functions ([`Runtime::register_fn`], [`Runtime::register_module`]) are Rust closures; like
//! every builtin they never run Python on the native stack but reply with a request
//! ([`NativeCx::call`], [`NativeCx::call_then`]), and they can suspend the whole script until
//! the host answers ([`NativeCx::suspend`]). Fuel bounds how long a script runs before it is
//! suspended (not killed): the host gives more and continues it exactly where it stopped.
//!
//! ```
//! use coro_vm::embed::{Runtime, Step};
//!
//! let mut rt = Runtime::new();
//! rt.exec("def greet(name):\n    return 'hello ' + name\n", "main.py")?;
//! assert_eq!(rt.call::<String>("greet", ("world",))?, "hello world");
//!
//! // A generator driven by the host: each step is 'yielded', 'returned' or an error.
//! rt.exec("def counter():\n    total = 0\n    while True:\n        total += yield total\n", "main.py")?;
//! let gen = rt.call("counter", ())?;
//! assert!(matches!(rt.resume(&gen, ())?, Step::Yielded(_)));
//! let Step::Yielded(v) = rt.resume(&gen, 5)? else { panic!() };
//! assert_eq!(rt.get::<i64>(&v)?, 5);
//! # Ok::<(), coro_vm::embed::Error>(())
//! ```
//!
//! # Threads
//!
//! A runtime is used from one thread. [`Runtime`], [`Builder`], [`Handle`], [`Paused`],
//! [`Pending`] and [`Step`] are not `Send`: the VM shares code objects and its handle table
//! through `Rc`, host functions are closures without a `Send` bound, and the output writers are
//! `Box<dyn Write>` without one, so nothing of a runtime can cross threads (the compiler
//! enforces this). Hosts that want parallelism run one runtime per thread, each built on its own
//! thread. [`Error`] holds only text and is `Send + Sync`, so errors can be reported anywhere;
//! [`Signature`] (names only) is `Send + Sync` too; [`OutputBuffer`] is not `Send` (it is an
//! `Rc`).
//!
//! ```
//! fn send_and_sync<T: Send + Sync>() {}
//! send_and_sync::<coro_vm::embed::Error>();
//! send_and_sync::<coro_vm::embed::Signature>();
//! ```
//!
//! ```compile_fail,E0277
//! fn send<T: Send>() {}
//! send::<coro_vm::embed::Runtime>(); // a runtime stays on its thread
//! ```
//!
//! ```compile_fail,E0277
//! fn send<T: Send>() {}
//! send::<coro_vm::embed::Handle>();
//! ```

mod convert;
mod error;
mod handle;
mod native;

pub use convert::{FromScript, IntoArgs, IntoScript};
pub use error::{Error, ErrorKind};
pub use handle::Handle;
pub use native::{FromArgs, IntoReply, NativeCx, Reply, Rest, Signature};

pub(crate) use native::{is_host_fn, sweep_continuations};

use crate::frame::{Frame, Link};
use crate::generator::ResumeMode;
use crate::interp::{Flow, Outcome, SuspendReason, Suspension};
use crate::modules::Found;
use crate::object::HeapObj;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};
use handle::Shared;
use native::Slot;
use sealed::Parked;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;

/// Python helpers of the API, run in the loop like the prelude (hidden from tracebacks).
const HELPERS: &str = "\
def _call_then(cont, f, args):
    # A continuation that asks for another call_then stores it in `box` and returns `box`, so
    # a chain of them runs in this loop at constant depth.
    box = [None]
    while True:
        try:
            r = f(*args)
        except BaseException:
            _drop_continuation(cont)
            raise
        r = cont(r, box)
        if r is not box:
            return r
        cont, f, args = box[0]

def _host_call(f, args):
    return f(*args)
";

/// What the VM keeps for the embedding API (empty for the `coro` command).
#[derive(Default)]
pub(crate) struct State {
    /// Handle slots (shared with the handles themselves).
    pub(crate) shared: Rc<Shared>,
    pub(crate) natives: Vec<Slot>,
    pub(crate) free_natives: Vec<usize>,
    /// Suspended runs the host holds (`Paused`, `Pending`), by id.
    parked: Vec<Option<Box<Suspension>>>,
    free_parked: Vec<u32>,
    modules: HashMap<String, HostModule>,
    /// The built-in modules scripts may import (`None`: all of them).
    std_modules: Option<HashSet<String>>,
    pub(crate) main_globals: Option<ObjRef>,
    pub(crate) call_then_helper: Option<Value>,
    host_call_helper: Option<Value>,
}

enum HostModule {
    Native(ObjRef),
    Source(Rc<str>),
}

impl State {
    /// Values the collector must keep (handles, host modules, helpers, parked requests).
    pub(crate) fn roots(&self, out: &mut Vec<Value>) {
        self.shared.roots(out);
        for m in self.modules.values() {
            if let HostModule::Native(r) = m {
                out.push(Value::Obj(*r));
            }
        }
        out.extend(self.main_globals.map(Value::Obj));
        out.extend(self.call_then_helper);
        out.extend(self.host_call_helper);
        out.extend(self.parked.iter().flatten().map(|s| s.request()));
    }

    /// The frames of parked runs (for the collector).
    pub(crate) fn frames(&self) -> impl Iterator<Item = &Frame> {
        self.parked.iter().flatten().flat_map(|s| s.frames())
    }
}

/// The import hook: a host module named `name`, or ModuleNotFoundError for a built-in module
/// the host withholds; `None` lets the ordinary search go on.
pub(crate) fn find_module(vm: &mut Vm, name: &str, key: Value) -> Result<Option<Found>, Exc> {
    match vm.embed.modules.get(name) {
        Some(HostModule::Native(m)) => {
            let m = Value::Obj(*m);
            let modules = vm.modules;
            vm.dict_set(modules, key, m)?;
            return Ok(Some(Found::Ready(m)));
        }
        Some(HostModule::Source(src)) => {
            let src = src.clone();
            let filename = format!("{name}.py");
            let code = match coro_compiler::compile_module(&src, &filename) {
                Ok(c) => c,
                Err(e) => return Err(vm.syntax_error_from(&e, &filename, &src)),
            };
            vm.sources.insert(filename.as_str().into(), src);
            let module = vm.new_module(name);
            let d = vm.module_dict(module);
            let (k, v) = (vm.intern("__file__"), vm.new_str(&filename));
            vm.dict_set(d, k, v)?;
            return Ok(Some(vm.module_body(module, code)));
        }
        None => {}
    }
    let withheld = vm.embed.std_modules.as_ref().is_some_and(|allowed| !allowed.contains(name));
    if withheld && crate::modules::builtin_module(name).is_some() {
        return Err(vm.module_not_found(&format!("No module named '{name}'"), key));
    }
    Ok(None)
}

/// Drops a suspended run that will never continue: its generators are finished and the
/// `call_then` continuations waiting in it are dropped.
fn abandon(vm: &mut Vm, s: Suspension) {
    native::drop_continuations_in(vm, &s.frames);
    vm.abandon(s);
}

/// Builds a [`Runtime`]: where output goes, the limits, and what scripts may import.
///
/// By default output goes to the process's stdout and stderr, the recursion limit is CPython's
/// (1000), memory and fuel are unbounded, every built-in module (`math`, `itertools`, `time`,
/// ...) can be imported, and no `.py` file is ever read from disk.
///
/// ```
/// use coro_vm::embed::{OutputBuffer, Runtime};
///
/// let out = OutputBuffer::default();
/// let mut rt = Runtime::builder()
///     .stdout(out.clone())
///     .recursion_limit(200)
///     .memory_limit(64 << 20)
///     .module("helpers", "def double(x):\n    return 2 * x\n")
///     .std_modules(["math"])
///     .build();
/// rt.exec("import helpers, math\nprint(helpers.double(21), math.floor(2.5))", "main.py")?;
/// assert_eq!(out.contents(), "42 2\n");
/// let err = rt.exec("import time", "main.py").unwrap_err();
/// assert_eq!(err.summary(), "ModuleNotFoundError: No module named 'time'");
/// # Ok::<(), coro_vm::embed::Error>(())
/// ```
pub struct Builder {
    stdout: Option<Box<dyn Write>>,
    stderr: Option<Box<dyn Write>>,
    recursion_limit: usize,
    memory_limit: Option<usize>,
    fuel: Option<u64>,
    modules: Vec<(String, String)>,
    search_path: Vec<PathBuf>,
    std_modules: Option<HashSet<String>>,
    argv: Vec<String>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            stdout: None,
            stderr: None,
            recursion_limit: crate::DEFAULT_RECURSION_LIMIT,
            memory_limit: None,
            fuel: None,
            modules: Vec::new(),
            search_path: Vec::new(),
            std_modules: None,
            argv: Vec::new(),
        }
    }
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Where `print` writes.
    pub fn stdout(mut self, w: impl Write + 'static) -> Builder {
        self.stdout = Some(Box::new(w));
        self
    }

    /// Where warnings and the CLI's tracebacks would go (`sys.stderr`).
    pub fn stderr(mut self, w: impl Write + 'static) -> Builder {
        self.stderr = Some(Box::new(w));
        self
    }

    /// The deepest nesting of calls (and generator resumes) before `RecursionError`.
    ///
    /// ```
    /// use coro_vm::embed::Runtime;
    ///
    /// let mut rt = Runtime::builder().recursion_limit(100).build();
    /// let err = rt.exec("def down(n):\n    return down(n + 1)\ndown(0)", "main.py").unwrap_err();
    /// assert_eq!(err.summary(), "RecursionError: maximum recursion depth exceeded");
    /// assert!(err.traceback().contains("[Previous line repeated"));
    /// ```
    pub fn recursion_limit(mut self, depth: usize) -> Builder {
        self.recursion_limit = depth.max(2);
        self
    }

    /// An estimate of live heap bytes past which the script gets `MemoryError`, as CPython
    /// raises it when the system refuses memory (the script may catch it). A builtin whose
    /// result has a size the script chose (`' ' * n`, `s.ljust(n)`, `list(range(n))`,
    /// `''.join(...)`, a format width, `10 ** n`) refuses it before allocating; containers
    /// that grow in place (`append`, `d[k] = v`) and loops that keep allocating are stopped
    /// at the next loop back edge or call, after a collection finds the live heap still over
    /// the limit. (The estimate counts garbage until the collector next runs, so a request
    /// close to what the limit leaves can be refused a little early.)
    ///
    /// ```
    /// use coro_vm::embed::Runtime;
    ///
    /// let mut rt = Runtime::builder().memory_limit(16 << 20).build();
    /// for bomb in ["x = ' ' * 10**9", "x = f'{0:1000000000}'", "x = []\nwhile True:\n    x.append(0)"] {
    ///     assert_eq!(rt.exec(bomb, "bomb.py").unwrap_err().summary(), "MemoryError");
    /// }
    /// rt.exec("x = None", "ok.py")?; // the list the last bomb built is released...
    /// rt.exec("y = ' ' * 1000", "ok.py")?; // ...and collected: the runtime goes on
    /// # Ok::<(), coro_vm::embed::Error>(())
    /// ```
    pub fn memory_limit(mut self, bytes: usize) -> Builder {
        self.memory_limit = Some(bytes);
        self
    }

    /// The initial fuel (see [`Runtime::set_fuel`]); unbounded if not given.
    pub fn fuel(mut self, units: u64) -> Builder {
        self.fuel = Some(units);
        self
    }

    /// A module scripts can import, from source text held in memory (its file name in
    /// tracebacks is `NAME.py`). Host modules come before any other module of the same name.
    pub fn module(mut self, name: &str, source: &str) -> Builder {
        self.modules.push((name.to_string(), source.to_string()));
        self
    }

    /// A directory whose `.py` files scripts may import (searched in the order added, after
    /// the host's modules). Without one, imports never touch the file system.
    ///
    /// ```
    /// use coro_vm::embed::Runtime;
    ///
    /// let dir = std::env::temp_dir().join(format!("coro-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("shapes.py"), "def area(w, h):\n    return w * h\n").unwrap();
    /// let mut rt = Runtime::builder().search_path(&dir).build();
    /// rt.exec("import shapes\na = shapes.area(3, 4)", "main.py")?;
    /// assert_eq!(rt.global::<i64>("a")?, 12);
    /// // Without the search path the same import fails: nothing is read from disk.
    /// let err = Runtime::new().exec("import shapes", "main.py").unwrap_err();
    /// assert_eq!(err.type_name(), "ModuleNotFoundError");
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), coro_vm::embed::Error>(())
    /// ```
    pub fn search_path(mut self, dir: impl Into<PathBuf>) -> Builder {
        self.search_path.push(dir.into());
        self
    }

    /// Only these built-in modules (`sys`, `math`, `time`, `itertools`, ...) can be imported;
    /// the others raise ModuleNotFoundError. A sandbox usually leaves out `time` (its `sleep`
    /// blocks the host) and `sys`.
    pub fn std_modules<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Builder {
        self.std_modules = Some(names.into_iter().map(str::to_string).collect());
        self
    }

    /// `sys.argv`.
    pub fn argv(mut self, argv: impl IntoIterator<Item = impl Into<String>>) -> Builder {
        self.argv = argv.into_iter().map(Into::into).collect();
        self
    }

    pub fn build(self) -> Runtime {
        let out = self.stdout.unwrap_or_else(|| Box::new(std::io::stdout()));
        let err = self.stderr.unwrap_or_else(|| Box::new(std::io::stderr()));
        let mut vm = Vm::with_output(out, err);
        vm.recursion_limit = self.recursion_limit;
        vm.search_path = self.search_path;
        vm.argv = self.argv;
        vm.embed.std_modules = self.std_modules;
        for (name, source) in self.modules {
            vm.embed.modules.insert(name, HostModule::Source(source.into()));
        }
        let main = vm.new_module("__main__");
        vm.embed.main_globals = Some(vm.module_dict(main));
        install_helpers(&mut vm);
        // Limits last: the set-up above is the runtime's, not the script's.
        vm.heap.limit = self.memory_limit.unwrap_or(usize::MAX);
        let mut rt = Runtime { vm, bounded: false, args: Vec::new() };
        rt.set_fuel(self.fuel);
        rt
    }
}

/// Compiles and runs `HELPERS`, keeping the functions the API calls.
fn install_helpers(vm: &mut Vm) {
    let Ok(code) = coro_compiler::compile_hidden(HELPERS, "<embed>") else { return };
    let Some(globals) = vm.new_dict().as_obj() else { return };
    let key = vm.intern("_drop_continuation");
    let drop_fn = crate::builtins::native(vm, "_drop_continuation", native::drop_continuation);
    if vm.dict_set(globals, key, drop_fn).is_err() || vm.run_code(code, globals).is_err() {
        return;
    }
    let mut get = |name: &str| {
        let key = vm.intern(name);
        vm.dict_get_str(globals, key)
    };
    let (call_then, host_call) = (get("_call_then"), get("_host_call"));
    vm.embed.call_then_helper = call_then;
    vm.embed.host_call_helper = host_call;
}

/// A Rust `Write` target that collects output in memory (clones share the buffer): give one to
/// [`Builder::stdout`] and read what the script printed.
#[derive(Clone, Default)]
pub struct OutputBuffer(Rc<RefCell<Vec<u8>>>);

impl OutputBuffer {
    /// Everything written so far (invalid UTF-8 replaced).
    pub fn contents(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }

    /// Everything written so far, leaving the buffer empty.
    pub fn take(&self) -> String {
        let bytes = std::mem::take(&mut *self.0.borrow_mut());
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl Write for OutputBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Something to call: the name of a global of `__main__` (or a builtin), or a [`Handle`].
pub trait Callee {
    fn resolve(&self, vm: &mut Vm) -> Result<Value, Error>;
}

impl Callee for &str {
    fn resolve(&self, vm: &mut Vm) -> Result<Value, Error> {
        lookup_global(vm, self)
    }
}

impl Callee for &Handle {
    fn resolve(&self, vm: &mut Vm) -> Result<Value, Error> {
        self.value(vm)
    }
}

impl Callee for Handle {
    fn resolve(&self, vm: &mut Vm) -> Result<Value, Error> {
        self.value(vm)
    }
}

fn lookup_global(vm: &mut Vm, name: &str) -> Result<Value, Error> {
    let key = vm.intern(name);
    let found = [vm.embed.main_globals, Some(vm.builtins)].into_iter().flatten().find_map(|d| vm.dict_get_str(d, key));
    found.ok_or_else(|| Error::new("NameError", format!("name '{name}' is not defined")))
}

/// How a run started or continued by the host stopped.
///
/// A run that stopped before finishing is held by the host as a [`Paused`] (out of fuel) or a
/// [`Pending`] (a native's request), both [`SuspendedRun`]s, and is continued, interrupted or
/// cancelled the same way:
///
/// | the run | continue it | raise an exception where it stopped | stop it now |
/// |---|---|---|---|
/// | [`Step::OutOfFuel`]`(Paused)` | [`Runtime::proceed`] | [`Runtime::raise_in`] | [`Runtime::cancel`] |
/// | [`Step::Suspended`]`(Pending)` | [`Runtime::reply`] | [`Runtime::raise_in`] ([`Runtime::reply_error`]) | [`Runtime::cancel`] |
///
/// Dropping a `Paused` or `Pending` cancels its run the next time the runtime is used.
#[must_use = "a suspended run is abandoned when its Paused or Pending is dropped"]
#[derive(Debug)]
pub enum Step {
    /// The function (or module body, or generator) finished with this value.
    Returned(Handle),
    /// The generator yielded this value and is suspended at the `yield`.
    Yielded(Handle),
    /// The fuel ran out: the run is suspended where it stopped. Give more fuel
    /// ([`Runtime::add_fuel`]) and [`Runtime::proceed`].
    OutOfFuel(Paused),
    /// A native asked to suspend the run ([`NativeCx::suspend`]): answer with
    /// [`Runtime::reply`] or [`Runtime::reply_error`].
    Suspended(Pending),
}

impl Step {
    /// The value of a run that finished (returned or yielded); a suspended run is an
    /// [`ErrorKind::Suspended`] error (and is abandoned).
    pub fn finished(self) -> Result<Handle, Error> {
        match self {
            Step::Returned(h) | Step::Yielded(h) => Ok(h),
            Step::OutOfFuel(_) => {
                Err(Error::with_kind(ErrorKind::Suspended, "OutOfFuel", "the script ran out of fuel"))
            }
            Step::Suspended(_) => Err(Error::with_kind(
                ErrorKind::Suspended,
                "Suspended",
                "a native suspended the script (use a start_* method to continue it)",
            )),
        }
    }
}

/// A run suspended for lack of fuel ([`Step::OutOfFuel`]), stopped at a loop's back edge or a
/// call. Continue it with [`Runtime::proceed`], raise an exception there with
/// [`Runtime::raise_in`], or stop it with [`Runtime::cancel`]; dropping it cancels it too.
#[derive(Debug)]
pub struct Paused {
    run: Parked,
}

/// A run suspended by a native ([`Step::Suspended`]), waiting for the host's answer. Answer
/// with [`Runtime::reply`], raise an exception at the native's call with [`Runtime::raise_in`]
/// (or [`Runtime::reply_error`]), or stop it with [`Runtime::cancel`]; dropping it cancels it
/// too.
#[derive(Debug)]
pub struct Pending {
    run: Parked,
    request: Handle,
}

/// A suspended run the host holds: [`Paused`] or [`Pending`] (see [`Step`] for what can be
/// done with one).
pub trait SuspendedRun: sealed::Run {}

impl SuspendedRun for Paused {}
impl SuspendedRun for Pending {}

/// Private to the API: how a host's [`Paused`] and [`Pending`] name their parked run.
mod sealed {
    use super::Shared;
    use std::rc::Rc;

    /// Gives up the parked run (only the API's own types implement it).
    pub trait Run {
        fn into_parked(self) -> Parked;
    }

    impl Run for super::Paused {
        fn into_parked(self) -> Parked {
            self.run
        }
    }

    impl Run for super::Pending {
        fn into_parked(self) -> Parked {
            self.run
        }
    }

    /// The id of a parked run; dropping it unconsumed tells the runtime to abandon the run.
    pub struct Parked {
        pub(super) id: u32,
        pub(super) shared: Rc<Shared>,
        pub(super) live: bool,
    }

    impl std::fmt::Debug for Parked {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "run #{}", self.id)
        }
    }

    impl Drop for Parked {
        fn drop(&mut self) {
            if self.live {
                self.shared.dropped_runs.borrow_mut().push(self.id);
            }
        }
    }
}

impl Pending {
    /// What the native asked for (the value it passed to [`NativeCx::suspend`]).
    pub fn request(&self) -> &Handle {
        &self.request
    }
}

/// A coro VM for a host program. See the [module documentation](self) for an overview.
pub struct Runtime {
    vm: Vm,
    /// Whether fuel is counted (`vm.fuel` is refilled to `u64::MAX` at each entry otherwise).
    bounded: bool,
    /// The arguments of a call from Rust, converted (reused from call to call).
    args: Vec<Value>,
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}

impl Runtime {
    /// A runtime with the default settings ([`Builder`]).
    pub fn new() -> Runtime {
        Builder::new().build()
    }

    pub fn builder() -> Builder {
        Builder::new()
    }

    /// Before each entry into the VM: abandon the runs whose handles were dropped, refill
    /// unbounded fuel.
    fn enter(&mut self) {
        let dropped = std::mem::take(&mut *self.vm.embed.shared.dropped_runs.borrow_mut());
        for id in dropped {
            if let Some(s) = self.vm.embed.parked.get_mut(id as usize).and_then(Option::take) {
                self.vm.embed.free_parked.push(id);
                abandon(&mut self.vm, *s);
            }
        }
        if !self.bounded {
            self.vm.fuel = u64::MAX;
        }
        // A collection the last run asked for (it ended over the memory limit, or a builtin
        // refused an allocation): made here, where nothing unrooted is held, so memory the
        // host or script released since counts as free.
        if self.vm.heap.should_collect() {
            self.vm.collect_garbage(None);
        }
    }

    fn main_globals(&mut self) -> ObjRef {
        match self.vm.embed.main_globals {
            Some(g) => g,
            None => self.vm.builtins,
        }
    }

    // ----- running source -----------------------------------------------------------------

    /// Compiles `source` and runs it in the globals of `__main__` (one namespace shared by
    /// every `exec`); `filename` names it in tracebacks. A run that is suspended (out of fuel,
    /// or by a native) is an error and is abandoned: use [`Runtime::start_exec`] to continue it.
    pub fn exec(&mut self, source: &str, filename: &str) -> Result<(), Error> {
        self.start_exec(source, filename)?.finished().map(drop)
    }

    /// [`Runtime::exec`], giving back how the run stopped.
    pub fn start_exec(&mut self, source: &str, filename: &str) -> Result<Step, Error> {
        let globals = self.main_globals();
        self.exec_with(globals, source, filename)
    }

    /// A fresh global namespace (its `__name__` is `'__main__'`) for [`Runtime::start_exec_in`]:
    /// scripts run in separate namespaces share nothing but the builtins and imported modules.
    pub fn namespace(&mut self) -> Handle {
        let d = self.vm.new_dict();
        if let Value::Obj(r) = d {
            let builtins = self.vm.lookup_module("builtins").map(Value::Obj).unwrap_or(Value::None);
            for (k, v) in [("__name__", self.vm.new_str("__main__")), ("__builtins__", builtins)] {
                let k = self.vm.intern(k);
                let _ = self.vm.dict_set(r, k, v);
            }
        }
        Handle::new(&self.vm, d)
    }

    /// [`Runtime::start_exec`] in the namespace `ns` (from [`Runtime::namespace`]).
    ///
    /// ```
    /// use coro_vm::embed::{Runtime, Step};
    ///
    /// let mut rt = Runtime::new();
    /// rt.set_global("difficulty", 3)?;
    /// rt.exec("level = difficulty * 10", "main.py")?;
    /// assert_eq!(rt.global::<i64>("level")?, 30);
    /// // A script in a namespace of its own sees neither `level` nor `difficulty`.
    /// let ns = rt.namespace();
    /// let err = rt.start_exec_in(&ns, "x = level", "mod.py").unwrap_err();
    /// assert_eq!(err.summary(), "NameError: name 'level' is not defined");
    /// assert!(matches!(rt.start_exec_in(&ns, "x = 1", "mod.py")?, Step::Returned(_)));
    /// # Ok::<(), coro_vm::embed::Error>(())
    /// ```
    pub fn start_exec_in(&mut self, ns: &Handle, source: &str, filename: &str) -> Result<Step, Error> {
        let globals = match ns.value(&self.vm)? {
            Value::Obj(r) if matches!(self.vm.heap.get(r), HeapObj::Dict(_)) => r,
            v => {
                let msg = format!("a namespace is a dict, not {}", self.vm.type_name(v));
                return Err(Error::with_kind(ErrorKind::Usage, "TypeError", msg));
            }
        };
        self.exec_with(globals, source, filename)
    }

    /// [`Runtime::start_exec`] for code compiled beforehand (a bytecode file's, from
    /// `coro_compiler::bytecode_file::load`). The code is verified first: code that does not
    /// verify is a usage error and nothing of it runs.
    pub fn start_exec_code(&mut self, code: std::rc::Rc<coro_compiler::Code>) -> Result<Step, Error> {
        if let Err(e) = coro_compiler::verify::verify(&code) {
            return Err(Error::with_kind(ErrorKind::Usage, "ValueError", e.to_string()));
        }
        self.enter();
        let globals = self.main_globals();
        let lc = self.vm.load_code(code);
        let frame = crate::call::new_frame(lc, globals, &[], Link::Host);
        let r = self.vm.run(frame, None);
        self.step(r)
    }

    fn exec_with(&mut self, globals: ObjRef, source: &str, filename: &str) -> Result<Step, Error> {
        self.enter();
        let code =
            coro_compiler::compile_module(source, filename).map_err(|e| Error::from_compile(&e, filename, source))?;
        self.vm.sources.insert(filename.into(), source.into());
        let lc = self.vm.load_code(code);
        let frame = crate::call::new_frame(lc, globals, &[], Link::Host);
        let r = self.vm.run(frame, None);
        self.step(r)
    }

    // ----- globals and values ---------------------------------------------------------------

    /// Sets a global of `__main__`.
    pub fn set_global(&mut self, name: &str, value: impl IntoScript) -> Result<(), Error> {
        let v = value.into_script(&mut self.vm)?;
        let key = self.vm.intern(name);
        let g = self.main_globals();
        self.vm.dict_set(g, key, v).map_err(|e| Error::from_exc(&mut self.vm, e))
    }

    /// A global of `__main__` (or a builtin), converted; `NameError` if there is none.
    pub fn global<T: FromScript>(&mut self, name: &str) -> Result<T, Error> {
        let v = lookup_global(&mut self.vm, name)?;
        T::from_script(&mut self.vm, v)
    }

    /// Converts a held value.
    pub fn get<T: FromScript>(&mut self, h: &Handle) -> Result<T, Error> {
        let v = h.value(&self.vm)?;
        T::from_script(&mut self.vm, v)
    }

    /// Holds a Rust value as a script value.
    pub fn handle(&mut self, value: impl IntoScript) -> Result<Handle, Error> {
        let v = value.into_script(&mut self.vm)?;
        Ok(Handle::new(&self.vm, v))
    }

    /// `repr(value)`, running a user `__repr__` if the class has one.
    pub fn repr(&mut self, h: &Handle) -> Result<String, Error> {
        self.call("repr", (h,))
    }

    /// The name of the value's type (`int`, `generator`, `Player`).
    pub fn type_name(&self, h: &Handle) -> Result<String, Error> {
        Ok(self.vm.type_name(h.value(&self.vm)?))
    }

    // ----- calls ----------------------------------------------------------------------------

    /// Calls `f` (a global's name or a handle) with `args` and converts the result. Calling a
    /// generator function gives the generator (a [`Handle`]) to drive with [`Runtime::resume`].
    /// A suspended run is an error and is abandoned: use [`Runtime::start_call`] to continue it.
    pub fn call<R: FromScript>(&mut self, f: impl Callee, args: impl IntoArgs) -> Result<R, Error> {
        self.enter();
        match self.call_raw(f, args)? {
            Ok(Outcome::Returned(v)) | Ok(Outcome::Yielded(v)) => R::from_script(&mut self.vm, v),
            other => self.step(other)?.finished().and_then(|h| self.get(&h)),
        }
    }

    /// [`Runtime::call`], giving back how the run stopped (it may run out of fuel or be
    /// suspended by a native, and then be continued).
    pub fn start_call(&mut self, f: impl Callee, args: impl IntoArgs) -> Result<Step, Error> {
        self.enter();
        let r = self.call_raw(f, args)?;
        self.step(r)
    }

    fn call_raw(&mut self, f: impl Callee, args: impl IntoArgs) -> Result<Result<Outcome, Exc>, Error> {
        let callee = f.resolve(&mut self.vm)?;
        // The arguments go through a buffer kept for the purpose: no allocation per call.
        let mut buf = std::mem::take(&mut self.args);
        buf.clear();
        let converted = args.push_args(&mut self.vm, &mut buf);
        let r = converted.and_then(|()| self.call_with(callee, &mut buf));
        self.args = buf;
        r
    }

    fn call_with(&mut self, callee: Value, args: &mut Vec<Value>) -> Result<Result<Outcome, Exc>, Error> {
        let vm = &mut self.vm;
        let callee = match callee {
            Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::Function(_)) => r,
            // Any other callable goes through a Python helper, so that classes, bound methods
            // and builtins that ask the loop for calls all work as in a script.
            _ => {
                let Some(Value::Obj(helper)) = vm.embed.host_call_helper else {
                    return Err(Error::usage("the runtime's helpers are missing"));
                };
                let t = vm.new_tuple(std::mem::take(args));
                args.extend([callee, t]);
                helper
            }
        };
        let is_gen = matches!(vm.heap.get(callee), HeapObj::Function(f) if f.code.code.flags.generator);
        // The loop's own fast path first (a pooled frame, exact positional arguments).
        let frame = match vm.fast_frame(Value::Obj(callee), args) {
            Ok(Some(f)) => Ok(f),
            Ok(None) => vm.function_frame(callee, args, &[]),
            Err(e) => Err(e),
        };
        let mut frame = match frame {
            Ok(f) => f,
            Err(e) => return Ok(Err(e)),
        };
        if is_gen {
            return Ok(Ok(Outcome::Returned(vm.function_generator(callee, frame, None))));
        }
        frame.link = Link::Host;
        Ok(vm.run(frame, None))
    }

    // ----- generators -----------------------------------------------------------------------

    /// Resumes generator `gen` with `value` (its `yield` expression's result; `()` gives None,
    /// as `next` does). The first resume of a new generator must send None.
    pub fn resume(&mut self, gen: &Handle, value: impl IntoScript) -> Result<Step, Error> {
        self.enter();
        let g = self.generator(gen)?;
        let v = value.into_script(&mut self.vm)?;
        let r = self.resume_raw(g, ResumeMode::Send(v));
        self.step(r)
    }

    /// Raises `exc` in generator `gen` at its `yield` (`gen.throw`): it may catch it and yield
    /// again, return, or let it (or another exception) out as an error.
    ///
    /// ```
    /// use coro_vm::embed::{Error, OutputBuffer, Runtime, Step};
    ///
    /// let out = OutputBuffer::default();
    /// let mut rt = Runtime::builder().stdout(out.clone()).build();
    /// rt.exec("def worker():\n    try:\n        while True:\n            try:\n                yield 'ready'\n            except ValueError as e:\n                print('recovered from', e)\n    finally:\n        print('closed')\n", "main.py")?;
    /// let w = rt.call("worker", ())?;
    /// assert!(matches!(rt.resume(&w, ())?, Step::Yielded(_)));
    /// let Step::Yielded(v) = rt.throw(&w, Error::new("ValueError", "bad input"))? else { panic!() };
    /// assert_eq!(rt.get::<String>(&v)?, "ready");
    /// let err = rt.throw(&w, Error::new("KeyError", "gone")).unwrap_err(); // not caught
    /// assert_eq!(err.summary(), "KeyError: 'gone'");
    /// // close() runs the finally blocks of a generator that is still suspended.
    /// let w = rt.call("worker", ())?;
    /// let _ = rt.resume(&w, ())?;
    /// assert!(matches!(rt.close(&w)?, Step::Returned(_)));
    /// assert_eq!(out.contents(), "recovered from bad input\nclosed\nclosed\n");
    /// # Ok::<(), coro_vm::embed::Error>(())
    /// ```
    pub fn throw(&mut self, gen: &Handle, exc: Error) -> Result<Step, Error> {
        self.enter();
        let g = self.generator(gen)?;
        let e = exc.to_exc(&mut self.vm);
        let r = self.resume_raw(g, ResumeMode::Throw(e));
        self.step(r)
    }

    /// Closes generator `gen` (`gen.close()`): GeneratorExit is raised at its `yield` so its
    /// `finally` blocks run. `Step::Returned(None)` once it is closed; a generator that yields
    /// instead is a `RuntimeError` ("generator ignored GeneratorExit"), as in CPython.
    pub fn close(&mut self, gen: &Handle) -> Result<Step, Error> {
        self.enter();
        let g = self.generator(gen)?;
        let r = match self.resume_raw(g, ResumeMode::Close) {
            Ok(Outcome::Returned(_)) => Ok(Outcome::Returned(Value::None)),
            Ok(Outcome::Yielded(_)) => Err(self.vm.runtime_error("generator ignored GeneratorExit")),
            Err(e) if self.vm.exc_is(e, crate::types::ExcKind::GeneratorExit) => Ok(Outcome::Returned(Value::None)),
            other => other,
        };
        self.step(r)
    }

    fn generator(&self, h: &Handle) -> Result<ObjRef, Error> {
        match h.value(&self.vm)? {
            Value::Obj(r) if matches!(self.vm.heap.get(r), HeapObj::Generator(_)) => Ok(r),
            v => Err(Error::with_kind(
                ErrorKind::Usage,
                "TypeError",
                format!("expected a generator, got {}", self.vm.type_name(v)),
            )),
        }
    }

    /// Resumes `g` with the host as its resumer (`Link::Host`): its yield or return ends the run.
    fn resume_raw(&mut self, g: ObjRef, mode: ResumeMode) -> Result<Outcome, Exc> {
        let vm = &mut self.vm;
        let mut holder = vm.placeholder_frame();
        let depth = vm.frames.len();
        let r = vm.resume_generator(&mut holder, g, mode, Link::Host);
        // If the generator's frame took the holder's place, the holder is on the frame stack
        // as its caller: the host is the caller instead.
        let switched = vm.frames.len() > depth;
        while vm.frames.len() > depth {
            if let Some(placeholder) = vm.frames.pop() {
                vm.recycle_frame(placeholder);
            }
        }
        match r {
            Ok(Flow::Next) if switched => vm.run(holder, None),
            Ok(Flow::Next) => Ok(Outcome::Returned(holder.stack.pop().unwrap_or(Value::None))),
            Ok(Flow::Exit(out)) => Ok(out),
            Err(e) if switched => vm.run(holder, Some(e)),
            Err(e) => Err(e),
        }
    }

    // ----- suspended runs -------------------------------------------------------------------

    /// Continues a run that ran out of fuel, where it stopped (with the fuel there is now).
    pub fn proceed(&mut self, paused: Paused) -> Result<Step, Error> {
        self.enter();
        let s = self.unpark(paused.run)?;
        let r = self.vm.continue_run(*s, Ok(Value::None));
        self.step(r)
    }

    /// Continues a run a native suspended: `value` becomes the result of the native's call. (A
    /// value that does not convert is raised in the script as the conversion error.)
    pub fn reply(&mut self, pending: Pending, value: impl IntoScript) -> Result<Step, Error> {
        self.enter();
        let input = value.into_script(&mut self.vm).map_err(|e| e.to_exc(&mut self.vm));
        let s = self.unpark(pending.run)?;
        let r = self.vm.continue_run(*s, input);
        self.step(r)
    }

    /// Continues a run a native suspended by raising `exc` where the native was called (the
    /// same as [`Runtime::raise_in`]).
    pub fn reply_error(&mut self, pending: Pending, exc: Error) -> Result<Step, Error> {
        self.raise_in(pending, exc)
    }

    /// Continues a suspended run by raising `exc` where it stopped: at the call of the native
    /// that suspended it ([`Pending`]), or at the loop back edge or call where the fuel ran
    /// out ([`Paused`]). The script sees an ordinary exception there: its `except` and
    /// `finally` blocks run (with the fuel there is now, so a paused script given no more
    /// fuel stops again at its next back edge), and an exception nobody catches comes back
    /// as the error, with the script's traceback.
    ///
    /// ```
    /// use coro_vm::embed::{Error, OutputBuffer, Runtime, Step};
    ///
    /// let out = OutputBuffer::default();
    /// let mut rt = Runtime::builder().stdout(out.clone()).fuel(10_000).build();
    /// rt.exec("def serve():\n    try:\n        while True:\n            pass\n    finally:\n        print('cleaned up')\n", "main.py")?;
    /// let Step::OutOfFuel(paused) = rt.start_call("serve", ())? else { panic!() };
    /// // Time is up: give the script enough fuel to clean up, and interrupt it.
    /// rt.add_fuel(1_000);
    /// let err = rt.raise_in(paused, Error::new("KeyboardInterrupt", "")).unwrap_err();
    /// assert_eq!(err.type_name(), "KeyboardInterrupt");
    /// assert!(err.traceback().contains("line 3, in serve")); // the `while` line
    /// assert_eq!(out.contents(), "cleaned up\n");
    /// # Ok::<(), coro_vm::embed::Error>(())
    /// ```
    pub fn raise_in(&mut self, run: impl SuspendedRun, exc: Error) -> Result<Step, Error> {
        self.enter();
        let e = exc.to_exc(&mut self.vm);
        let s = self.unpark(run.into_parked())?;
        let r = self.vm.continue_run(*s, Err(e));
        self.step(r)
    }

    /// Stops a suspended run for good, now, without running any more of the script: the
    /// generators whose frames it holds are finished (resuming one gives `Returned(None)`),
    /// their `finally` blocks do not run, and what its natives' pending
    /// [`NativeCx::call_then`] continuations captured is dropped. (Dropping the `Paused` or
    /// `Pending` does the same the next time the runtime is used; to let the script clean up,
    /// [`Runtime::raise_in`] an exception instead.)
    ///
    /// ```
    /// use coro_vm::embed::{NativeCx, Runtime, Step};
    ///
    /// let mut rt = Runtime::new();
    /// rt.register_fn("wait_for_player", |cx: &mut NativeCx, ()| cx.suspend("input"));
    /// rt.exec("def turns():\n    while True:\n        yield wait_for_player()\n", "main.py")?;
    /// let game = rt.call("turns", ())?;
    /// let Step::Suspended(pending) = rt.resume(&game, ())? else { panic!() };
    /// rt.cancel(pending)?; // the player left
    /// assert!(matches!(rt.resume(&game, ())?, Step::Returned(_)));
    /// # Ok::<(), coro_vm::embed::Error>(())
    /// ```
    pub fn cancel(&mut self, run: impl SuspendedRun) -> Result<(), Error> {
        self.enter();
        let s = self.unpark(run.into_parked())?;
        abandon(&mut self.vm, *s);
        Ok(())
    }

    fn park(&mut self, s: Box<Suspension>) -> Parked {
        let e = &mut self.vm.embed;
        let id = match e.free_parked.pop() {
            Some(id) => {
                e.parked[id as usize] = Some(s);
                id
            }
            None => {
                e.parked.push(Some(s));
                e.parked.len() as u32 - 1
            }
        };
        Parked { id, shared: e.shared.clone(), live: true }
    }

    fn unpark(&mut self, mut run: Parked) -> Result<Box<Suspension>, Error> {
        if !Rc::ptr_eq(&run.shared, &self.vm.embed.shared) {
            return Err(Error::usage("a suspended run was continued by a runtime other than its own"));
        }
        run.live = false;
        let s = self.vm.embed.parked.get_mut(run.id as usize).and_then(Option::take);
        self.vm.embed.free_parked.push(run.id);
        s.ok_or_else(|| Error::usage("the suspended run is gone"))
    }

    /// The host's view of how a run stopped.
    fn step(&mut self, r: Result<Outcome, Exc>) -> Result<Step, Error> {
        match r {
            Ok(Outcome::Returned(v)) => Ok(Step::Returned(Handle::new(&self.vm, v))),
            Ok(Outcome::Yielded(v)) => Ok(Step::Yielded(Handle::new(&self.vm, v))),
            Ok(Outcome::Suspended(s)) => {
                let request = match s.reason {
                    SuspendReason::Request(v) => Some(Handle::new(&self.vm, v)),
                    SuspendReason::OutOfFuel => None,
                };
                let run = self.park(s);
                Ok(match request {
                    Some(request) => Step::Suspended(Pending { run, request }),
                    None => Step::OutOfFuel(Paused { run }),
                })
            }
            Err(e) => Err(Error::from_exc(&mut self.vm, e)),
        }
    }

    // ----- fuel -----------------------------------------------------------------------------

    /// Bounds how far scripts run: `Some(n)` gives `n` units (about one per instruction: a
    /// loop iteration costs its body's length, a call a few units), after which the running
    /// script is suspended with [`Step::OutOfFuel`] (by the `start_*`, `resume` and `proceed`
    /// methods) at a loop's back edge or a call, invisibly to the script. `None`: unbounded.
    ///
    /// ```
    /// use coro_vm::embed::{Runtime, Step};
    ///
    /// let mut rt = Runtime::new();
    /// rt.exec("def spin(n):\n    i = 0\n    while i < n:\n        i += 1\n    return i\n", "main.py")?;
    /// rt.set_fuel(Some(1000));
    /// let mut step = rt.start_call("spin", (100_000,))?;
    /// let mut slices = 1;
    /// while let Step::OutOfFuel(paused) = step {
    ///     rt.add_fuel(1000);
    ///     step = rt.proceed(paused)?;
    ///     slices += 1;
    /// }
    /// let Step::Returned(n) = step else { panic!() };
    /// assert_eq!(rt.get::<i64>(&n)?, 100_000);
    /// assert!(slices > 100);
    /// # Ok::<(), coro_vm::embed::Error>(())
    /// ```
    pub fn set_fuel(&mut self, fuel: Option<u64>) {
        self.bounded = fuel.is_some();
        self.vm.fuel = fuel.unwrap_or(u64::MAX);
    }

    /// Adds fuel (nothing changes while fuel is unbounded).
    pub fn add_fuel(&mut self, units: u64) {
        if self.bounded {
            self.vm.fuel = self.vm.fuel.saturating_add(units);
        }
    }

    /// The fuel left; `None` while unbounded.
    pub fn fuel(&self) -> Option<u64> {
        self.bounded.then_some(self.vm.fuel)
    }

    // ----- host functions and modules -------------------------------------------------------

    /// A function object that calls the Rust closure `f`: its arguments are converted by `A`
    /// (a tuple of [`FromScript`] types, or [`Rest`]), its result by [`IntoReply`] (a value or
    /// a [`Reply`]); an `Err` raises the error's exception in the script. `name` is the
    /// function's name, or a [`Signature`] that also names its parameters so scripts can pass
    /// them by keyword.
    pub fn function<A, R, F>(&mut self, name: impl Into<Signature>, f: F) -> Handle
    where
        A: FromArgs,
        R: IntoReply,
        F: FnMut(&mut NativeCx<'_>, A) -> Result<R, Error> + 'static,
    {
        let v = native::new_host_fn(&mut self.vm, name.into(), f);
        Handle::new(&self.vm, v)
    }

    /// Makes a Rust closure a builtin function named `name`, visible to every module. The
    /// closure may capture host state. Arguments and results are converted as for
    /// [`Runtime::function`]; give a [`Signature`] instead of a name to take keyword arguments.
    ///
    /// ```
    /// use coro_vm::embed::{Error, NativeCx, Runtime};
    /// use std::{cell::Cell, rc::Rc};
    ///
    /// let mut rt = Runtime::new();
    /// let score = Rc::new(Cell::new(0));
    /// let s = score.clone();
    /// rt.register_fn("add_score", move |_cx: &mut NativeCx, (points,): (i64,)| {
    ///     if points < 0 {
    ///         return Err(Error::new("ValueError", "points must be positive"));
    ///     }
    ///     s.set(s.get() + points);
    ///     Ok(s.get())
    /// });
    /// rt.exec("add_score(3)\nadd_score(4)", "main.py")?;
    /// assert_eq!(score.get(), 7);
    /// let err = rt.exec("try:\n    add_score(-1)\nexcept ValueError as e:\n    print(e)\nadd_score('x')", "main.py").unwrap_err();
    /// assert_eq!(err.summary(), "TypeError: add_score() argument 1: expected int, got str");
    /// # Ok::<(), coro_vm::embed::Error>(())
    /// ```
    pub fn register_fn<A, R, F>(&mut self, name: impl Into<Signature>, f: F)
    where
        A: FromArgs,
        R: IntoReply,
        F: FnMut(&mut NativeCx<'_>, A) -> Result<R, Error> + 'static,
    {
        let sig = name.into();
        let key = self.vm.intern(sig.name());
        let v = native::new_host_fn(&mut self.vm, sig, f);
        let b = self.vm.builtins;
        // Setting a str key in the builtins dict cannot fail.
        let _ = self.vm.dict_set(b, key, v);
    }

    /// Defines a native module `name` that scripts import (`import name`), filled by `build`.
    ///
    /// ```
    /// use coro_vm::embed::{NativeCx, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// rt.register_module("game", |m| {
    ///     m.function("spawn", |_cx: &mut NativeCx, (kind,): (String,)| Ok(format!("spawned {kind}")));
    ///     m.value("MAX_ENTITIES", 10_000)
    /// })?;
    /// rt.exec("import game\nr = game.spawn('orc'), game.MAX_ENTITIES", "main.py")?;
    /// assert_eq!(rt.global::<(String, i64)>("r")?, ("spawned orc".to_string(), 10_000));
    /// # Ok::<(), coro_vm::embed::Error>(())
    /// ```
    pub fn register_module(
        &mut self,
        name: &str,
        build: impl FnOnce(&mut ModuleBuilder<'_>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let m = self.vm.new_module(name);
        let dict = self.vm.module_dict(m);
        self.vm.embed.modules.insert(name.to_string(), HostModule::Native(m));
        build(&mut ModuleBuilder { vm: &mut self.vm, dict })
    }

    // ----- memory ---------------------------------------------------------------------------

    /// Collects garbage now (values held by handles stay).
    pub fn collect_garbage(&mut self) {
        self.enter();
        self.vm.collect_garbage(None);
    }

    /// The estimated bytes of the live heap (as of the last collection, plus what was allocated
    /// since), the figure the memory limit applies to.
    pub fn memory_used(&self) -> usize {
        self.vm.heap.bytes
    }
}

/// Fills a native module ([`Runtime::register_module`]).
pub struct ModuleBuilder<'a> {
    vm: &'a mut Vm,
    dict: ObjRef,
}

impl ModuleBuilder<'_> {
    /// Adds a host function (see [`Runtime::function`]).
    pub fn function<A, R, F>(&mut self, name: impl Into<Signature>, f: F)
    where
        A: FromArgs,
        R: IntoReply,
        F: FnMut(&mut NativeCx<'_>, A) -> Result<R, Error> + 'static,
    {
        let sig = name.into();
        let key = self.vm.intern(sig.name());
        let v = native::new_host_fn(self.vm, sig, f);
        let _ = self.vm.dict_set(self.dict, key, v);
    }

    /// Adds a value.
    pub fn value(&mut self, name: &str, value: impl IntoScript) -> Result<(), Error> {
        let v = value.into_script(self.vm)?;
        let key = self.vm.intern(name);
        self.vm.dict_set(self.dict, key, v).map_err(|e| Error::from_exc(self.vm, e))
    }
}
