//! Builtins of the numeric types, generators, iterators and exceptions, and the `sys` module.

use super::{arity, no_kwargs, split_args, NResult};
use crate::frame::Link;
use crate::generator::ResumeMode;
use crate::interp::Ret;
use crate::object::{HeapObj, NativeFn};
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{numfmt, Exc, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

pub const GENERATOR_METHODS: &[(&str, NativeFn)] =
    &[("send", gen_send), ("throw", gen_throw), ("close", gen_close), ("__next__", gen_next), ("__iter__", identity)];

pub const LAZY_ITER_METHODS: &[(&str, NativeFn)] = &[("__next__", gen_next), ("__iter__", identity)];

pub const ITERATOR_METHODS: &[(&str, NativeFn)] = &[("__next__", iter_next), ("__iter__", identity)];

pub const INT_METHODS: &[(&str, NativeFn)] = &[
    ("bit_length", int_bit_length),
    ("conjugate", crate::derived::int_plain),
    ("__index__", crate::derived::int_plain),
    ("is_integer", int_is_integer),
];

pub const FLOAT_METHODS: &[(&str, NativeFn)] =
    &[("is_integer", float_is_integer), ("conjugate", identity), ("as_integer_ratio", float_as_integer_ratio)];

pub const EXCEPTION_METHODS: &[(&str, NativeFn)] =
    &[("with_traceback", identity), ("__str__", exc_str_method), ("__repr__", exc_repr_method)];

fn receiver_exc(vm: &mut Vm, args: &[Value], name: &str) -> Result<Exc, Exc> {
    match args.first() {
        Some(Value::Obj(r)) if matches!(vm.heap.get(*r), HeapObj::Exception(_)) => Ok(Exc(*r)),
        other => {
            let t = vm.type_name(other.copied().unwrap_or(Value::None));
            Err(vm.type_error(&format!("descriptor '{name}' requires a 'BaseException' object but received a '{t}'")))
        }
    }
}

/// `KeyError.__str__` has a method of its own: one key shows by its repr.
pub const KEY_ERROR_METHODS: &[(&str, NativeFn)] = &[("__str__", key_error_str_method)];

/// `BaseException.__str__(self)`: the args' text, never the class's own `__str__` (a user
/// `__str__` calling `super().__str__()` gets here).
fn exc_str_method(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    exc_str_of(vm, args, false)
}

fn key_error_str_method(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    exc_str_of(vm, args, true)
}

fn exc_str_of(vm: &mut Vm, args: &[Value], key_error: bool) -> NResult {
    let e = receiver_exc(vm, args, "__str__")?;
    if key_error && !vm.exc_is(e, ExcKind::KeyError) {
        let t = vm.type_name(args[0]);
        return Err(vm.type_error(&format!("descriptor '__str__' requires a 'KeyError' object but received a '{t}'")));
    }
    if vm.exc_args_need_python(e) {
        return Ok(Ret::TailCall(vm.prelude_fn("_exc_str"), vec![args[0], Value::Bool(key_error)]));
    }
    let s = vm.builtin_exc_str(e, key_error)?;
    Ok(vm.new_string(s).into())
}

/// `BaseException.__repr__(self)`, never the class's own `__repr__`.
fn exc_repr_method(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let e = receiver_exc(vm, args, "__repr__")?;
    if vm.exc_args_need_python(e) {
        return Ok(Ret::TailCall(vm.prelude_fn("_exc_repr"), vec![args[0]]));
    }
    let s = vm.builtin_exc_repr(e)?;
    Ok(vm.new_string(s).into())
}

fn receiver_gen(vm: &mut Vm, args: &[Value], name: &str) -> Result<ObjRef, Exc> {
    match args.first() {
        Some(Value::Obj(r)) if matches!(vm.heap.get(*r), HeapObj::Generator(_)) => Ok(*r),
        _ => Err(vm.type_error(&format!("descriptor '{name}' requires a 'generator' object"))),
    }
}

fn identity(_vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    Ok(args.first().copied().unwrap_or(Value::None).into())
}

fn gen_send(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "send", kwnames)?;
    let g = receiver_gen(vm, args, "send")?;
    if args.len() != 2 {
        return Err(vm.type_error(&format!("generator.send() takes exactly one argument ({} given)", args.len() - 1)));
    }
    Ok(Ret::Resume { gen: g, mode: ResumeMode::Send(args[1]), link: Link::Send })
}

fn gen_next(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let g = receiver_gen(vm, args, "__next__")?;
    Ok(Ret::Resume { gen: g, mode: ResumeMode::Send(Value::None), link: Link::Send })
}

fn gen_close(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let g = receiver_gen(vm, args, "close")?;
    Ok(Ret::Resume { gen: g, mode: ResumeMode::Close, link: Link::Close })
}

