//! The `itertools` module. Each iterator type is a class (`itertools.count`, ...) whose instances
//! are generators running a hidden prelude function (`_count`, ...), tagged with the type's
//! name: so they iterate lazily inside the one dispatch loop, and `type()`, `isinstance`, error
//! messages and reprs show CPython's types. The constructors here check their arguments with
//! CPython's messages and do eagerly what CPython does eagerly (calling `iter()` on arguments).

use crate::builtins::{split_args, NResult};
use crate::object::{Class, HeapObj, NativeFn, TypeKind};
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// Names of CPython's `itertools` that coro does not provide yet.
pub const UNSUPPORTED: &[&str] =
    &["product", "permutations", "combinations", "combinations_with_replacement", "groupby", "batched"];

/// The iterator types: type name (as `type_name` shows it), module attribute, constructor and
/// the prelude generator function behind the instances.
pub const CLASSES: &[(&str, &str, NativeFn, &str)] = &[
    ("itertools.count", "count", new_count, "_count"),
    ("itertools.cycle", "cycle", new_cycle, "_cycle"),
    ("itertools.repeat", "repeat", new_repeat, "_repeat"),
    ("itertools.islice", "islice", new_islice, "_islice"),
    ("itertools.chain", "chain", new_chain, "_chain"),
    ("itertools.zip_longest", "zip_longest", new_zip_longest, "_zip_longest"),
    ("itertools.takewhile", "takewhile", new_takewhile, "_takewhile"),
    ("itertools.dropwhile", "dropwhile", new_dropwhile, "_dropwhile"),
    ("itertools.filterfalse", "filterfalse", new_filterfalse, "_filterfalse"),
    ("itertools.starmap", "starmap", new_starmap, "_starmap"),
    ("itertools.compress", "compress", new_compress, "_compress"),
    ("itertools.pairwise", "pairwise", new_pairwise, "_pairwise"),
    ("itertools.accumulate", "accumulate", new_accumulate, "_accumulate"),
    ("itertools._tee", "_tee", new_tee_object, "_tee"),
];

pub fn create(vm: &mut Vm) -> Result<ObjRef, Exc> {
    let m = super::new_builtin_module(vm, "itertools", &[("tee", tee)], Vec::new())?;
    let d = vm.module_dict(m);
    for (type_name, attr, _, _) in CLASSES {
        let cls = iterator_class(vm, type_name, attr);
        let key = vm.intern(attr);
        vm.dict_set(d, key, Value::Obj(cls))?;
    }
    Ok(m)
}

/// The class of the iterator type `type_name`, created on first use and kept in
/// `vm.types.lazy_iters` (so `class_of` finds it for the tagged generators).
fn iterator_class(vm: &mut Vm, type_name: &'static str, attr: &str) -> ObjRef {
    if let Some((_, c)) = vm.types.lazy_iters.iter().find(|(n, _)| *n == type_name) {
        return *c;
    }
    let dict = vm.new_dict().as_obj().unwrap_or(vm.builtins);
    let object = vm.types.object;
    let cls = vm.heap.alloc_class(Class {
        name: attr.into(),
        qualname: attr.into(),
        module: "itertools".into(),
        bases: vec![object],
        mro: Vec::new(),
        dict,
        kind: TypeKind::Iterator,
        heap_type: false,
        specials: 0,
        metaclass: None,
        layout: Vec::new(),
        iter_cache: std::cell::Cell::new((u64::MAX, Value::Undef)),
    });
    vm.heap.set_mro(cls, vec![cls, object]);
    for (name, f) in crate::builtins::misc::LAZY_ITER_METHODS {
        let key = vm.intern(name);
        let v = crate::builtins::native(vm, name, *f);
        let _ = vm.dict_set(dict, key, v);
    }
    if attr == "chain" {
        let key = vm.intern("from_iterable");
        let v = crate::builtins::native(vm, "from_iterable", chain_from_iterable);
        let _ = vm.dict_set(dict, key, v);
    }
    vm.types.lazy_iters.push((type_name, cls));
    cls
}

/// The constructor of an itertools class, for `builtins::construct`.
pub fn constructor(vm: &Vm, cls: ObjRef) -> Option<NativeFn> {
    let (name, _) = vm.types.lazy_iters.iter().find(|(_, c)| *c == cls)?;
    CLASSES.iter().find(|(n, ..)| n == name).map(|(_, _, f, _)| *f)
}

/// A new instance of the iterator type `type_name`: a generator running its prelude function.
fn instance(vm: &mut Vm, type_name: &'static str, args: &[Value]) -> NResult {
    let Some((_, _, _, func)) = CLASSES.iter().find(|(n, ..)| *n == type_name) else {
        return Err(vm.runtime_error("internal: unknown itertools type"));
    };
    let f = vm.prelude_fn(func);
    let Value::Obj(fr) = f else {
        return Err(vm.runtime_error("internal: itertools prelude function missing"));
    };
    let frame = vm.function_frame(fr, args, &[])?;
    Ok(vm.new_generator(frame, Some(type_name)).into())
}

