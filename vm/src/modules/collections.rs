//! The `collections` module: `deque`, written in Python (`collections.py`). namedtuple,
//! defaultdict, OrderedDict and Counter subclass tuple or dict in CPython, which coro's classes
//! cannot yet, so they are refused by name rather than imitated.

use super::new_builtin_module;
use crate::value::ObjRef;
use crate::{Exc, Vm};

/// Names of CPython's `collections` that coro does not provide yet.
pub const UNSUPPORTED: &[&str] =
    &["namedtuple", "defaultdict", "OrderedDict", "Counter", "ChainMap", "UserDict", "UserList", "UserString", "abc"];

/// The Python body of `collections`.
pub const SOURCE: &str = include_str!("collections.py");

pub fn create(vm: &mut Vm) -> Result<ObjRef, Exc> {
    new_builtin_module(vm, "collections", &[], Vec::new())
}
