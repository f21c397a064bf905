//! The builtins: the table of builtin functions (one place for their names), type constructors,
//! and the prelude of builtins written in Python. Methods of the
//! builtin types live in `strings`, `containers` and `misc`.

pub mod containers;
pub mod formatting;
pub mod misc;
pub mod percent;
pub mod sets;
pub mod strings;

use crate::classes::Attr;
use crate::frame::Link;
use crate::generator::ResumeMode;
use crate::interp::Ret;
use crate::object::{Builtin, HeapObj, IterState, NativeFn, TypeKind};
use crate::special::bits;
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{numfmt, Exc, Vm};

pub type NResult = Result<Ret, Exc>;

/// Splits native arguments into positionals and (name, value) keyword pairs.
pub fn split_args<'a>(vm: &Vm, args: &'a [Value], kwnames: &[Value]) -> (&'a [Value], Vec<(String, Value)>) {
    let npos = args.len() - kwnames.len();
    let kws = kwnames.iter().zip(&args[npos..]).map(|(k, v)| (vm.str_of(*k).unwrap_or("").to_string(), *v)).collect();
    (&args[..npos], kws)
}

/// Rejects keyword arguments for natives that take none.
pub fn no_kwargs(vm: &mut Vm, name: &str, kwnames: &[Value]) -> Result<(), Exc> {
    if kwnames.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(&format!("{name}() takes no keyword arguments")))
    }
}

/// Checks a positional argument count against `min..=max` with CPython's wording.
pub fn arity(vm: &mut Vm, name: &str, args: &[Value], min: usize, max: usize) -> Result<(), Exc> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let msg = if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
    } else {
        format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
    };
    Err(vm.type_error(&msg))
}

pub fn range_len(start: i64, stop: i64, step: i64) -> usize {
    let (lo, hi, st) = (start as i128, stop as i128, step as i128);
    let n = if st > 0 && lo < hi {
        (hi - lo + st - 1) / st
    } else if st < 0 && lo > hi {
        (lo - hi - st - 1) / (-st)
    } else {
        0
    };
    n.min(usize::MAX as i128) as usize
}

/// The builtin functions: name and implementation, in one table.
const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("print", b_print),
    ("len", b_len),
    ("next", b_next),
    ("iter", b_iter),
    ("isinstance", b_isinstance),
    ("issubclass", b_issubclass),
    ("id", b_id),
    ("hex", b_hex),
    ("oct", b_oct),
    ("bin", b_bin),
    ("repr", b_repr),
    ("ascii", b_ascii),
    ("format", b_format),
    ("sum", b_sum),
    ("min", b_min),
    ("max", b_max),
    ("abs", b_abs),
    ("sorted", b_sorted),
    ("reversed", b_reversed),
    ("any", b_any),
    ("all", b_all),
    ("hash", b_hash),
    ("callable", b_callable),
    ("divmod", b_divmod),
    ("pow", b_pow),
    ("round", b_round),
    ("chr", b_chr),
    ("ord", b_ord),
    ("getattr", b_getattr),
    ("setattr", b_setattr),
    ("hasattr", b_hasattr),
    ("delattr", b_delattr),
    ("globals", b_globals),
    ("vars", b_vars),
    ("locals", b_locals),
];

/// Builtin iterator classes implemented as prelude generators: calling the class runs the
/// native, which validates the arguments and tail-calls the prelude generator of the same name.
pub const LAZY_ITERATORS: &[(&str, NativeFn)] =
    &[("enumerate", b_enumerate), ("zip", b_zip), ("map", b_map), ("filter", b_filter)];

/// A builtin function object.
pub(crate) fn native(vm: &mut Vm, name: &'static str, func: NativeFn) -> Value {
    Value::Obj(vm.heap.alloc(HeapObj::Builtin(Box::new(Builtin {
        name,
        func,
        this: Value::Undef,
        owner: "",
        fast: crate::object::FastMethod::No,
    }))))
}

/// Fills the builtins dict, creates the `builtins` module and compiles the prelude.
pub fn install(vm: &mut Vm) {
    let b = vm.builtins;
    for (name, func) in FUNCTIONS {
        let key = vm.intern(name);
        let f = native(vm, name, *func);
        let _ = vm.dict_set(b, key, f);
    }
    let t = &vm.types;
    let classes = [
        ("object", t.object),
        ("type", t.type_),
        ("int", t.int),
        ("float", t.float),
        ("str", t.str_),
        ("bool", t.bool_),
        ("list", t.list),
        ("tuple", t.tuple),
        ("dict", t.dict),
        ("set", t.set),
        ("range", t.range),
        ("slice", t.slice),
        ("classmethod", t.classmethod),
        ("staticmethod", t.staticmethod),
        ("property", t.property),
        ("super", t.super_),
    ];
    for (name, cls) in classes {
        let key = vm.intern(name);
        let _ = vm.dict_set(b, key, Value::Obj(cls));
    }
    let lazy = vm.types.lazy_iters.clone();
    for (name, cls) in lazy {
        let key = vm.intern(name);
        let _ = vm.dict_set(b, key, Value::Obj(cls));
    }
    for k in ExcKind::ALL {
        let key = vm.intern(k.name());
        let cls = vm.types.exc(*k);
        let _ = vm.dict_set(b, key, Value::Obj(cls));
    }
    // Old names of OSError.
    for alias in ["EnvironmentError", "IOError"] {
        let key = vm.intern(alias);
        let cls = vm.types.exc(ExcKind::OSError);
        let _ = vm.dict_set(b, key, Value::Obj(cls));
    }
    for (name, v) in [
        ("None", Value::None),
        ("True", Value::Bool(true)),
        ("False", Value::Bool(false)),
        ("Ellipsis", Value::Obj(vm.types.ellipsis)),
        ("NotImplemented", Value::Obj(vm.types.not_implemented)),
    ] {
        let key = vm.intern(name);
        let _ = vm.dict_set(b, key, v);
    }
    // The `builtins` module shares the builtins dict.
    let m = vm.heap.alloc(HeapObj::Module(Box::new(crate::object::Module { name: "builtins".into(), dict: b })));
    let mkey = vm.new_str("builtins");
    let modules = vm.modules;
    let _ = vm.dict_set(modules, mkey, Value::Obj(m));
    install_prelude(vm);
}