/// Positional and keyword arguments bound to parameter names, CPython's argument-clinic way.
fn bind(
    vm: &mut Vm,
    fname: &str,
    args: &[Value],
    kwnames: &[Value],
    params: &[&str],
    required: usize,
) -> Result<Vec<Option<Value>>, Exc> {
    let (pos, kws) = split_args(vm, args, kwnames);
    if pos.len() > params.len() {
        return Err(vm.type_error(&format!(
            "{fname}() takes at most {} argument{} ({} given)",
            params.len(),
            if params.len() == 1 { "" } else { "s" },
            pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = params.iter().map(|_| None).collect();
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(*v);
    }
    for (k, v) in kws {
        match params.iter().position(|p| *p == k) {
            Some(i) if out[i].is_none() => out[i] = Some(v),
            Some(_) => {
                return Err(vm.type_error(&format!("argument for {fname}() given by name ('{k}') and position (1)")))
            }
            None => return Err(vm.type_error(&format!("'{k}' is an invalid keyword argument for {fname}()"))),
        }
    }
    for (i, p) in params.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.type_error(&format!("{fname}() missing required argument '{p}' (pos {})", i + 1)));
        }
    }
    Ok(out)
}

/// `name expected N arguments, got M` for positional-only constructors without keywords.
fn positional(vm: &mut Vm, fname: &str, args: &[Value], kwnames: &[Value], min: usize, max: usize) -> Result<(), Exc> {
    if !kwnames.is_empty() {
        return Err(vm.type_error(&format!("{fname}() takes no keyword arguments")));
    }
    let n = args.len();
    if min == max && n != min {
        let s = if min == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!("{fname} expected {min} argument{s}, got {n}")));
    }
    crate::builtins::arity(vm, fname, args, min, max)
}

fn is_number(vm: &Vm, v: Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Float(_)) || vm.is_int(v)
}

fn new_count(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let a = bind(vm, "count", args, kwnames, &["start", "step"], 0)?;
    let start = a[0].unwrap_or(Value::Int(0));
    let step = a[1].unwrap_or(Value::Int(1));
    if !is_number(vm, start) || !is_number(vm, step) {
        return Err(vm.type_error("a number is required"));
    }
    let start = match start {
        Value::Bool(b) => Value::Int(b as i64),
        v => v,
    };
    instance(vm, "itertools.count", &[start, step])
}

fn new_cycle(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    positional(vm, "cycle", args, kwnames, 1, 1)?;
    let it = vm.get_iter(args[0])?;
    instance(vm, "itertools.cycle", &[it])
}

fn new_repeat(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let a = bind(vm, "repeat", args, kwnames, &["object", "times"], 1)?;
    let obj = a[0].unwrap_or(Value::None);
    let times = match a[1] {
        None => Value::None,
        Some(v) => Value::Int(vm.to_index(v, "times")?.max(0)),
    };
    instance(vm, "itertools.repeat", &[obj, times])
}

/// An islice bound: None, or an int in `0..=sys.maxsize`.
fn islice_bound(vm: &mut Vm, v: Value, what: &str) -> Result<Value, Exc> {
    match v {
        Value::None => Ok(Value::None),
        Value::Int(i) if i >= 0 => Ok(v),
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        _ => Err(vm.value_error(&format!("{what} for islice() must be None or an integer: 0 <= x <= sys.maxsize."))),
    }
}

fn new_islice(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    positional(vm, "islice", args, kwnames, 2, 4)?;
    let (start, stop, step) = match args.len() {
        2 => (Value::None, islice_bound(vm, args[1], "Stop argument")?, Value::None),
        n => {
            let start = islice_bound(vm, args[1], "Indices")?;
            let stop = islice_bound(vm, args[2], "Stop argument")?;
            let step = if n == 4 { args[3] } else { Value::None };
            (start, stop, step)
        }
    };
    let step = match step {
        Value::None => Value::Int(1),
        Value::Int(i) if i > 0 => step,
        Value::Bool(true) => Value::Int(1),
        _ => return Err(vm.value_error("Step for islice() must be a positive integer or None.")),
    };
    let start = if start.is_none() { Value::Int(0) } else { start };
    let it = vm.get_iter(args[0])?;
    instance(vm, "itertools.islice", &[it, start, stop, step])
}

fn new_chain(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    if !kwnames.is_empty() {
        return Err(vm.type_error("chain() takes no keyword arguments"));
    }
    let t = vm.new_tuple(args.to_vec());
    let it = vm.get_iter(t)?;
    instance(vm, "itertools.chain", &[it])
}