/// `gen.throw(exc)`, `gen.throw(Type)`, `gen.throw(Type, value)`.
fn gen_throw(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let g = receiver_gen(vm, args, "throw")?;
    if args.len() < 2 || args.len() > 4 {
        return Err(vm.type_error(&format!("throw expected at least 1 argument, got {}", args.len() - 1)));
    }
    let e = make_thrown(vm, args[1], args.get(2).copied())?;
    Ok(Ret::Resume { gen: g, mode: ResumeMode::Throw(e), link: Link::Send })
}

/// The exception instance for `throw(typ[, val])`.
pub fn make_thrown(vm: &mut Vm, typ: Value, val: Option<Value>) -> Result<Exc, Exc> {
    if let Value::Obj(r) = typ {
        match vm.heap.get(r) {
            HeapObj::Exception(_) => {
                if val.map(|v| !v.is_none()).unwrap_or(false) {
                    return Err(vm.type_error("instance exception may not have a separate value"));
                }
                return Ok(Exc(r));
            }
            HeapObj::Class(c) if c.kind == crate::object::TypeKind::Exception => {
                let args = match val {
                    None | Some(Value::None) => vec![],
                    Some(v) => match vm.heap.get(v.as_obj().unwrap_or(r)) {
                        HeapObj::Exception(_) => return Ok(Exc(v.as_obj().unwrap_or(r))),
                        HeapObj::Tuple(t) if v.as_obj().is_some() => t.to_vec(),
                        _ => vec![v],
                    },
                };
                return Ok(vm.new_exception(r, args));
            }
            _ => {}
        }
    }
    let t = vm.type_name(typ);
    Err(vm.type_error(&format!("exceptions must be classes or instances deriving from BaseException, not {t}")))
}

fn iter_next(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let Some(Value::Obj(r)) = args.first().copied() else {
        return Err(vm.type_error("__next__ needs an iterator"));
    };
    match vm.iter_next_native(r)? {
        Some(v) => Ok(v.into()),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn int_bit_length(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let n = vm.to_bigint(args[0]).unwrap_or_default();
    Ok(Value::Int(n.bits() as i64).into())
}

fn int_is_integer(_vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> NResult {
    Ok(Value::Bool(true).into())
}

fn float_is_integer(_vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let r = matches!(args[0], Value::Float(f) if f.is_finite() && f.fract() == 0.0);
    Ok(Value::Bool(r).into())
}

fn float_as_integer_ratio(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let Value::Float(f) = args[0] else {
        return Err(vm.type_error("as_integer_ratio needs a float"));
    };
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    let mut num = f;
    let mut den = BigInt::from(1);
    while num.fract() != 0.0 {
        num *= 2.0;
        den *= 2;
    }
    let n = numfmt::float_is_integer_to_bigint(num).unwrap_or_default();
    let g = num_integer::Integer::gcd(&n, &den);
    let (n, d) = if g.is_zero() { (n, den) } else { (&n / &g, &den / &g) };
    let nv = vm.new_bigint(n);
    let dv = vm.new_bigint(d);
    Ok(vm.new_tuple(vec![nv, dv]).into())
}

pub fn is_callable(vm: &Vm, v: Value) -> bool {
    match v {
        Value::Obj(r) => {
            matches!(
                vm.heap.get(r),
                HeapObj::Function(_) | HeapObj::Builtin(_) | HeapObj::BoundMethod { .. } | HeapObj::Class(_)
            ) || vm.specials(v) & crate::special::bits::CALL != 0
        }
        _ => false,
    }
}

pub fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let m = m.abs();
    let e = num_integer::Integer::extended_gcd(&(a % &m + &m), &m);
    if e.gcd != BigInt::from(1) {
        return None;
    }
    Some(num_integer::Integer::mod_floor(&e.x, &m))
}

/// `int(x)`, `int(s, base)`.
pub fn int_new(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    let mut base: Option<Value> = pos.get(1).copied();
    for (k, v) in kws {
        if k == "base" {
            base = Some(v);
        } else {
            return Err(vm.type_error(&format!("'{k}' is an invalid keyword argument for int()")));
        }
    }
    if pos.len() > 2 {
        return Err(vm.type_error(&format!("int() takes at most 2 arguments ({} given)", pos.len())));
    }
    let Some(x) = pos.first().copied() else {
        if base.is_some() {
            return Err(vm.type_error("int() missing string argument"));
        }
        return Ok(Value::Int(0).into());
    };
    if let Some(b) = base {
        let Value::Int(b) = b else {
            let t = vm.type_name(b);
            return Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")));
        };
        let Some(s) = vm.str_of(x).map(|s| s.to_string()) else {
            return Err(vm.type_error("int() can't convert non-string with explicit base"));
        };
        if b != 0 && !(2..=36).contains(&b) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        return parse_int_value(vm, &s, b as u32);
    }
    match x {
        Value::Int(_) => Ok(x.into()),
        Value::Bool(b) => Ok(Value::Int(b as i64).into()),
        Value::Float(f) => {
            if f.is_nan() {
                return Err(vm.value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.overflow_error("cannot convert float infinity to integer"));
            }
            let n = numfmt::float_is_integer_to_bigint(f.trunc()).unwrap_or_default();
            Ok(vm.new_bigint(n).into())
        }
        Value::Obj(r) => match vm.heap.get(r) {
            HeapObj::BigInt(_) => Ok(crate::derived::plain_copy(vm, x).into()),
            HeapObj::Str(s) => {
                let s = s.s.to_string();
                parse_int_value(vm, &s, 10)
            }
            _ => {
                let t = vm.type_name(x);
                Err(vm.type_error(&format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
                )))
            }
        },
        _ => {
            let t = vm.type_name(x);
            Err(vm.type_error(&format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
            )))
        }
    }
}

