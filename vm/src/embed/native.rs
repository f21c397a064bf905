//! Host functions: Rust closures a script calls like any builtin. A closure lives in the
//! runtime's table of host functions; the function object the script sees is a builtin whose
//! receiver slot holds the table index, and one trampoline (`host_trampoline`) dispatches to the
//! closure. Like every native, a host function never runs Python itself: it answers with a
//! [`Reply`] asking the loop to call something (and maybe continue in Rust with the result) or
//! to suspend the whole run until the host answers.

use super::convert::{FromScript, IntoArgs, IntoScript};
use super::{Error, Handle};
use crate::interp::Ret;
use crate::object::{Builtin, HeapObj};
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};
use smallvec::SmallVec;
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::{Mutex, OnceLock};

/// The `owner` of every host function object (how `repr` tells them from bound methods).
const HOST_OWNER: &str = "<host>";

/// Is `b` a host function (its receiver slot holds a table index, not a bound object)?
pub(crate) fn is_host_fn(b: &Builtin) -> bool {
    b.owner == HOST_OWNER
}

type HostFn = dyn FnMut(&mut NativeCx<'_>, &[Value]) -> Result<Ret, Error>;
type Continuation = Box<dyn FnOnce(&mut NativeCx<'_>, Value) -> Result<Ret, Error>>;

/// An entry of the host function table.
pub(crate) enum Slot {
    /// A host function: its closure (`None` while it runs) and what binds keywords for it.
    Fn {
        f: Option<Box<HostFn>>,
        sig: Rc<Signature>,
    },
    /// The rest of a native after a call it asked for (`NativeCx::call_then`); used once.
    /// `obj` is the builtin object standing for it: when the collector frees that object the
    /// continuation can never run, and the slot is freed too (`sweep_continuations`).
    Once {
        f: Continuation,
        generation: u32,
        obj: ObjRef,
    },
    Free {
        generation: u32,
    },
}

/// What a native function gets besides its arguments: the VM, to convert values, hold them and
/// build its [`Reply`].
pub struct NativeCx<'a> {
    pub(crate) vm: &'a mut Vm,
}

impl NativeCx<'_> {
    /// Converts a handle's value.
    pub fn get<T: FromScript>(&mut self, h: &Handle) -> Result<T, Error> {
        let v = h.value(self.vm)?;
        T::from_script(self.vm, v)
    }

    /// Holds a Rust value as a script value.
    pub fn handle(&mut self, v: impl IntoScript) -> Result<Handle, Error> {
        let v = v.into_script(self.vm)?;
        Ok(Handle::new(self.vm, v))
    }

    /// The name of the value's Python type (`int`, `list`, `Player`).
    pub fn type_name(&self, h: &Handle) -> Result<String, Error> {
        Ok(self.vm.type_name(h.value(self.vm)?))
    }

    /// Replies by calling `callee` with `args`: its result becomes this native's result (and an
    /// exception it raises propagates to the native's caller). The call runs in the dispatch
    /// loop after the native returns, never on the native stack.
    pub fn call(&mut self, callee: &Handle, args: impl IntoArgs) -> Result<Reply, Error> {
        let callee = callee.value(self.vm)?;
        let args = args.into_args(self.vm)?;
        Ok(Reply(Kind::Call(Handle::new(self.vm, callee), args.into_iter().map(|v| Handle::new(self.vm, v)).collect())))
    }

    /// Replies by calling `callee` with `args`, then continuing in `then` with its result,
    /// converted to `R`. `then` replies in turn (a value, another call, a suspension). If the
    /// call raises, the exception propagates and `then` is dropped unused.
    ///
    /// ```
    /// use coro_vm::embed::{Handle, NativeCx, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// // twice(f, x) = f(f(x)), without ever running Python on the native stack.
    /// rt.register_fn("twice", |cx: &mut NativeCx, (f, x): (Handle, i64)| {
    ///     let g = f.clone();
    ///     cx.call_then(&f, (x,), move |cx, y: i64| cx.call(&g, (y,)))
    /// });
    /// rt.exec("r = twice(lambda n: n * 3, 2)", "main.py")?;
    /// assert_eq!(rt.global::<i64>("r")?, 18);
    /// # Ok::<(), coro_vm::embed::Error>(())
    /// ```
    pub fn call_then<R, T, F>(&mut self, callee: &Handle, args: impl IntoArgs, then: F) -> Result<Reply, Error>
    where
        R: FromScript,
        T: IntoReply,
        F: FnOnce(&mut NativeCx<'_>, R) -> Result<T, Error> + 'static,
    {
        let helper = self.vm.embed.call_then_helper.ok_or_else(|| Error::usage("call_then is unavailable"))?;
        let callee = callee.value(self.vm)?;
        let args = args.into_args(self.vm)?;
        let args = self.vm.new_tuple(args);
        let cont: Continuation = Box::new(move |cx: &mut NativeCx<'_>, v: Value| {
            let r = R::from_script(cx.vm, v)?;
            then(cx, r)?.into_reply(cx.vm)
        });
        let cont = new_continuation(self.vm, cont);
        let parts = [cont, callee, args].map(|v| Handle::new(self.vm, v));
        Ok(Reply(Kind::Call(Handle::new(self.vm, helper), parts.into())))
    }

    /// Replies by suspending the whole run: the host's `start_*`/`resume` call returns
    /// [`Step::Suspended`](super::Step::Suspended) with `request`, and the run continues when
    /// the host replies, the reply becoming this native's result (or an exception raised where
    /// it was called). This works at any depth: in nested calls, in generators, in `yield from`
    /// chains.
    ///
    /// ```
    /// use coro_vm::embed::{Error, NativeCx, Runtime, Step};
    ///
    /// let mut rt = Runtime::new();
    /// rt.register_fn("ask", |cx: &mut NativeCx, (question,): (String,)| cx.suspend(question));
    /// rt.exec("def quiz():\n    name = ask('name?')\n    try:\n        age = ask('age?')\n    except TimeoutError:\n        age = 'unknown'\n    yield f'{name} ({age})'\n\ndef outer():\n    yield from quiz()\n", "main.py")?;
    /// let gen = rt.call("outer", ())?;
    /// let Step::Suspended(p) = rt.resume(&gen, ())? else { panic!() };
    /// assert_eq!(rt.get::<String>(p.request())?, "name?");
    /// let Step::Suspended(p) = rt.reply(p, "Ada")? else { panic!() };
    /// let Step::Yielded(v) = rt.reply_error(p, Error::new("TimeoutError", "no answer"))? else { panic!() };
    /// assert_eq!(rt.get::<String>(&v)?, "Ada (unknown)");
    /// # Ok::<(), coro_vm::embed::Error>(())
    /// ```
    pub fn suspend(&mut self, request: impl IntoScript) -> Result<Reply, Error> {
        let v = request.into_script(self.vm)?;
        Ok(Reply(Kind::Suspend(Handle::new(self.vm, v))))
    }
}

