//! The `collections` module. `deque` is native (`crate::deque`); `namedtuple`
//! (`namedtuple.py`) and `Counter` (`counter.py`) are Python subclasses of tuple and dict
//! (`derived.rs`). `defaultdict` and
//! `OrderedDict` are dicts whose `Dict::extra` names their class (so every dict operation works
//! on them unchanged, and `isinstance(d, dict)` holds); their own behaviour is here: the
//! constructors, `OrderedDict.move_to_end`/`popitem(last=)`, and the default factory, which the
//! dispatch loop calls through the prelude's `_defaultdict_missing` when `d[k]` misses.

use super::new_builtin_module;
use crate::builtins::{split_args, NResult};
use crate::dict::DictExtra;
use crate::interp::Ret;
use crate::object::{HeapObj, NativeFn};
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// Names of CPython's `collections` that coro does not provide yet.
pub const UNSUPPORTED: &[&str] = &["ChainMap", "UserDict", "UserList", "UserString", "abc"];

/// The Python body of `collections`.
pub const SOURCE: &str =
    concat!(include_str!("collections.py"), include_str!("namedtuple.py"), include_str!("counter.py"));

/// Methods of `OrderedDict` beyond dict's.
pub const ORDERED_DICT_METHODS: &[(&str, NativeFn)] = &[("move_to_end", move_to_end), ("popitem", od_popitem)];