thread_local! {
    /// The compiled prelude, shared by the VMs of a thread: compiling it was most of the cost of
    /// making a VM (a host or test that makes many pays it once).
    static PRELUDE: std::cell::OnceCell<Result<std::rc::Rc<coro_compiler::Code>, coro_compiler::CompileError>> =
        const { std::cell::OnceCell::new() };
}

fn install_prelude(vm: &mut Vm) {
    let src = include_str!("prelude.py");
    let compiled = PRELUDE.with(|p| p.get_or_init(|| coro_compiler::compile_hidden(src, "<prelude>")).clone());
    let code = match compiled {
        Ok(c) => c,
        // The prelude is part of the binary and covered by tests; a failure here is a bug in
        // coro itself, reported rather than hidden.
        Err(e) => {
            let _ = writeln!(vm.err, "coro: internal error compiling the prelude: {e}");
            return;
        }
    };
    let globals = vm.new_dict().as_obj().unwrap_or(vm.builtins);
    let key = vm.intern("__name__");
    let name = vm.new_str("builtins");
    let _ = vm.dict_set(globals, key, name);
    let sk = vm.intern("_sort_by_keys");
    let sf = native(vm, "_sort_by_keys", containers::sort_by_keys);
    let _ = vm.dict_set(globals, sk, sf);
    // `type.__call__` and `type.__new__`, which a metaclass's `__call__` and `__new__` reach
    // through super().
    let tc = vm.intern("__call__");
    let f = native(vm, "__call__", type_call);
    let tn = vm.intern("__new__");
    let g = native(vm, "__new__", crate::classes::type_new);
    if let Some(d) = vm.class(vm.types.type_).map(|c| c.dict) {
        let _ = vm.dict_set(d, tc, f);
        let _ = vm.dict_set(d, tn, g);
    }
    for (name, func) in crate::classes::CLASS_NATIVES
        .iter()
        .chain(crate::special::SPECIAL_NATIVES)
        .chain(crate::derived::DERIVED_NATIVES)
        .chain(formatting::FORMAT_NATIVES)
    {
        let k = vm.intern(name);
        let f = native(vm, name, *func);
        let _ = vm.dict_set(globals, k, f);
    }
    crate::modules::install_prelude_globals(vm, globals);
    if let Err(e) = vm.run_code(code, globals) {
        let s = vm.format_exception(e);
        let _ = writeln!(vm.err, "coro: internal error running the prelude:\n{s}");
        return;
    }
    let entries: Vec<(Value, Value)> = match vm.heap.get(globals) {
        HeapObj::Dict(d) => d.iter().map(|e| (e.key, e.value)).collect(),
        _ => Vec::new(),
    };
    for (k, v) in entries {
        if let Some(name) = vm.str_of(k).map(|s| s.to_string()) {
            let leaked: &'static str = PRELUDE_NAMES.iter().find(|n| **n == name).copied().unwrap_or("");
            if !leaked.is_empty() {
                vm.prelude.insert(leaked, v);
            }
        }
    }
}

/// Names the VM looks up in the prelude (one list, checked by a test against prelude.py).
pub const PRELUDE_NAMES: &[&str] = &[
    "_MISSING",
    "_construct",
    "_new_derived",
    "_list_init",
    "_dict_base_init",
    "_eq",
    "_ne",
    "_compare_plain",
    "_list_from_iter",
    "_tuple_from_iter",
    "_set_from_iter",
    "_dict_from_iter",
    "_dict_fromkeys",
    "_dict_init",
    "_defaultdict_missing",
    "_contains",
    "_not_contains",
    "_join",
    "_sum",
    "_any",
    "_all",
    "_minmax",
    "_sort_key",
    "_sorted",
    "map",
    "filter",
    "zip",
    "enumerate",
    "_callable_iter",
    "_build_class",
    "_resolve_bases",
    "_binary_try",
    "_binary_op",
    "_rich",
    "_seq_compare",
    "_seq_iter",
    "_delegate",
    "_inplace_op",
    "_compare_op",
    "_unary_op",
    "_truth",
    "_len",
    "_iter",
    "_yield_from_iter",
    "_lazy_iter",
    "_contains_op",
    "_hash_call",
    "_next_default",
    "_sort_python",
    "_seq_index",
    "_seq_count",
    "_seq_remove",
    "_deque_compare",
    "_deque_index",
    "_deque_remove",
    "_deque_extend",
    "_inplace_extend",
    "_text",
    "_init_instance",
    "_repr",
    "_exc_repr",
    "_exc_str",
    "_str",
    "_print",
    "_format_value",
    "_format_run",
    "_percent_run",
    "_ascii",
    "_getattr_default",
    "_property_or_getattr",
    "_hasattr_call",
    "_call_for_effect",
    "_zip_strict",
    "_extend_from_iter",
    "_update_from_iter",
    "_import_run",
    "_call_with_list",
    "_count",
    "_cycle",
    "_repeat",
    "_islice",
    "_chain",
    "_zip_longest",
    "_takewhile",
    "_dropwhile",
    "_filterfalse",
    "_starmap",
    "_compress",
    "_pairwise",
    "_accumulate",
    "_tee",
    "_reduce",
];

use std::io::Write;