/// What a native asks the loop to do (made by [`NativeCx::call`], [`NativeCx::call_then`] and
/// [`NativeCx::suspend`]); a native can also reply with any [`IntoScript`] value.
pub struct Reply(Kind);

enum Kind {
    Call(Handle, Vec<Handle>),
    Suspend(Handle),
}

/// A native function's result: any [`IntoScript`] value, or a [`Reply`].
pub trait IntoReply {
    fn into_reply(self, vm: &mut Vm) -> Result<Ret, Error>;
}

impl<T: IntoScript> IntoReply for T {
    fn into_reply(self, vm: &mut Vm) -> Result<Ret, Error> {
        Ok(Ret::Value(self.into_script(vm)?))
    }
}

impl IntoReply for Reply {
    fn into_reply(self, vm: &mut Vm) -> Result<Ret, Error> {
        Ok(match self.0 {
            Kind::Call(callee, args) => {
                let args = args.iter().map(|h| h.value(vm)).collect::<Result<Vec<_>, _>>()?;
                Ret::TailCall(callee.value(vm)?, args)
            }
            Kind::Suspend(request) => Ret::Suspend(request.value(vm)?),
        })
    }
}

/// A host function's name and, if it takes keyword arguments, the names of its parameters.
///
/// A plain name (`"spawn"`, through `From<&str>`) makes a function whose arguments are passed
/// by position only; a keyword is `TypeError: spawn() takes no keyword arguments`. With names
/// ([`Signature::new`]) a caller may pass those parameters by keyword too, and a `"*"` among
/// them starts the keyword-only ones, as in a Python `def`. Keywords are bound to positions
/// before the closure's arguments are converted, with CPython's errors: an unexpected keyword,
/// an argument given twice, a required one missing, too many positional arguments.
///
/// ```
/// use coro_vm::embed::{NativeCx, Runtime, Signature};
///
/// let mut rt = Runtime::new();
/// let sig = Signature::new("spawn", ["kind", "x", "y", "*", "hp"]);
/// rt.register_fn(sig, |_cx: &mut NativeCx, (kind, x, y, hp): (String, f64, Option<f64>, Option<i64>)| {
///     Ok(format!("{kind} at ({x}, {}) with {} hp", y.unwrap_or(0.0), hp.unwrap_or(10)))
/// });
/// rt.exec("a = spawn('orc', 1.5, hp=30)\nb = spawn(y=2.0, x=0.5, kind='elf')", "main.py")?;
/// assert_eq!(rt.global::<String>("a")?, "orc at (1.5, 0) with 30 hp");
/// assert_eq!(rt.global::<String>("b")?, "elf at (0.5, 2) with 10 hp");
/// let err = rt.exec("spawn('orc', 1.0, speed=3)", "main.py").unwrap_err();
/// assert_eq!(err.summary(), "TypeError: spawn() got an unexpected keyword argument 'speed'");
/// let err = rt.exec("spawn('orc', 1.0, 2.0, 30)", "main.py").unwrap_err();
/// assert_eq!(err.summary(), "TypeError: spawn() takes 3 positional arguments but 4 were given");
/// let err = rt.exec("spawn(y=1.0)", "main.py").unwrap_err();
/// assert_eq!(err.summary(), "TypeError: spawn() missing 2 required positional arguments: 'kind' and 'x'");
/// # Ok::<(), coro_vm::embed::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Signature {
    name: &'static str,
    /// The parameters' names (without the `*`); positions past them have none.
    params: Box<[&'static str]>,
    /// How many parameters can be passed by position (`usize::MAX` without a `*`).
    positional: usize,
}

