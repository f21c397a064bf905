//! The `functools` module: `reduce` (validated here, run by the prelude's `_reduce` so the
//! function it applies runs in the dispatch loop), and `partial`, `wraps`, `update_wrapper`,
//! `cmp_to_key` written in Python (`functools.py`), as CPython's are.

use super::new_builtin_module;
use crate::builtins::NResult;
use crate::interp::Ret;
use crate::object::NativeFn;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// Names of CPython's `functools` that coro does not provide yet (most need classes).
pub const UNSUPPORTED: &[&str] = &[
    "partialmethod",
    "lru_cache",
    "cache",
    "cached_property",
    "total_ordering",
    "singledispatch",
    "singledispatchmethod",
];

/// The Python body of `functools` (partial, wraps, update_wrapper, cmp_to_key).
pub const SOURCE: &str = include_str!("functools.py");

const FUNCTIONS: &[(&str, NativeFn)] = &[("reduce", reduce)];

pub fn create(vm: &mut Vm) -> Result<ObjRef, Exc> {
    new_builtin_module(vm, "functools", FUNCTIONS, Vec::new())
}

/// `reduce(function, iterable[, initial])`.
fn reduce(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    crate::builtins::no_kwargs(vm, "reduce", kwnames)?;
    crate::builtins::arity(vm, "reduce", args, 2, 3)?;
    let it = match vm.get_iter(args[1]) {
        Ok(it) => it,
        Err(e) if vm.exc_is(e, crate::types::ExcKind::TypeError) => {
            return Err(vm.type_error("reduce() arg 2 must support iteration"))
        }
        Err(e) => return Err(e),
    };
    let initial = match args.get(2) {
        Some(v) => *v,
        None => vm.prelude_fn("_MISSING"),
    };
    Ok(Ret::TailCall(vm.prelude_fn("_reduce"), vec![args[0], it, initial]))
}