/// Calling a class: constructors of the builtin types and exception classes.
pub fn construct(vm: &mut Vm, cls: ObjRef, args: &[Value], kwnames: &[Value]) -> NResult {
    // User classes first: the commonest call of a class, and none of the builtin cases below.
    if vm.is_user_class(cls) {
        return vm.instantiate(cls, args, kwnames);
    }
    let kind = vm.class(cls).map(|c| c.kind).unwrap_or(TypeKind::Object);
    let name = vm.class(cls).map(|c| c.name.to_string()).unwrap_or_default();
    if let Some((_, native)) =
        LAZY_ITERATORS.iter().find(|(n, _)| vm.types.lazy_iters.iter().any(|(m, c)| m == n && *c == cls))
    {
        return native(vm, args, kwnames);
    }
    if let Some(native) = crate::modules::itertools::constructor(vm, cls) {
        return native(vm, args, kwnames);
    }
    if let Some(r) = crate::modules::collections::construct(vm, cls, args, kwnames) {
        return r;
    }
    if kind == TypeKind::Exception {
        no_kwargs(vm, &name, kwnames)?;
        let cls = vm.os_error_class(cls, args);
        let e = vm.new_exception(cls, args.to_vec());
        if vm.is_os_error_class(cls) {
            vm.os_error_fill(e, args)?;
        }
        return Ok(Value::Obj(e.0).into());
    }
    match kind {
        TypeKind::ClassMethod | TypeKind::StaticMethod => {
            no_kwargs(vm, &name, kwnames)?;
            if args.len() != 1 {
                return Err(vm.type_error(&format!("{name} expected 1 argument, got {}", args.len())));
            }
            let obj = if kind == TypeKind::ClassMethod {
                HeapObj::ClassMethod(args[0])
            } else {
                HeapObj::StaticMethod(args[0])
            };
            return Ok(Value::Obj(vm.heap.alloc(obj)).into());
        }
        TypeKind::Property => return crate::classes::new_property(vm, args, kwnames),
        TypeKind::Super => {
            no_kwargs(vm, "super", kwnames)?;
            return Ok(vm.new_super(args)?.into());
        }
        TypeKind::Object => {
            if !args.is_empty() {
                return Err(vm.type_error("object() takes no arguments"));
            }
            return Ok(Value::Obj(vm.new_instance(cls)).into());
        }
        _ => {}
    }
    match kind {
        TypeKind::Int => misc::int_new(vm, args, kwnames),
        TypeKind::Float => misc::float_new(vm, args, kwnames),
        TypeKind::Str => strings::str_new(vm, args, kwnames),
        TypeKind::Bool => {
            no_kwargs(vm, "bool", kwnames)?;
            arity(vm, "bool", args, 0, 1)?;
            let b = match args.first() {
                Some(v) if vm.specials(*v) & (bits::BOOL | bits::LEN) != 0 => {
                    return Ok(Ret::TailCall(vm.prelude_fn("_truth"), vec![*v]));
                }
                Some(v) => vm.truthy(*v)?,
                None => false,
            };
            Ok(Value::Bool(b).into())
        }
        TypeKind::List | TypeKind::Tuple | TypeKind::Set => {
            no_kwargs(vm, &name, kwnames)?;
            arity(vm, &name, args, 0, 1)?;
            let Some(src) = args.first() else {
                return Ok(match kind {
                    TypeKind::List => vm.new_list(Vec::new()),
                    TypeKind::Tuple => vm.new_tuple(Vec::new()),
                    _ => vm.new_set_from(&[])?,
                }
                .into());
            };
            if kind == TypeKind::Set {
                if let Some(s) = vm.set_from_iterable(*src)? {
                    return Ok(s.into());
                }
            }
            match vm.items_of(*src)? {
                Some(items) => Ok(match kind {
                    TypeKind::List => vm.new_list(items),
                    TypeKind::Tuple => {
                        if let Value::Obj(r) = src {
                            if matches!(vm.heap.get(*r), HeapObj::Tuple(_)) && vm.derived(*src).is_none() {
                                return Ok((*src).into());
                            }
                        }
                        vm.new_tuple(items)
                    }
                    _ => vm.new_set_from(&items)?,
                }
                .into()),
                None => {
                    not_iterable_check(vm, *src)?;
                    let helper = match kind {
                        TypeKind::List => "_list_from_iter",
                        TypeKind::Tuple => "_tuple_from_iter",
                        _ => "_set_from_iter",
                    };
                    Ok(Ret::TailCall(vm.prelude_fn(helper), vec![*src]))
                }
            }
        }
        TypeKind::Dict => containers::dict_new(vm, args, kwnames),
        TypeKind::Deque => crate::deque::construct(vm, args, kwnames),
        TypeKind::Range => {
            no_kwargs(vm, "range", kwnames)?;
            arity(vm, "range", args, 1, 3)?;
            let mut ints = Vec::new();
            for a in args {
                match a {
                    Value::Int(i) => ints.push(*i),
                    Value::Bool(b) => ints.push(*b as i64),
                    Value::Obj(_) if vm.small_int(*a).is_some() => ints.push(vm.small_int(*a).unwrap_or(0)),
                    Value::Obj(r) if matches!(vm.heap.get(*r), HeapObj::BigInt(_)) => return big_range(vm, args),
                    _ => {
                        let t = vm.type_name(*a);
                        return Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")));
                    }
                }
            }
            let (start, stop, step) = match ints.len() {
                1 => (0, ints[0], 1),
                2 => (ints[0], ints[1], 1),
                _ => (ints[0], ints[1], ints[2]),
            };
            if step == 0 {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            Ok(Value::Obj(vm.heap.alloc(HeapObj::Range { start, stop, step })).into())
        }
        TypeKind::Type => {
            if args.len() == 1 && kwnames.is_empty() {
                return Ok(Value::Obj(vm.class_of(args[0])).into());
            }
            Err(vm.type_error("type() takes 1 argument (creating classes with type() is not supported yet)"))
        }
        TypeKind::Slice => {
            arity(vm, "slice", args, 1, 3)?;
            let parts = match args.len() {
                1 => [Value::None, args[0], Value::None],
                2 => [args[0], args[1], Value::None],
                _ => [args[0], args[1], args[2]],
            };
            Ok(Value::Obj(vm.heap.alloc(HeapObj::Slice(Box::new(parts)))).into())
        }
        _ => Err(vm.type_error(&format!("cannot create '{name}' instances"))),
    }
}

/// `range(...)` with an argument beyond i64: a `BigRange`.
fn big_range(vm: &mut Vm, args: &[Value]) -> NResult {
    use num_bigint::BigInt;
    let mut ints: Vec<BigInt> = Vec::new();
    for a in args {
        match vm.to_bigint(*a) {
            Some(n) => ints.push(n),
            None => {
                let t = vm.type_name(*a);
                return Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")));
            }
        }
    }
    let (start, stop, step) = match ints.len() {
        1 => (BigInt::from(0), ints[0].clone(), BigInt::from(1)),
        2 => (ints[0].clone(), ints[1].clone(), BigInt::from(1)),
        _ => (ints[0].clone(), ints[1].clone(), ints[2].clone()),
    };
    if num_traits::Zero::is_zero(&step) {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Obj(vm.heap.alloc(HeapObj::BigRange(Box::new([start, stop, step])))).into())
}

/// Number of items of a big range.
pub fn big_range_len(r: &[num_bigint::BigInt; 3]) -> num_bigint::BigInt {
    use num_bigint::BigInt;
    use num_traits::{Signed, Zero};
    let (lo, hi, st) = (&r[0], &r[1], &r[2]);
    if st.is_positive() && lo < hi {
        (hi - lo + st - BigInt::from(1)) / st
    } else if st.is_negative() && lo > hi {
        (lo - hi - st - BigInt::from(1)) / (-st)
    } else {
        BigInt::zero()
    }
}

/// Raises CPython's "'int' object is not iterable" for values that cannot be iterated at all.
pub fn not_iterable_check(vm: &mut Vm, v: Value) -> Result<(), Exc> {
    if vm.is_iterable(v) {
        Ok(())
    } else {
        let t = vm.type_name(v);
        Err(vm.type_error(&format!("'{t}' object is not iterable")))
    }
}

fn b_print(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    if pos.iter().any(|a| vm.needs_python_text(*a, bits::TEXT_STR)) {
        // Objects with a user __str__/__repr__ are turned into text by the prelude, which
        // then prints the text here.
        let t = vm.new_tuple(pos.to_vec());
        let mut full = vec![t];
        full.extend_from_slice(&args[pos.len()..]);
        return Ok(Ret::Call { callee: vm.prelude_fn("_print"), args: full, kwnames: kwnames.to_vec() });
    }
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut to_err = false;
    for (k, v) in kws {
        match k.as_str() {
            "sep" | "end" => {
                let s = if v.is_none() {
                    if k == "sep" {
                        " ".to_string()
                    } else {
                        "\n".to_string()
                    }
                } else {
                    match vm.str_of(v) {
                        Some(s) => s.to_string(),
                        None => {
                            let t = vm.type_name(v);
                            return Err(vm.type_error(&format!("{k} must be None or a string, not {t}")));
                        }
                    }
                };
                if k == "sep" {
                    sep = s;
                } else {
                    end = s;
                }
            }
            "flush" => {}
            "file" => {
                to_err = misc::is_stderr(vm, v);
            }
            _ => return Err(vm.type_error(&format!("'{k}' is an invalid keyword argument for print()"))),
        }
    }
    let mut out = String::new();
    for (i, a) in pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&vm.str_string(*a)?);
    }
    out.push_str(&end);
    if to_err {
        let _ = vm.err.write_all(out.as_bytes());
    } else {
        vm.write_out(&out);
    }
    Ok(Value::None.into())
}

