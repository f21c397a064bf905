//! The `types` and `inspect` modules: the types of functions, generators and the like, and the
//! predicates over them that coroutine code uses. `inspect`'s functions are Python functions in
//! CPython, so they are written in Python here too (`inspect.py`, run as the module's body).

use super::new_builtin_module;
use crate::builtins::NResult;
use crate::object::{HeapObj, NativeFn};
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// Names of CPython's `inspect` that coro does not provide yet.
pub const UNSUPPORTED: &[&str] = &[
    "signature",
    "Signature",
    "Parameter",
    "getsource",
    "getmembers",
    "getfile",
    "stack",
    "currentframe",
    "getframeinfo",
    "getgeneratorstate",
    "getgeneratorlocals",
    "isasyncgen",
    "isasyncgenfunction",
    "unwrap",
];

/// Names of CPython's `types` that coro does not provide yet.
pub const TYPES_UNSUPPORTED: &[&str] = &[
    "CoroutineType",
    "AsyncGeneratorType",
    "SimpleNamespace",
    "MappingProxyType",
    "GenericAlias",
    "NoneType",
    "EllipsisType",
    "FrameType",
    "TracebackType",
    "new_class",
    "coroutine",
];

/// The Python body of `inspect`.
pub const INSPECT_SOURCE: &str = include_str!("inspect.py");

pub fn create_types(vm: &mut Vm) -> Result<ObjRef, Exc> {
    let t = &vm.types;
    let values = vec![
        ("GeneratorType", Value::Obj(t.generator)),
        ("FunctionType", Value::Obj(t.function)),
        ("LambdaType", Value::Obj(t.function)),
        ("BuiltinFunctionType", Value::Obj(t.builtin)),
        ("BuiltinMethodType", Value::Obj(t.builtin)),
        ("MethodType", Value::Obj(t.method)),
        ("ModuleType", Value::Obj(t.module)),
        ("CodeType", Value::Obj(t.code)),
        ("CellType", Value::Obj(t.cell)),
    ];
    new_builtin_module(vm, "types", &[], values)
}

const INSPECT_NATIVES: &[(&str, NativeFn)] = &[("_is_generator_function", is_generator_function)];

pub fn create_inspect(vm: &mut Vm) -> Result<ObjRef, Exc> {
    let t = &vm.types;
    let values = vec![
        ("_GeneratorType", Value::Obj(t.generator)),
        ("_FunctionType", Value::Obj(t.function)),
        ("_MethodType", Value::Obj(t.method)),
        ("_BuiltinType", Value::Obj(t.builtin)),
        ("_ModuleType", Value::Obj(t.module)),
        ("_CodeType", Value::Obj(t.code)),
    ];
    new_builtin_module(vm, "inspect", INSPECT_NATIVES, values)
}

/// Whether `f` (a function, or a method of one) is a generator function.
fn is_generator_function(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let mut v = args.first().copied().unwrap_or(Value::None);
    if let Value::Obj(r) = v {
        if let HeapObj::BoundMethod { func, .. } = vm.heap.get(r) {
            v = *func;
        }
    }
    let yes = match v {
        Value::Obj(r) => matches!(vm.heap.get(r), HeapObj::Function(f) if f.code.code.flags.generator),
        _ => false,
    };
    Ok(Value::Bool(yes).into())
}