fn parse_int_value(vm: &mut Vm, s: &str, base: u32) -> NResult {
    match numfmt::parse_int(s, base) {
        Ok(n) => Ok(vm.new_bigint(n).into()),
        Err(e) => {
            let repr = crate::repr::str_repr(s);
            let msg = e.message(base, &repr);
            Err(vm.value_error(&msg))
        }
    }
}

/// `float(x)`.
pub fn float_new(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    no_kwargs(vm, "float", kwnames)?;
    arity(vm, "float", args, 0, 1)?;
    let Some(x) = args.first().copied() else {
        return Ok(Value::Float(0.0).into());
    };
    if let Some(s) = vm.str_of(x).map(|s| s.to_string()) {
        return match numfmt::parse_float(&s) {
            Some(f) => Ok(Value::Float(f).into()),
            None => {
                let r = crate::repr::str_repr(&s);
                Err(vm.value_error(&format!("could not convert string to float: {r}")))
            }
        };
    }
    match vm.to_f64(x)? {
        Some(f) => Ok(Value::Float(f).into()),
        None => {
            let t = vm.type_name(x);
            Err(vm.type_error(&format!("float() argument must be a string or a real number, not '{t}'")))
        }
    }
}

/// `round(x[, ndigits])`.
pub fn round(vm: &mut Vm, x: Value, nd: Option<Value>) -> NResult {
    let nd = match nd {
        None => None,
        Some(Value::Int(n)) => Some(n),
        Some(Value::Bool(b)) => Some(b as i64),
        Some(v) if vm.small_int(v).is_some() => vm.small_int(v),
        Some(v) => {
            let t = vm.type_name(v);
            return Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    match x {
        Value::Float(f) => match nd {
            None => match numfmt::round_to_int(f) {
                Ok(n) => Ok(vm.new_bigint(n).into()),
                Err(m) if f.is_nan() => Err(vm.value_error(m)),
                Err(m) => Err(vm.overflow_error(m)),
            },
            Some(n) => match numfmt::round_half_even(f, n) {
                Some(r) => Ok(Value::Float(r).into()),
                None => Err(vm.overflow_error("rounded value too large to represent")),
            },
        },
        _ => match vm.to_bigint(x) {
            Some(n) => match nd {
                None => Ok(vm.new_bigint(n).into()),
                Some(d) if d >= 0 => Ok(vm.new_bigint(n).into()),
                Some(d) => {
                    let Some(p) = (-d).to_u32().filter(|p| *p < 10_000) else {
                        return Ok(Value::Int(0).into());
                    };
                    let m = num_traits::pow(BigInt::from(10), p as usize);
                    let (q, r) = num_integer::Integer::div_mod_floor(&n, &m);
                    let twice = &r * 2;
                    let q = if twice > m || (twice == m && num_integer::Integer::is_odd(&q)) { q + 1 } else { q };
                    Ok(vm.new_bigint(q * m).into())
                }
            },
            None => {
                let t = vm.type_name(x);
                Err(vm.type_error(&format!("type {t} doesn't define __round__ method")))
            }
        },
    }
}

const SYS_FUNCTIONS: &[(&str, NativeFn)] = &[
    ("exit", sys_exit),
    ("setrecursionlimit", sys_setrecursionlimit),
    ("getrecursionlimit", sys_getrecursionlimit),
    ("getsizeof", sys_getsizeof),
];

/// The `sys` module.
pub fn create_sys(vm: &mut Vm) -> Result<ObjRef, Exc> {
    let m = vm.new_module("sys");
    let d = vm.module_dict(m);
    for (name, f) in SYS_FUNCTIONS {
        let key = vm.intern(name);
        let v = Value::Obj(vm.heap.alloc(HeapObj::Builtin(Box::new(crate::object::Builtin {
            name,
            func: *f,
            this: Value::Undef,
            owner: "",
            fast: crate::object::FastMethod::No,
        }))));
        vm.dict_set(d, key, v)?;
    }
    let argv: Vec<String> = vm.argv.clone();
    let items: Vec<Value> = argv.iter().map(|a| vm.new_str(a)).collect();
    let argv_v = vm.new_list(items);
    let entries: Vec<(&str, Value)> = vec![
        ("argv", argv_v),
        ("maxsize", Value::Int(i64::MAX)),
        ("byteorder", vm.new_str("little")),
        ("platform", vm.new_str("linux")),
        ("version", vm.new_str("3.11 (coro)")),
        ("modules", Value::Obj(vm.modules)),
    ];
    for (k, v) in entries {
        let key = vm.intern(k);
        vm.dict_set(d, key, v)?;
    }
    for (name, write) in [("stdout", stdout_write as NativeFn), ("stderr", stderr_write as NativeFn)] {
        let sdict = vm.new_dict().as_obj().unwrap_or(d);
        let sm = vm.heap.alloc(HeapObj::Module(Box::new(crate::object::Module { name: name.into(), dict: sdict })));
        let sd = vm.module_dict(sm);
        let wk = vm.intern("write");
        let wf = Value::Obj(vm.heap.alloc(HeapObj::Builtin(Box::new(crate::object::Builtin {
            name: "write",
            func: write,
            this: Value::Undef,
            owner: "",
            fast: crate::object::FastMethod::No,
        }))));
        vm.dict_set(sd, wk, wf)?;
        let fk = vm.intern("flush");
        let ff = Value::Obj(vm.heap.alloc(HeapObj::Builtin(Box::new(crate::object::Builtin {
            name: "flush",
            func: flush,
            this: Value::Undef,
            owner: "",
            fast: crate::object::FastMethod::No,
        }))));
        vm.dict_set(sd, fk, ff)?;
        let key = vm.intern(name);
        vm.dict_set(d, key, Value::Obj(sm))?;
    }
    Ok(m)
}

/// Is `v` the `sys.stderr` object?
pub fn is_stderr(vm: &Vm, v: Value) -> bool {
    match v {
        Value::Obj(r) => matches!(vm.heap.get(r), HeapObj::Module(m) if &*m.name == "stderr"),
        _ => false,
    }
}

fn stream_text(vm: &mut Vm, args: &[Value]) -> Result<String, Exc> {
    arity(vm, "write", args, 1, 1)?;
    match vm.str_of(args[0]) {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = vm.type_name(args[0]);
            Err(vm.type_error(&format!("write() argument must be str, not {t}")))
        }
    }
}

fn stdout_write(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let s = stream_text(vm, args)?;
    vm.write_out(&s);
    Ok(Value::Int(s.chars().count() as i64).into())
}

fn stderr_write(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let s = stream_text(vm, args)?;
    let _ = std::io::Write::write_all(&mut vm.err, s.as_bytes());
    Ok(Value::Int(s.chars().count() as i64).into())
}

fn flush(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> NResult {
    let _ = std::io::Write::flush(&mut vm.out);
    Ok(Value::None.into())
}

fn sys_exit(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "exit", args, 0, 1)?;
    let class = vm.types.exc(ExcKind::SystemExit);
    let a = args.to_vec();
    Err(vm.new_exception(class, a))
}

fn sys_setrecursionlimit(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "setrecursionlimit", args, 1, 1)?;
    match args[0] {
        Value::Int(n) if n >= 1 => {
            let depth = vm.frames.len() + 1;
            if (n as usize) <= depth {
                return Err(vm.exc_msg(
                    ExcKind::RecursionError,
                    &format!(
                        "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
                    ),
                ));
            }
            vm.recursion_limit = (n as usize).min(50_000_000);
            Ok(Value::None.into())
        }
        Value::Int(_) => Err(vm.value_error("recursion limit must be greater or equal than 1")),
        v => {
            let t = vm.type_name(v);
            Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

fn sys_getrecursionlimit(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> NResult {
    Ok(Value::Int(vm.recursion_limit as i64).into())
}

fn sys_getsizeof(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "getsizeof", args, 1, 2)?;
    let n = match args[0] {
        Value::Obj(r) => crate::heap::approx_size(vm.heap.get(r)),
        _ => 16,
    };
    Ok(Value::Int(n as i64).into())
}

/// The process exit status and message for an uncaught SystemExit, as CPython computes them.
pub fn system_exit_status(vm: &mut Vm, e: Exc) -> (i32, Option<String>) {
    let args = vm.exc_args(e);
    match args.first().copied() {
        None | Some(Value::None) => (0, None),
        Some(Value::Int(n)) => (n as i32, None),
        Some(Value::Bool(b)) => (b as i32, None),
        Some(v) => {
            let s = vm.str_string(v).unwrap_or_default();
            (1, Some(s))
        }
    }
}