pub fn length(vm: &mut Vm, v: Value) -> Result<usize, Exc> {
    if let Value::Obj(r) = v {
        let n = match vm.heap.get(r) {
            HeapObj::Str(s) => Some(s.chars as usize),
            HeapObj::List(l) => Some(l.len()),
            HeapObj::Tuple(t) => Some(t.len()),
            HeapObj::Deque(d) => Some(d.items.len()),
            HeapObj::Dict(d) => Some(d.len()),
            HeapObj::Set(t) => Some(t.len()),
            HeapObj::Range { start, stop, step } => match range_len(*start, *stop, *step) {
                // A range over the whole i64 span is longer than CPython's ssize_t allows.
                n if n > i64::MAX as usize => {
                    return Err(vm.overflow_error("Python int too large to convert to C ssize_t"))
                }
                n => Some(n),
            },
            HeapObj::BigRange(r) => {
                let n = big_range_len(r);
                match num_traits::ToPrimitive::to_usize(&n).filter(|n| *n <= i64::MAX as usize) {
                    Some(n) => Some(n),
                    None => return Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
                }
            }
            HeapObj::DictView { dict, .. } => match vm.heap.get(*dict) {
                HeapObj::Dict(d) => Some(d.len()),
                _ => Some(0),
            },
            _ => None,
        };
        if let Some(n) = n {
            return Ok(n);
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(&format!("object of type '{t}' has no len()")))
}

/// `type.__call__(cls, *args, **kwargs)`: creates an instance of cls, bypassing any metaclass
/// `__call__` (the one that called this through super()).
fn type_call(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    match args.first() {
        Some(Value::Obj(c)) if vm.class(*c).is_some() => construct(vm, *c, &args[1..], kwnames),
        _ => Err(vm.type_error("descriptor '__call__' requires a 'type' object")),
    }
}

fn b_len(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "len", kwnames)?;
    arity(vm, "len", args, 1, 1)?;
    if vm.specials(args[0]) & bits::LEN != 0 {
        return Ok(Ret::TailCall(vm.prelude_fn("_len"), vec![args[0]]));
    }
    let n = length(vm, args[0])?;
    Ok(Value::Int(n as i64).into())
}

fn b_next(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "next", kwnames)?;
    arity(vm, "next", args, 1, 2)?;
    let it = args[0];
    let default = args.get(1).copied();
    if let Value::Obj(r) = it {
        match vm.heap.get(r) {
            HeapObj::Generator(_) => {
                let link = match default {
                    Some(d) => Link::NextDefault(d),
                    None => Link::Send,
                };
                return Ok(Ret::Resume { gen: r, mode: ResumeMode::Send(Value::None), link });
            }
            HeapObj::Iter(_) => {
                return match vm.iter_next_native(r)? {
                    Some(v) => Ok(v.into()),
                    None => match default {
                        Some(d) => Ok(d.into()),
                        None => Err(vm.stop_iteration(Value::None)),
                    },
                };
            }
            _ => {}
        }
    }
    if let Some(m) = vm.special_method(it, "__next__") {
        return Ok(match default {
            Some(d) => Ret::TailCall(vm.prelude_fn("_next_default"), vec![m, it, d]),
            None => Ret::TailCall(m, vec![it]),
        });
    }
    let t = vm.type_name(it);
    Err(vm.type_error(&format!("'{t}' object is not an iterator")))
}

fn b_iter(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "iter", kwnames)?;
    arity(vm, "iter", args, 1, 2)?;
    if args.len() == 2 {
        if !misc::is_callable(vm, args[0]) {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        return Ok(Ret::TailCall(vm.prelude_fn("_callable_iter"), args.to_vec()));
    }
    if vm.iterates_in_python(args[0]) {
        return Ok(Ret::TailCall(vm.prelude_fn("_iter"), vec![args[0]]));
    }
    Ok(vm.get_iter(args[0])?.into())
}

