//! The `enum` module: `Enum`, `auto`, `unique` and the `EnumType` metaclass, written in Python
//! (`enum.py`), as CPython's are, and IntEnum (members are ints: `derived.rs`). StrEnum, Flag
//! and friends are refused by name.

use super::new_builtin_module;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// Names of CPython's `enum` that coro does not provide yet.
pub const UNSUPPORTED: &[&str] =
    &["StrEnum", "Flag", "IntFlag", "verify", "member", "nonmember", "property", "global_enum"];

/// The Python body of `enum`.
pub const SOURCE: &str = include_str!("enum.py");

pub fn create(vm: &mut Vm) -> Result<ObjRef, Exc> {
    let f = Value::Obj(vm.types.function);
    let new_instance = crate::builtins::native(vm, "_new_instance", crate::classes::new_instance);
    new_builtin_module(vm, "enum", &[], vec![("_FunctionType", f), ("_new_instance", new_instance)])
}