pub fn create(vm: &mut Vm) -> Result<ObjRef, Exc> {
    let mut values = vec![
        ("defaultdict", Value::Obj(vm.types.defaultdict)),
        ("OrderedDict", Value::Obj(vm.types.ordered_dict)),
        ("deque", Value::Obj(vm.types.deque)),
    ];
    // What namedtuple and Counter are built from (hidden names of the module).
    let natives: [(&'static str, NativeFn); 5] = [
        ("_make_class", crate::classes::make_class_native),
        ("_derived", crate::derived::derived_native),
        ("_plain", crate::derived::plain_native),
        ("_tuplegetter", crate::derived::tuplegetter),
        ("_caller_module", caller_module),
    ];
    for (name, f) in natives {
        values.push((name, crate::builtins::native(vm, name, f)));
    }
    new_builtin_module(vm, "collections", &[], values)
}

/// `_caller_module()`: the `__name__` of the module whose code called the running Python
/// function (CPython's `sys._getframe(1).f_globals['__name__']`, which namedtuple uses).
pub(crate) fn caller_module(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> NResult {
    let Some(globals) = vm.frames.last().map(|f| f.globals) else { return Ok(Value::None.into()) };
    let key = vm.intern("__name__");
    Ok(vm.dict_get_str(globals, key).unwrap_or(Value::None).into())
}

/// Constructs `defaultdict(factory, ...)` or `OrderedDict(...)` when `cls` is one of them.
pub fn construct(vm: &mut Vm, cls: ObjRef, args: &[Value], kwnames: &[Value]) -> Option<NResult> {
    if cls != vm.types.defaultdict && cls != vm.types.ordered_dict {
        return None;
    }
    Some(construct_dict(vm, cls, args, kwnames))
}

fn construct_dict(vm: &mut Vm, cls: ObjRef, args: &[Value], kwnames: &[Value]) -> NResult {
    let npos = args.len() - kwnames.len();
    let mut rest = args;
    let mut factory = Value::None;
    if cls == vm.types.defaultdict && npos > 0 {
        factory = args[0];
        if !factory.is_none() && !crate::builtins::misc::is_callable(vm, factory) {
            return Err(vm.type_error("first argument must be callable or None"));
        }
        rest = &args[1..];
    } else if npos > 1 {
        let name = if cls == vm.types.defaultdict { "defaultdict" } else { "OrderedDict" };
        return Err(vm.type_error(&format!("{name} expected at most 1 argument, got {npos}")));
    }
    let d = vm.new_dict();
    if let Value::Obj(r) = d {
        if let HeapObj::Dict(x) = vm.heap.get_mut(r) {
            x.extra = Some(Box::new(DictExtra { class: cls, default_factory: factory }));
        }
    }
    if rest.is_empty() {
        return Ok(d.into());
    }
    // The items go in through `dict.update`, which takes everything `dict()` takes.
    let mut full = Vec::with_capacity(rest.len() + 1);
    full.push(d);
    full.extend_from_slice(rest);
    Ok(Ret::Call { callee: vm.prelude_fn("_dict_init"), args: full, kwnames: kwnames.to_vec() })
}

impl Vm {
    /// The default factory of a defaultdict (None when it has none), or Undef for other values.
    pub(crate) fn default_factory(&self, v: Value) -> Value {
        match v {
            Value::Obj(r) => match self.heap.get(r) {
                HeapObj::Dict(d) => match &d.extra {
                    Some(x) if x.class == self.types.defaultdict => x.default_factory,
                    _ => Value::Undef,
                },
                _ => Value::Undef,
            },
            _ => Value::Undef,
        }
    }
}

fn this(args: &[Value]) -> ObjRef {
    args.first().and_then(|v| v.as_obj()).unwrap_or(ObjRef(0))
}

fn last_arg(vm: &mut Vm, args: &[Value], kwnames: &[Value], name: &str, npos_max: usize) -> Result<bool, Exc> {
    let (pos, kws) = split_args(vm, args, kwnames);
    let mut last = pos.get(npos_max).copied();
    if pos.len() > npos_max + 1 {
        return Err(vm.type_error(&format!("{name}() takes at most {} arguments ({} given)", npos_max, pos.len() - 1)));
    }
    for (k, v) in kws {
        if k == "last" {
            last = Some(v);
        } else {
            return Err(vm.type_error(&format!("{name}() got an unexpected keyword argument '{k}'")));
        }
    }
    match last {
        Some(v) => vm.truthy(v),
        None => Ok(true),
    }
}

/// `OrderedDict.move_to_end(key, last=True)`.
fn move_to_end(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let d = this(args);
    let npos = args.len() - kwnames.len();
    if npos < 2 {
        return Err(vm.type_error("move_to_end() missing required argument 'key' (pos 1)"));
    }
    let key = args[1];
    let last = last_arg(vm, args, kwnames, "move_to_end", 2)?;
    let h = vm.hash(key)?;
    let found = match vm.heap.get(d) {
        HeapObj::Dict(x) => match x.probe(&vm.heap, key, h) {
            crate::dict::Probe::Found(i) => Some(i),
            _ => None,
        },
        _ => None,
    };
    let Some(i) = found else {
        return Err(vm.key_error(key));
    };
    let (k, v) = match vm.heap.get_mut(d) {
        HeapObj::Dict(x) => x.remove_at(i),
        _ => return Ok(Value::None.into()),
    };
    if last {
        vm.dict_set(d, k, v)?;
    } else {
        let rest: Vec<(Value, Value)> = match vm.heap.get_mut(d) {
            HeapObj::Dict(x) => {
                let rest = x.iter().map(|e| (e.key, e.value)).collect();
                x.clear();
                rest
            }
            _ => Vec::new(),
        };
        vm.dict_set(d, k, v)?;
        for (k2, v2) in rest {
            vm.dict_set(d, k2, v2)?;
        }
    }
    Ok(Value::None.into())
}

/// `OrderedDict.popitem(last=True)`.
fn od_popitem(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let d = this(args);
    let last = last_arg(vm, args, kwnames, "popitem", 1)?;
    let index = match vm.heap.get(d) {
        HeapObj::Dict(x) if last => x.last_index(),
        HeapObj::Dict(x) => x.iter_positions().next(),
        _ => None,
    };
    let Some(i) = index else {
        return Err(vm.exc_msg(ExcKind::KeyError, "dictionary is empty"));
    };
    let (k, v) = match vm.heap.get_mut(d) {
        HeapObj::Dict(x) => x.remove_at(i),
        _ => (Value::None, Value::None),
    };
    Ok(vm.new_tuple(vec![k, v]).into())
}