fn class_arg(vm: &mut Vm, v: Value, fname: &str) -> Result<Vec<ObjRef>, Exc> {
    if let Value::Obj(r) = v {
        match vm.heap.get(r) {
            HeapObj::Class(_) => return Ok(vec![r]),
            HeapObj::Tuple(t) => {
                let items = t.to_vec();
                let mut out = Vec::new();
                for i in items {
                    out.extend(class_arg(vm, i, fname)?);
                }
                return Ok(out);
            }
            _ => {}
        }
    }
    let msg = if fname == "isinstance" {
        "isinstance() arg 2 must be a type, a tuple of types, or a union"
    } else {
        "issubclass() arg 2 must be a class, a tuple of classes, or a union"
    };
    Err(vm.type_error(msg))
}

fn b_isinstance(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "isinstance", kwnames)?;
    arity(vm, "isinstance", args, 2, 2)?;
    let classes = class_arg(vm, args[1], "isinstance")?;
    let r = classes.iter().any(|c| vm.isinstance(args[0], *c));
    Ok(Value::Bool(r).into())
}

fn b_issubclass(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "issubclass", kwnames)?;
    arity(vm, "issubclass", args, 2, 2)?;
    let Some(sub) = args[0].as_obj().filter(|r| matches!(vm.heap.get(*r), HeapObj::Class(_))) else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    let classes = class_arg(vm, args[1], "issubclass")?;
    let r = classes.iter().any(|c| vm.is_subclass(sub, *c));
    Ok(Value::Bool(r).into())
}

fn b_id(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "id", args, 1, 1)?;
    let id = match args[0] {
        Value::Obj(r) => 0x7f00_0000_0000i64 + r.0 as i64 * 16,
        Value::Int(i) => 0x1000_0000_0000i64.wrapping_add(i.wrapping_mul(32)),
        Value::Float(f) => 0x2000_0000_0000i64 ^ (f.to_bits() as i64 >> 4),
        Value::Bool(b) => 0x3000_0000_0000i64 + b as i64 * 16,
        Value::None | Value::Undef => 0x3000_0000_1000i64,
    };
    Ok(Value::Int(id).into())
}

fn int_arg(vm: &mut Vm, v: Value) -> Result<num_bigint::BigInt, Exc> {
    match vm.to_bigint(v) {
        Some(n) => Ok(n),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

fn base_fn(vm: &mut Vm, args: &[Value], name: &str, base: u32) -> NResult {
    arity(vm, name, args, 1, 1)?;
    let n = int_arg(vm, args[0])?;
    let s = numfmt::int_to_base(&n, base, true);
    Ok(vm.new_string(s).into())
}

fn b_hex(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    base_fn(vm, args, "hex", 16)
}

fn b_oct(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    base_fn(vm, args, "oct", 8)
}

fn b_bin(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    base_fn(vm, args, "bin", 2)
}

fn b_repr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "repr", args, 1, 1)?;
    if vm.needs_python_text(args[0], bits::REPR) {
        return Ok(Ret::TailCall(vm.prelude_fn("_repr"), vec![args[0]]));
    }
    Ok(vm.to_repr(args[0])?.into())
}

fn b_ascii(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "ascii", args, 1, 1)?;
    if vm.needs_python_text(args[0], bits::REPR) {
        return Ok(Ret::TailCall(vm.prelude_fn("_ascii"), vec![args[0]]));
    }
    Ok(vm.to_ascii(args[0])?.into())
}

fn b_format(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "format", args, 1, 2)?;
    let spec = match args.get(1) {
        Some(s) if vm.str_of(*s).is_none() => {
            let t = vm.type_name(*s);
            return Err(vm.type_error(&format!("format() argument 2 must be str, not {t}")));
        }
        Some(s) => *s,
        None => vm.intern(""),
    };
    if vm.needs_python_text(args[0], bits::TEXT_FORMAT) {
        return Ok(Ret::TailCall(vm.prelude_fn("_format_value"), vec![args[0], Value::None, spec]));
    }
    let spec = vm.str_of(spec).unwrap_or("").to_string();
    Ok(vm.format_value(args[0], &spec)?.into())
}

fn b_sum(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    arity(vm, "sum", pos, 1, 2)?;
    let mut start = pos.get(1).copied().unwrap_or(Value::Int(0));
    for (k, v) in kws {
        if k == "start" {
            start = v;
        } else {
            return Err(vm.type_error(&format!("sum() got an unexpected keyword argument '{k}'")));
        }
    }
    if vm.str_of(start).is_some() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let src = pos[0];
    let items = vm.sequence_items(src);
    let python_add = |vm: &Vm, items: &[Value]| {
        vm.specials(start) & bits::NUMERIC != 0 || items.iter().any(|x| vm.specials(*x) & bits::NUMERIC != 0)
    };
    match items {
        Some(items) if python_add(vm, &items) => Ok(Ret::TailCall(vm.prelude_fn("_sum"), vec![src, start])),
        Some(items) => {
            let mut total = start;
            for x in items {
                total = vm.binary_op(coro_compiler::opcode::BinOpKind::Add, total, x)?;
            }
            Ok(total.into())
        }
        None => {
            not_iterable_check(vm, src)?;
            Ok(Ret::TailCall(vm.prelude_fn("_sum"), vec![src, start]))
        }
    }
}

fn minmax(vm: &mut Vm, args: &[Value], kwnames: &[Value], is_max: bool) -> NResult {
    let name = if is_max { "max" } else { "min" };
    let (pos, kws) = split_args(vm, args, kwnames);
    if pos.is_empty() {
        return Err(vm.type_error(&format!("{name} expected at least 1 argument, got 0")));
    }
    let mut key = Value::None;
    let mut default = vm.prelude_fn("_MISSING");
    for (k, v) in kws {
        match k.as_str() {
            "key" => key = v,
            "default" => default = v,
            _ => return Err(vm.type_error(&format!("{name}() got an unexpected keyword argument '{k}'"))),
        }
    }
    if pos.len() == 1 {
        not_iterable_check(vm, pos[0])?;
    }
    let t = vm.new_tuple(pos.to_vec());
    Ok(Ret::TailCall(vm.prelude_fn("_minmax"), vec![t, key, default, Value::Bool(is_max), vm.intern(name)]))
}

fn b_min(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    minmax(vm, args, kwnames, false)
}

fn b_max(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    minmax(vm, args, kwnames, true)
}

fn b_abs(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "abs", args, 1, 1)?;
    let v = args[0];
    if let Some(m) = vm.special_method(v, "__abs__") {
        return Ok(Ret::TailCall(m, vec![v]));
    }
    match v {
        Value::Float(f) => Ok(Value::Float(f.abs()).into()),
        _ => match vm.to_bigint(v) {
            Some(n) => {
                use num_traits::Signed;
                Ok(vm.new_bigint(n.abs()).into())
            }
            None => {
                let t = vm.type_name(v);
                Err(vm.type_error(&format!("bad operand type for abs(): '{t}'")))
            }
        },
    }
}