fn chain_from_iterable(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    crate::builtins::no_kwargs(vm, "chain.from_iterable", kwnames)?;
    if args.len() != 1 {
        return Err(vm.type_error(&format!("chain.from_iterable() takes exactly one argument ({} given)", args.len())));
    }
    let it = vm.get_iter(args[0])?;
    instance(vm, "itertools.chain", &[it])
}

fn new_zip_longest(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    let pos = pos.to_vec();
    let mut fill = Value::None;
    for (k, v) in kws {
        if k != "fillvalue" {
            return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
        }
        fill = v;
    }
    let mut iters = Vec::with_capacity(pos.len());
    for v in pos {
        iters.push(vm.get_iter(v)?);
    }
    let l = vm.new_list(iters);
    instance(vm, "itertools.zip_longest", &[l, fill])
}

/// `(function, iterable)` constructors: takewhile, dropwhile, filterfalse, starmap.
fn func_and_iter(vm: &mut Vm, type_name: &'static str, args: &[Value], kwnames: &[Value]) -> NResult {
    let fname = type_name.trim_start_matches("itertools.");
    positional(vm, fname, args, kwnames, 2, 2)?;
    let it = vm.get_iter(args[1])?;
    instance(vm, type_name, &[args[0], it])
}

fn new_takewhile(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    func_and_iter(vm, "itertools.takewhile", args, kwnames)
}

fn new_dropwhile(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    func_and_iter(vm, "itertools.dropwhile", args, kwnames)
}

fn new_filterfalse(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    func_and_iter(vm, "itertools.filterfalse", args, kwnames)
}

fn new_starmap(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    func_and_iter(vm, "itertools.starmap", args, kwnames)
}

fn new_compress(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let a = bind(vm, "compress", args, kwnames, &["data", "selectors"], 2)?;
    let data = vm.get_iter(a[0].unwrap_or(Value::None))?;
    let sel = vm.get_iter(a[1].unwrap_or(Value::None))?;
    instance(vm, "itertools.compress", &[data, sel])
}

fn new_pairwise(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    positional(vm, "pairwise", args, kwnames, 1, 1)?;
    let it = vm.get_iter(args[0])?;
    instance(vm, "itertools.pairwise", &[it])
}

fn new_accumulate(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let npos = args.len() - kwnames.len();
    if npos > 2 {
        return Err(vm.type_error(&format!("accumulate() takes at most 2 positional arguments ({npos} given)")));
    }
    let a = bind(vm, "accumulate", args, kwnames, &["iterable", "func", "initial"], 1)?;
    let it = vm.get_iter(a[0].unwrap_or(Value::None))?;
    let func = a[1].unwrap_or(Value::None);
    let initial = a[2].unwrap_or(Value::None);
    instance(vm, "itertools.accumulate", &[it, func, initial])
}

fn new_tee_object(vm: &mut Vm, _args: &[Value], _kwnames: &[Value]) -> NResult {
    Err(vm.type_error("coro does not support creating itertools._tee objects directly yet"))
}

/// `tee(iterable, n=2)`: n iterators sharing one buffer of the items not yet seen by all.
fn tee(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    positional(vm, "tee", args, kwnames, 1, 2)?;
    let n = match args.get(1) {
        Some(v) => vm.to_index(*v, "n")?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    let it = vm.get_iter(args[0])?;
    let head = vm.new_list(vec![Value::None, Value::None]);
    let mut out = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let g = match instance(vm, "itertools._tee", &[it, head])? {
            crate::interp::Ret::Value(g) => g,
            _ => Value::None,
        };
        out.push(g);
    }
    Ok(vm.new_tuple(out).into())
}

impl Vm {
    /// `repr()` of the itertools objects whose repr shows their state (`count(5)`,
    /// `repeat('a', 2)`), read from the suspended generator's locals; None for the others.
    pub fn itertools_repr(&mut self, g: ObjRef) -> Result<Option<String>, Exc> {
        let (type_name, locals) = match self.heap.get(g) {
            HeapObj::Generator(gen) => match (&gen.type_name, &gen.frame) {
                (Some(t @ ("itertools.count" | "itertools.repeat")), Some(fr)) => {
                    let n = fr.code.code.varnames.len().min(fr.stack.len());
                    (*t, fr.stack[..n].to_vec())
                }
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        let (Some(a), Some(b)) = (locals.first().copied(), locals.get(1).copied()) else {
            return Ok(None);
        };
        let ra = self.repr_string(a)?;
        Ok(Some(if type_name == "itertools.count" {
            if matches!(b, Value::Int(1)) {
                format!("count({ra})")
            } else {
                let rb = self.repr_string(b)?;
                format!("count({ra}, {rb})")
            }
        } else if b.is_none() {
            format!("repeat({ra})")
        } else {
            let rb = self.repr_string(b)?;
            format!("repeat({ra}, {rb})")
        }))
    }
}