impl Signature {
    /// The function `name` whose first parameters are called `params` (a `"*"` among them
    /// makes the following ones keyword-only). Parameters past the named ones (the rest of a
    /// tuple, a [`Rest`]) are passed by position.
    pub fn new<'a>(name: &str, params: impl IntoIterator<Item = &'a str>) -> Signature {
        let mut names = Vec::new();
        let mut positional = usize::MAX;
        for p in params {
            if p == "*" {
                positional = positional.min(names.len());
            } else {
                names.push(static_name(p));
            }
        }
        Signature { name: static_name(name), params: names.into(), positional }
    }

    /// The function's name.
    pub fn name(&self) -> &str {
        self.name
    }

    /// The name of parameter `i` (from 0), if it has one.
    pub fn param(&self, i: usize) -> Option<&str> {
        self.params.get(i).copied()
    }

    /// Does the caller give too many positional arguments (only a `*` limits them here; the
    /// parameters' types limit them too, see [`FromArgs`])?
    fn too_many_positional(&self, given: usize) -> Option<Error> {
        (given > self.positional).then(|| {
            let n = self.positional;
            let msg = format!(
                "{}() takes {n} positional argument{} but {given} {} given",
                self.name,
                if n == 1 { "" } else { "s" },
                if given == 1 { "was" } else { "were" }
            );
            Error::conversion("TypeError", msg)
        })
    }

    /// The arguments of a call with keywords, laid out by position: the positional ones first,
    /// each keyword's value at its parameter's position, `Value::Undef` where none was given.
    fn bind(&self, vm: &Vm, args: &[Value], kwnames: &[Value]) -> Result<SmallVec<[Value; 8]>, Error> {
        let npos = args.len() - kwnames.len();
        if let Some(e) = self.too_many_positional(npos) {
            return Err(e);
        }
        if self.params.is_empty() {
            return Err(Error::conversion("TypeError", format!("{}() takes no keyword arguments", self.name)));
        }
        let mut bound: SmallVec<[Value; 8]> = SmallVec::from_slice(&args[..npos]);
        for (k, v) in kwnames.iter().zip(&args[npos..]) {
            let key = vm.str_of(*k).unwrap_or("");
            let Some(i) = self.params.iter().position(|p| *p == key) else {
                let msg = format!("{}() got an unexpected keyword argument '{key}'", self.name);
                return Err(Error::conversion("TypeError", msg));
            };
            if bound.len() <= i {
                bound.resize(i + 1, Value::Undef);
            }
            if !bound[i].is_undef() {
                let msg = format!("{}() got multiple values for argument '{key}'", self.name);
                return Err(Error::conversion("TypeError", msg));
            }
            bound[i] = *v;
        }
        Ok(bound)
    }

    /// The error for the required arguments (`required[i]`) a call left out.
    fn missing(&self, args: &[Value], required: &[bool]) -> Error {
        let absent = |i: usize| args.get(i).is_none_or(|v| v.is_undef());
        let gaps: Vec<usize> = (0..required.len()).filter(|&i| required[i] && absent(i)).collect();
        let named: Vec<String> = gaps.iter().filter_map(|&i| self.param(i)).map(|n| format!("'{n}'")).collect();
        let total = required.len();
        if named.len() != gaps.len() || gaps.is_empty() {
            let msg = format!("{}() takes {total} argument{} ({} given)", self.name, plural(total), args.len());
            return Error::conversion("TypeError", msg);
        }
        // CPython lists them as 'a', 'b' and 'c'; keyword-only ones only when no positional
        // one is missing.
        let kwonly = gaps.iter().all(|&i| i >= self.positional);
        let named: Vec<String> =
            gaps.iter().zip(named).filter(|(i, _)| (**i >= self.positional) == kwonly).map(|(_, n)| n).collect();
        let list = match named.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        let what = if kwonly { "keyword-only" } else { "positional" };
        let msg =
            format!("{}() missing {} required {what} argument{}: {list}", self.name, named.len(), plural(named.len()));
        Error::conversion("TypeError", msg)
    }

    /// A conversion error for argument `i`.
    fn in_argument(&self, e: Error, i: usize) -> Error {
        match self.param(i) {
            Some(p) => e.in_item(format_args!("{}() argument '{p}'", self.name)),
            None => e.in_argument(self.name, i),
        }
    }
}