/// Calls a prelude generator function after turning each argument into an iterator, so a
/// non-iterable argument fails at the call as in CPython.
fn lazy_iter_call(vm: &mut Vm, prelude: &str, leading: &[Value], iterables: &[Value], trailing: &[Value]) -> NResult {
    let mut call_args = leading.to_vec();
    for v in iterables {
        let it = vm.get_iter(*v)?;
        call_args.push(it);
    }
    call_args.extend_from_slice(trailing);
    Ok(Ret::TailCall(vm.prelude_fn(prelude), call_args))
}

fn b_enumerate(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    let mut start = pos.get(1).copied().unwrap_or(Value::Int(0));
    for (k, v) in kws {
        match k.as_str() {
            "start" => start = v,
            "iterable" => return lazy_iter_call(vm, "enumerate", &[], &[v], &[start]),
            _ => return Err(vm.type_error(&format!("'{k}' is an invalid keyword argument for enumerate()"))),
        }
    }
    if pos.is_empty() {
        return Err(vm.type_error("enumerate() missing required argument 'iterable' (pos 1)"));
    }
    if !vm.is_int(start) {
        let t = vm.type_name(start);
        return Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")));
    }
    lazy_iter_call(vm, "enumerate", &[], &pos[..1], &[start])
}

fn b_zip(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    let mut iters = Vec::new();
    for v in pos.iter() {
        let it = vm.get_iter(*v)?;
        iters.push(it);
    }
    let f = vm.prelude_fn("zip");
    let mut call_kw = Vec::new();
    for (k, v) in kws {
        if k != "strict" {
            return Err(vm.type_error(&format!("zip() got an unexpected keyword argument '{k}'")));
        }
        call_kw.push(v);
    }
    if call_kw.is_empty() {
        return Ok(Ret::TailCall(f, iters));
    }
    let strict = vm.truthy(call_kw[0])?;
    if strict {
        let mut a = vec![Value::Bool(true)];
        a.extend(iters);
        return Ok(Ret::TailCall(vm.prelude_fn("_zip_strict"), a));
    }
    Ok(Ret::TailCall(f, iters))
}

fn b_map(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "map", kwnames)?;
    if args.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    lazy_iter_call(vm, "map", &args[..1], &args[1..], &[])
}

fn b_filter(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "filter", kwnames)?;
    if args.len() != 2 {
        return Err(vm.type_error(&format!("filter expected 2 arguments, got {}", args.len())));
    }
    lazy_iter_call(vm, "filter", &args[..1], &args[1..], &[])
}

fn b_sorted(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    if pos.len() != 1 {
        return Err(vm.type_error(&format!("sorted expected 1 argument, got {}", pos.len())));
    }
    let mut key = Value::None;
    let mut reverse = Value::Bool(false);
    for (k, v) in kws {
        match k.as_str() {
            "key" => key = v,
            "reverse" => reverse = v,
            _ => return Err(vm.type_error(&format!("sort() got an unexpected keyword argument '{k}'"))),
        }
    }
    not_iterable_check(vm, pos[0])?;
    let rev = Value::Bool(vm.truthy(reverse)?);
    if key.is_none() {
        if let Some(items) = vm.items_of(pos[0])?.filter(|xs| !xs.iter().any(|x| vm.compares_in_python(*x))) {
            let l = vm.new_list(items);
            containers::sort_list(vm, l, matches!(rev, Value::Bool(true)))?;
            return Ok(l.into());
        }
    }
    Ok(Ret::TailCall(vm.prelude_fn("_sorted"), vec![pos[0], key, rev]))
}

/// The iterator state of `reversed(range(start, stop, step))`, if its bounds fit in an i64.
fn reversed_range(start: i64, stop: i64, step: i64) -> Option<IterState> {
    let n = i64::try_from(range_len(start, stop, step)).ok()?;
    let step = step.checked_neg()?;
    if n == 0 {
        return Some(IterState::Range { next: start, stop: start, step });
    }
    let last = start.checked_sub((n - 1).checked_mul(step)?)?;
    Some(IterState::Range { next: last, stop: start.checked_add(step)?, step })
}

fn b_reversed(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "reversed", kwnames)?;
    arity(vm, "reversed", args, 1, 1)?;
    let v = args[0];
    if let Value::Obj(r) = v {
        let state = match vm.heap.get(r) {
            HeapObj::List(l) => Some(IterState::Reversed { seq: r, index: l.len() }),
            HeapObj::Tuple(t) => Some(IterState::Reversed { seq: r, index: t.len() }),
            HeapObj::Deque(_) => return Ok(vm.deque_iter(r, true).into()),
            // A range runs backwards without its items (`reversed(range(10**9))`).
            &HeapObj::Range { start, stop, step } if reversed_range(start, stop, step).is_some() => {
                reversed_range(start, stop, step)
            }
            HeapObj::Str(_) | HeapObj::Range { .. } | HeapObj::Dict(_) | HeapObj::DictView { .. } => {
                let items = vm.items_of(v)?.unwrap_or_default();
                let n = items.len();
                let l = vm.new_list(items);
                l.as_obj().map(|seq| IterState::Reversed { seq, index: n })
            }
            _ => None,
        };
        if let Some(s) = state {
            return Ok(Value::Obj(vm.heap.alloc(HeapObj::Iter(s))).into());
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(&format!("'{t}' object is not reversible")))
}

fn any_all(vm: &mut Vm, args: &[Value], want: bool, name: &str) -> NResult {
    arity(vm, name, args, 1, 1)?;
    match vm.sequence_items(args[0]) {
        Some(items) => {
            for x in items {
                if vm.truthy(x)? == want {
                    return Ok(Value::Bool(want).into());
                }
            }
            Ok(Value::Bool(!want).into())
        }
        None => {
            not_iterable_check(vm, args[0])?;
            Ok(Ret::TailCall(vm.prelude_fn(if want { "_any" } else { "_all" }), vec![args[0]]))
        }
    }
}

fn b_any(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    any_all(vm, args, true, "any")
}

fn b_all(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    any_all(vm, args, false, "all")
}

