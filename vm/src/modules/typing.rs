//! The `typing` module, written in Python (`typing.py`) as CPython's is: every common name,
//! subscriptable, with CPython's reprs (`typing.List[int]`, `typing.Optional[str]`, `~T`).
//! Annotations are evaluated, as CPython evaluates them, and nothing checks them.

use super::new_builtin_module;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// Names of CPython's `typing` that coro does not provide yet.
pub const UNSUPPORTED: &[&str] = &[
    "TypedDict",
    "NewType",
    "get_type_hints",
    "assert_never",
    "assert_type",
    "reveal_type",
    "dataclass_transform",
    "ParamSpec",
    "TypeVarTuple",
    "Concatenate",
    "Unpack",
    "Required",
    "NotRequired",
    "Annotated",
    "AnyStr",
    "FrozenSet",
    "ChainMap",
    "IO",
    "TextIO",
    "BinaryIO",
    "Pattern",
    "Match",
    "ByteString",
];

/// The Python body of `typing`.
pub const SOURCE: &str = include_str!("typing.py");

pub fn create(vm: &mut Vm) -> Result<ObjRef, Exc> {
    let f = Value::Obj(vm.types.function);
    let caller = crate::builtins::native(vm, "_caller_module", super::collections::caller_module);
    new_builtin_module(vm, "typing", &[], vec![("_FunctionType", f), ("_caller_module", caller)])
}