impl From<&str> for Signature {
    fn from(name: &str) -> Signature {
        Signature::new(name, [])
    }
}

impl From<&String> for Signature {
    fn from(name: &String) -> Signature {
        Signature::new(name, [])
    }
}

impl From<String> for Signature {
    fn from(name: String) -> Signature {
        Signature::new(&name, [])
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A native function's parameters: `()`, a tuple of up to six [`FromScript`] types (trailing
/// `Option`s may be left out by the caller), or [`Rest`] for any number of arguments.
pub trait FromArgs: Sized {
    /// Converts the arguments of a call of the function `sig` names, laid out by position
    /// (keywords already bound to theirs; `Value::Undef` marks one the caller left out).
    fn from_args(vm: &mut Vm, sig: &Signature, args: &[Value]) -> Result<Self, Error>;
}

/// Every argument, each converted to `T`: `Rest<Handle>` takes anything.
pub struct Rest<T>(pub Vec<T>);

impl<T: FromScript> FromArgs for Rest<T> {
    fn from_args(vm: &mut Vm, sig: &Signature, args: &[Value]) -> Result<Self, Error> {
        if args.iter().any(|v| v.is_undef()) {
            return Err(sig.missing(args, &vec![true; args.len()]));
        }
        let items = args.iter().enumerate().map(|(i, v)| T::from_script(vm, *v).map_err(|e| sig.in_argument(e, i)));
        Ok(Rest(items.collect::<Result<_, _>>()?))
    }
}

impl FromArgs for () {
    fn from_args(vm: &mut Vm, sig: &Signature, args: &[Value]) -> Result<Self, Error> {
        let _ = vm;
        match args.len() {
            0 => Ok(()),
            n => Err(Error::conversion("TypeError", format!("{}() takes no arguments ({n} given)", sig.name))),
        }
    }
}

/// Argument `i` of `args` converted, or its default when left out (the caller checked that
/// every required one is there).
#[inline]
fn arg<T: FromScript>(vm: &mut Vm, sig: &Signature, args: &[Value], i: usize) -> Result<T, Error> {
    match args.get(i) {
        Some(v) if !v.is_undef() => T::from_script(vm, *v).map_err(|e| sig.in_argument(e, i)),
        _ => T::when_missing().ok_or_else(|| sig.missing(args, &[true])),
    }
}

macro_rules! tuple_from_args {
    ($n:expr; $($t:ident $i:tt),+) => {
        impl<$($t: FromScript),+> FromArgs for ($($t,)+) {
            fn from_args(vm: &mut Vm, sig: &Signature, args: &[Value]) -> Result<Self, Error> {
                if args.len() > $n {
                    let msg = format!("{}() takes at most {} argument{} ({} given)", sig.name, $n, plural($n), args.len());
                    return Err(Error::conversion("TypeError", msg));
                }
                let absent = |i: usize| args.get(i).is_none_or(|v| v.is_undef());
                if $(( absent($i) && $t::when_missing().is_none() ))||+ {
                    return Err(sig.missing(args, &[$($t::when_missing().is_none()),+]));
                }
                Ok(($(arg::<$t>(vm, sig, args, $i)?,)+))
            }
        }
    };
}

tuple_from_args!(1; A 0);
tuple_from_args!(2; A 0, B 1);
tuple_from_args!(3; A 0, B 1, C 2);
tuple_from_args!(4; A 0, B 1, C 2, D 3);
tuple_from_args!(5; A 0, B 1, C 2, D 3, E 4);
tuple_from_args!(6; A 0, B 1, C 2, D 3, E 4, F 5);

/// A function name as `Builtin` keeps it (`&'static str`): each distinct name is leaked once per
/// process, so registering the same names in many runtimes does not grow memory.
fn static_name(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = match NAMES.get_or_init(Default::default).lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(n) = names.get(name) {
        return n;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}

/// The receiver-slot tag of table entry `index` (of `generation`, for entries used once).
fn tag(index: usize, generation: u32) -> i64 {
    index as i64 | (generation as i64) << 32
}

/// The builtin object for table entry `index` (of `generation`, for entries used once).
fn host_object(vm: &mut Vm, name: &'static str, index: usize, generation: u32) -> ObjRef {
    let b = Builtin {
        name,
        func: host_trampoline,
        this: Value::Int(tag(index, generation)),
        owner: HOST_OWNER,
        fast: crate::object::FastMethod::No,
    };
    vm.heap.alloc(HeapObj::Builtin(Box::new(b)))
}

/// The table tag of `v` if it is a host function object.
fn host_tag(vm: &Vm, v: Value) -> Option<i64> {
    let Value::Obj(r) = v else { return None };
    match vm.heap.get(r) {
        HeapObj::Builtin(b) if is_host_fn(b) => match b.this {
            Value::Int(tag) => Some(tag),
            _ => None,
        },
        _ => None,
    }
}

/// A function object calling the typed closure `f` (arguments converted by `A`, the result by
/// `R`).
pub(crate) fn new_host_fn<A, R, F>(vm: &mut Vm, sig: Signature, mut f: F) -> Value
where
    A: FromArgs,
    R: IntoReply,
    F: FnMut(&mut NativeCx<'_>, A) -> Result<R, Error> + 'static,
{
    let name = sig.name;
    let sig = Rc::new(sig);
    let own = sig.clone();
    let erased = move |cx: &mut NativeCx<'_>, args: &[Value]| -> Result<Ret, Error> {
        let a = A::from_args(cx.vm, &own, args)?;
        f(cx, a)?.into_reply(cx.vm)
    };
    let index = vm.embed.natives.len();
    vm.embed.natives.push(Slot::Fn { f: Some(Box::new(erased)), sig });
    Value::Obj(host_object(vm, name, index, 0))
}

fn new_continuation(vm: &mut Vm, f: Continuation) -> Value {
    let natives = &mut vm.embed.natives;
    let free = vm.embed.free_natives.pop().and_then(|i| match natives.get(i) {
        Some(Slot::Free { generation }) => Some((i, *generation)),
        _ => None,
    });
    let (index, generation) = match free {
        Some((i, generation)) => (i, generation),
        None => {
            natives.push(Slot::Free { generation: 0 });
            (natives.len() - 1, 0)
        }
    };
    let obj = host_object(vm, static_name("<continuation>"), index, generation);
    vm.embed.natives[index] = Slot::Once { f, generation, obj };
    Value::Obj(obj)
}

/// Frees a continuation that will not run (the call it waited for raised).
pub(crate) fn drop_continuation(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> Result<Ret, Exc> {
    if let Some(tag) = args.first().and_then(|v| host_tag(vm, *v)) {
        take_once(vm, tag);
    }
    Ok(Ret::Value(Value::None))
}

/// Frees the continuations held by the frames of a run that will never continue (their
/// `_call_then` frames hold them), so the Rust state they captured is dropped now.
pub(crate) fn drop_continuations_in(vm: &mut Vm, frames: &[Box<crate::frame::Frame>]) {
    for f in frames {
        for v in &f.stack {
            if let Some(tag) = host_tag(vm, *v) {
                take_once(vm, tag);
            }
        }
    }
}

/// After a collection: frees the continuations whose object was collected (a reply that was
/// never returned, a call that could not start). Nothing can run them any more.
pub(crate) fn sweep_continuations(vm: &mut Vm) {
    let dead: Vec<i64> = (vm.embed.natives.iter().enumerate())
        .filter_map(|(i, slot)| match slot {
            Slot::Once { generation, obj, .. } if host_tag(vm, Value::Obj(*obj)) != Some(tag(i, *generation)) => {
                Some(tag(i, *generation))
            }
            _ => None,
        })
        .collect();
    for t in dead {
        take_once(vm, t);
    }
}

/// Takes the continuation at `tag`, if it is still there, leaving the slot free.
fn take_once(vm: &mut Vm, tag: i64) -> Option<Continuation> {
    let (index, generation) = ((tag & 0xffff_ffff) as usize, (tag >> 32) as u32);
    let slot = vm.embed.natives.get_mut(index)?;
    match slot {
        Slot::Once { generation: g, .. } if *g == generation => {
            let old = std::mem::replace(slot, Slot::Free { generation: generation.wrapping_add(1) });
            vm.embed.free_natives.push(index);
            match old {
                Slot::Once { f, .. } => Some(f),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The `NativeFn` of every host function: finds the closure by the index in the receiver slot
/// (the first argument) and runs it on the rest.
fn host_trampoline(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> Result<Ret, Exc> {
    let (Some(Value::Int(tag)), rest) = (args.first().copied(), args.get(1..).unwrap_or(&[])) else {
        return Err(vm.runtime_error("host function without its table index"));
    };
    let index = (tag & 0xffff_ffff) as usize;
    let (mut f, sig) = match vm.embed.natives.get_mut(index) {
        // The closure is taken out while it runs (natives never run inside one another) and
        // put back after: cheaper than a shared, borrow-checked cell.
        Some(Slot::Fn { f, sig }) => match f.take() {
            Some(f) if kwnames.is_empty() && rest.len() <= sig.positional => (f, None),
            Some(f) => (f, Some(sig.clone())),
            None => return Err(vm.runtime_error("host function called while it runs")),
        },
        Some(Slot::Once { .. }) => return run_continuation(vm, tag, rest),
        _ => return Err(vm.runtime_error("continuation already used")),
    };
    let r = match sig {
        None => f(&mut NativeCx { vm }, rest),
        // Keywords, or too many positional arguments (`bind` reports them).
        Some(sig) => match sig.bind(vm, rest, kwnames) {
            Ok(bound) => f(&mut NativeCx { vm }, &bound),
            Err(e) => Err(e),
        },
    };
    if let Some(Slot::Fn { f: slot, .. }) = vm.embed.natives.get_mut(index) {
        *slot = Some(f);
    }
    r.map_err(|e| e.to_exc(vm))
}

/// Runs the continuation at `tag` (`rest` is the result of the call it waited for, then the
/// `_call_then` helper's box).
#[inline(never)]
fn run_continuation(vm: &mut Vm, tag: i64, rest: &[Value]) -> Result<Ret, Exc> {
    let Some(k) = take_once(vm, tag) else {
        return Err(vm.runtime_error("continuation already used"));
    };
    let (v, chain) = (rest.first().copied().unwrap_or(Value::None), rest.get(1).copied());
    match k(&mut NativeCx { vm }, v) {
        // Another call_then: handed back to `_call_then`'s loop through its box.
        Ok(Ret::TailCall(callee, next))
            if chain.is_some() && vm.embed.call_then_helper.is_some_and(|h| h.is(callee)) =>
        {
            let (Some(Value::Obj(b)), true) = (chain, next.len() == 3) else {
                return Err(vm.runtime_error("call_then: bad continuation chain"));
            };
            let step = vm.new_tuple(next);
            if let HeapObj::List(items) = vm.heap.get_mut(b) {
                items.clear();
                items.push(step);
            }
            Ok(Ret::Value(Value::Obj(b)))
        }
        Ok(ret) => Ok(ret),
        Err(e) => Err(e.to_exc(vm)),
    }
}