fn b_hash(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "hash", args, 1, 1)?;
    if vm.specials(args[0]) & bits::HASH != 0 {
        if let Some(m) = vm.special_method(args[0], "__hash__") {
            return Ok(Ret::TailCall(vm.prelude_fn("_hash_call"), vec![m, args[0]]));
        }
    }
    let h = vm.hash(args[0])? as i64;
    Ok(Value::Int(h).into())
}

fn b_callable(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "callable", args, 1, 1)?;
    Ok(Value::Bool(misc::is_callable(vm, args[0])).into())
}

fn b_divmod(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    use coro_compiler::opcode::BinOpKind;
    arity(vm, "divmod", args, 2, 2)?;
    if (matches!(args[0], Value::Float(_)) || matches!(args[1], Value::Float(_)))
        && vm.to_f64(args[1])? == Some(0.0)
        && vm.to_f64(args[0])?.is_some()
    {
        return Err(vm.zero_division("float divmod()"));
    }
    let q =
        vm.binary_op(BinOpKind::FloorDiv, args[0], args[1]).map_err(|e| rename_unsupported(vm, e, "//", "divmod()"))?;
    let r = vm.binary_op(BinOpKind::Mod, args[0], args[1])?;
    Ok(vm.new_tuple(vec![q, r]).into())
}

/// CPython names the builtin in operand errors of divmod()/pow() instead of the operator.
fn rename_unsupported(vm: &mut Vm, e: Exc, op: &str, name: &str) -> Exc {
    let s = vm.exc_str(e);
    if vm.exc_is(e, ExcKind::TypeError) && s.contains(&format!("for {op}:")) {
        let fixed = s.replace(&format!("for {op}:"), &format!("for {name}:"));
        return vm.type_error(&fixed);
    }
    e
}

fn b_pow(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    use coro_compiler::opcode::BinOpKind;
    arity(vm, "pow", args, 2, 3)?;
    if args.len() == 3 && !args[2].is_none() {
        let (Some(b), Some(e), Some(m)) = (vm.to_bigint(args[0]), vm.to_bigint(args[1]), vm.to_bigint(args[2])) else {
            return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
        };
        use num_traits::{Signed, Zero};
        if m.is_zero() {
            return Err(vm.value_error("pow() 3rd argument cannot be 0"));
        }
        let r = if e.is_negative() {
            let inv = misc::mod_inverse(&b, &m)
                .ok_or(())
                .map_err(|_| vm.value_error("base is not invertible for the given modulus"))?;
            inv.modpow(&(-e), &m.abs())
        } else {
            b.modpow(&e, &m.abs())
        };
        use num_integer::Integer;
        let r = if m.is_negative() && !r.is_zero() {
            r + &m
        } else {
            r.mod_floor(&m.abs()) * if m.is_negative() { -1 } else { 1 }
        };
        return Ok(vm.new_bigint(r).into());
    }
    Ok(vm
        .binary_op(BinOpKind::Pow, args[0], args[1])
        .map_err(|e| rename_unsupported(vm, e, "**", "** or pow()"))?
        .into())
}

fn b_round(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    let mut nd = pos.get(1).copied();
    for (k, v) in kws {
        if k == "ndigits" {
            nd = Some(v);
        }
    }
    if pos.is_empty() {
        return Err(vm.type_error("round() missing required argument 'number' (pos 1)"));
    }
    misc::round(vm, pos[0], nd.filter(|v| !v.is_none()))
}

fn b_chr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "chr", args, 1, 1)?;
    let n = match args[0] {
        Value::Int(i) => i,
        Value::Bool(b) => b as i64,
        v if vm.is_int(v) => vm.small_int(v).unwrap_or(i64::MAX),
        v => {
            let t = vm.type_name(v);
            return Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    // CPython converts the argument to a C int first.
    if i32::try_from(n).is_err() {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    match u32::try_from(n).ok().and_then(char::from_u32) {
        Some(c) => Ok(vm.new_string(c.to_string()).into()),
        None if (0..0x110000).contains(&n) => Err(vm.value_error("chr() of a surrogate code point is not supported")),
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

fn b_ord(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "ord", args, 1, 1)?;
    match vm.str_of(args[0]) {
        Some(s) => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64).into()),
                _ => {
                    let n = s.chars().count();
                    Err(vm.type_error(&format!("ord() expected a character, but string of length {n} found")))
                }
            }
        }
        None => {
            let t = vm.type_name(args[0]);
            Err(vm.type_error(&format!("ord() expected string of length 1, but {t} found")))
        }
    }
}

fn attr_name(vm: &mut Vm, v: Value, _fname: &str) -> Result<Value, Exc> {
    if vm.str_of(v).is_some() {
        Ok(v)
    } else {
        let t = vm.type_name(v);
        Err(vm.type_error(&format!("attribute name must be string, not '{t}'")))
    }
}

fn b_getattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    if args.len() < 2 || args.len() > 3 {
        return Err(vm.type_error(&format!("getattr expected at least 2 arguments, got {}", args.len())));
    }
    let name = attr_name(vm, args[1], "getattr")?;
    match vm.get_attr_flow(args[0], name) {
        Ok(Attr::Value(v)) => Ok(v.into()),
        Ok(Attr::Call(callee, cargs)) if args.len() == 3 => {
            let t = vm.new_tuple(cargs);
            Ok(Ret::TailCall(vm.prelude_fn("_getattr_default"), vec![callee, t, args[2]]))
        }
        Ok(Attr::Call(callee, cargs)) => Ok(Ret::TailCall(callee, cargs)),
        Err(e) if args.len() == 3 && vm.exc_is(e, ExcKind::AttributeError) => Ok(args[2].into()),
        Err(e) => Err(e),
    }
}

fn b_setattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "setattr", args, 3, 3)?;
    let name = attr_name(vm, args[1], "setattr")?;
    if let Some(setter) = vm.property_accessor(args[0], name, 1)? {
        let t = vm.new_tuple(vec![args[0], args[2]]);
        return Ok(Ret::TailCall(vm.prelude_fn("_call_for_effect"), vec![setter, t]));
    }
    vm.set_attr(args[0], name, args[2])?;
    Ok(Value::None.into())
}

