//! The `typing` module: every common name importable so annotated programs run. Annotations are
//! evaluated (module-level ones, as CPython does) but nothing checks them. The generic aliases
//! of builtin containers are the containers themselves (`List` is `list`); the other special
//! forms are placeholder classes that accept subscripts (`Optional[int]` gives `Optional`).
//! Their reprs, calls and `isinstance` checks are not CPython's yet (see the README).

use super::new_builtin_module;
use crate::builtins::{split_args, NResult};
use crate::object::{Class, HeapObj, NativeFn, TypeKind};
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// Names of CPython's `typing` that coro does not provide yet.
pub const UNSUPPORTED: &[&str] = &[
    "NamedTuple",
    "TypedDict",
    "NewType",
    "overload",
    "get_type_hints",
    "get_origin",
    "get_args",
    "FrozenSet",
    "assert_never",
    "assert_type",
    "reveal_type",
    "dataclass_transform",
];

/// Special forms and abstract generics: placeholder classes that accept subscripts.
const FORMS: &[&str] = &[
    "Any",
    "Optional",
    "Union",
    "Callable",
    "Iterator",
    "Iterable",
    "Generator",
    "Coroutine",
    "Awaitable",
    "AsyncIterator",
    "AsyncIterable",
    "AsyncGenerator",
    "Sequence",
    "MutableSequence",
    "Mapping",
    "MutableMapping",
    "Collection",
    "Container",
    "Hashable",
    "Sized",
    "Reversible",
    "AbstractSet",
    "MutableSet",
    "KeysView",
    "ValuesView",
    "ItemsView",
    "Generic",
    "Protocol",
    "ClassVar",
    "Final",
    "Literal",
    "Annotated",
    "NoReturn",
    "Never",
    "Self",
    "TypeAlias",
    "Concatenate",
    "TypeGuard",
    "LiteralString",
    "Required",
    "NotRequired",
    "Unpack",
    "SupportsInt",
    "SupportsFloat",
    "SupportsAbs",
    "SupportsIndex",
    "SupportsRound",
    "Text",
    "AnyStr",
];

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("TypeVar", type_var),
    ("ParamSpec", type_var),
    ("TypeVarTuple", type_var),
    ("cast", cast),
    ("final", identity),
    ("no_type_check", identity),
    ("runtime_checkable", identity),
];

pub fn create(vm: &mut Vm) -> Result<ObjRef, Exc> {
    let t = &vm.types;
    let aliases = [("List", t.list), ("Dict", t.dict), ("Tuple", t.tuple), ("Set", t.set), ("Type", t.type_)];
    let mut values: Vec<(&str, Value)> = aliases.iter().map(|(n, c)| (*n, Value::Obj(*c))).collect();
    values.push(("TYPE_CHECKING", Value::Bool(false)));
    for name in FORMS {
        let cls = placeholder_class(vm, name);
        values.push((name, Value::Obj(cls)));
    }
    new_builtin_module(vm, "typing", FUNCTIONS, values)
}

/// A class of kind `type`, so that subscripting it is accepted (and gives it back).
fn placeholder_class(vm: &mut Vm, name: &str) -> ObjRef {
    let dict = vm.new_dict().as_obj().unwrap_or(vm.builtins);
    let object = vm.types.object;
    let cls = vm.heap.alloc(HeapObj::Class(Box::new(Class {
        name: name.into(),
        qualname: name.into(),
        module: "typing".into(),
        bases: vec![object],
        mro: Vec::new(),
        dict,
        kind: TypeKind::Type,
        heap_type: false,
        specials: 0,
    })));
    if let HeapObj::Class(c) = vm.heap.get_mut(cls) {
        c.mro = vec![cls, object];
    }
    cls
}

fn type_var(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, _) = split_args(vm, args, kwnames);
    let Some(name) = pos.first().and_then(|v| vm.str_of(*v)).map(str::to_string) else {
        return Err(vm.type_error("TypeVar() missing required argument 'name' (pos 1)"));
    };
    Ok(Value::Obj(placeholder_class(vm, &name)).into())
}

fn cast(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    let mut typ = pos.first().copied();
    let mut val = pos.get(1).copied();
    for (k, v) in kws {
        match k.as_str() {
            "typ" => typ = Some(v),
            "val" => val = Some(v),
            _ => return Err(vm.type_error(&format!("cast() got an unexpected keyword argument '{k}'"))),
        }
    }
    match (typ, val) {
        (Some(_), Some(v)) if pos.len() <= 2 => Ok(v.into()),
        _ => Err(vm.type_error(&format!("cast() takes 2 positional arguments but {} were given", pos.len()))),
    }
}

fn identity(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    crate::builtins::no_kwargs(vm, "decorator", kwnames)?;
    match args {
        [v] => Ok((*v).into()),
        _ => Err(vm.type_error(&format!("decorator takes 1 positional argument but {} were given", args.len()))),
    }
}