fn b_hasattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "hasattr", args, 2, 2)?;
    let name = attr_name(vm, args[1], "hasattr")?;
    match vm.get_attr_flow(args[0], name) {
        Ok(Attr::Value(_)) => Ok(Value::Bool(true).into()),
        Ok(Attr::Call(callee, cargs)) => {
            let t = vm.new_tuple(cargs);
            Ok(Ret::TailCall(vm.prelude_fn("_hasattr_call"), vec![callee, t]))
        }
        Err(e) if vm.exc_is(e, ExcKind::AttributeError) => Ok(Value::Bool(false).into()),
        Err(e) => Err(e),
    }
}

fn b_delattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "delattr", args, 2, 2)?;
    let name = attr_name(vm, args[1], "delattr")?;
    if let Some(deleter) = vm.property_accessor(args[0], name, 2)? {
        let t = vm.new_tuple(vec![args[0]]);
        return Ok(Ret::TailCall(vm.prelude_fn("_call_for_effect"), vec![deleter, t]));
    }
    vm.del_attr(args[0], name)?;
    Ok(Value::None.into())
}

fn b_globals(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> NResult {
    if let Some(g) = vm.caller_globals {
        return Ok(Value::Obj(g).into());
    }
    let main = vm.lookup_module("__main__").map(|m| vm.module_dict(m)).unwrap_or(vm.builtins);
    Ok(Value::Obj(main).into())
}

/// `locals()`: the calling frame's variables (the dispatch loop builds the dict).
fn b_locals(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "locals", kwnames)?;
    arity(vm, "locals", args, 0, 0)?;
    Ok(Ret::Locals)
}

/// `vars(obj)`: obj's `__dict__`; without an argument, the caller's `locals()`.
fn b_vars(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "vars", kwnames)?;
    arity(vm, "vars", args, 0, 1)?;
    let Some(&obj) = args.first() else {
        return Ok(Ret::Locals);
    };
    let key = vm.intern("__dict__");
    match vm.get_attr(obj, key) {
        Ok(d) => Ok(d.into()),
        Err(e) if vm.exc_is(e, ExcKind::AttributeError) => {
            Err(vm.type_error("vars() argument must have __dict__ attribute"))
        }
        Err(e) => Err(e),
    }
}

/// Registers the methods of every builtin type.
pub fn install_methods(vm: &mut Vm) {
    let tables: [(ObjRef, &[(&'static str, NativeFn)]); 7] = [
        (vm.types.str_, strings::STR_METHODS),
        (vm.types.list, containers::LIST_METHODS),
        (vm.types.dict, containers::DICT_METHODS),
        (vm.types.set, sets::SET_METHODS),
        (vm.types.tuple, containers::TUPLE_METHODS),
        (vm.types.generator, misc::GENERATOR_METHODS),
        (vm.types.int, misc::INT_METHODS),
    ];
    for (cls, methods) in tables {
        add_methods(vm, cls, methods);
    }
    add_methods(vm, vm.types.float, misc::FLOAT_METHODS);
    add_methods(vm, vm.types.property, crate::classes::PROPERTY_METHODS);
    add_methods(vm, vm.types.object, &[("__init__", crate::classes::object_init)]);
    crate::derived::install_dunders(vm);
    let base_exc = vm.types.exc(ExcKind::BaseException);
    add_methods(vm, base_exc, &[("__init__", crate::classes::exception_init)]);
    let lazy = vm.types.lazy_iters.clone();
    for (_, cls) in lazy {
        add_methods(vm, cls, misc::LAZY_ITER_METHODS);
    }
    add_methods(vm, vm.types.range, containers::RANGE_METHODS);
    add_methods(vm, vm.types.ordered_dict, crate::modules::collections::ORDERED_DICT_METHODS);
    add_methods(vm, vm.types.deque, crate::deque::DEQUE_METHODS);
    let base_exc = vm.types.exc(ExcKind::BaseException);
    add_methods(vm, base_exc, misc::EXCEPTION_METHODS);
    let key_error = vm.types.exc(ExcKind::KeyError);
    add_methods(vm, key_error, misc::KEY_ERROR_METHODS);
    for it in [
        vm.types.list_iterator,
        vm.types.tuple_iterator,
        vm.types.str_iterator,
        vm.types.range_iterator,
        vm.types.dict_keyiterator,
        vm.types.set_iterator,
        vm.types.reversed,
        vm.types.deque_iterator,
        vm.types.deque_reverse_iterator,
    ] {
        add_methods(vm, it, misc::ITERATOR_METHODS);
    }
    for v in [vm.types.dict_keys, vm.types.dict_items, vm.types.dict_values] {
        add_methods(vm, v, containers::VIEW_METHODS);
    }
}

fn add_methods(vm: &mut Vm, cls: ObjRef, methods: &[(&'static str, NativeFn)]) {
    let Some(dict) = vm.class(cls).map(|c| c.dict) else {
        return;
    };
    let owner: &'static str = match vm.class(cls).map(|c| c.name.to_string()) {
        Some(n) => match n.as_str() {
            "str" => "str",
            "list" => "list",
            "dict" => "dict",
            "set" => "set",
            "tuple" => "tuple",
            "int" => "int",
            "float" => "float",
            "generator" => "generator",
            // Deque methods check their receiver themselves (CPython names the type
            // 'collections.deque' in the message).
            "deque" => "deque",
            _ => "object",
        },
        None => "object",
    };
    for (name, func) in methods {
        let key = vm.intern(name);
        let fast = crate::object::FastMethod::of(&vm.types, cls, name);
        let f = Value::Obj(vm.heap.alloc(HeapObj::Builtin(Box::new(Builtin {
            name,
            func: *func,
            this: Value::Undef,
            owner,
            fast,
        }))));
        let _ = vm.dict_set(dict, key, f);
    }
}

#[cfg(test)]
mod tests {
    use super::PRELUDE_NAMES;

    /// Every name the VM looks up in the prelude exists there, and every function the prelude
    /// defines is listed (a typo on either side would otherwise surface only at run time).
    #[test]
    fn prelude_names_match_prelude_source() {
        let vm = crate::Vm::with_output(Box::new(std::io::sink()), Box::new(std::io::sink()));
        for name in PRELUDE_NAMES {
            assert!(vm.prelude.contains_key(name), "{name} is not defined by prelude.py");
        }
        for line in include_str!("prelude.py").lines() {
            if let Some(rest) = line.strip_prefix("def ") {
                let name = rest.split('(').next().unwrap_or("");
                assert!(PRELUDE_NAMES.contains(&name), "prelude.py defines {name}, missing from PRELUDE_NAMES");
            }
        }
    }
}
