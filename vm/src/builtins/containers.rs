//! Methods of list, tuple, dict, set, range and the dict views, plus set algebra and sorting.

use super::{arity, no_kwargs, split_args, NResult};
use crate::dict::Probe;
use crate::interp::Ret;
use crate::object::{HeapObj, NativeFn, VIEW_ITEMS, VIEW_KEYS, VIEW_VALUES};
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};
use coro_compiler::opcode::Op;

pub const LIST_METHODS: &[(&str, NativeFn)] = &[
    ("append", list_append),
    ("extend", list_extend),
    ("insert", list_insert),
    ("pop", list_pop),
    ("remove", list_remove),
    ("index", seq_index),
    ("count", seq_count),
    ("sort", list_sort),
    ("reverse", list_reverse),
    ("copy", list_copy),
    ("clear", list_clear),
];

pub const TUPLE_METHODS: &[(&str, NativeFn)] = &[("index", seq_index), ("count", seq_count)];

pub const RANGE_METHODS: &[(&str, NativeFn)] = &[("index", seq_index), ("count", seq_count)];

pub const DICT_METHODS: &[(&str, NativeFn)] = &[
    ("get", dict_get),
    ("setdefault", dict_setdefault),
    ("pop", dict_pop),
    ("popitem", dict_popitem),
    ("keys", dict_keys),
    ("values", dict_values),
    ("items", dict_items),
    ("update", dict_update),
    ("copy", dict_copy),
    ("clear", dict_clear),
    ("fromkeys", dict_fromkeys),
];

pub const VIEW_METHODS: &[(&str, NativeFn)] = &[];

fn this_obj(args: &[Value]) -> ObjRef {
    args.first().and_then(|v| v.as_obj()).unwrap_or(ObjRef(0))
}

fn list_mut(vm: &mut Vm, r: ObjRef) -> Option<&mut Vec<Value>> {
    match vm.heap.get_mut(r) {
        HeapObj::List(l) => Some(l),
        _ => None,
    }
}

fn list_append(vm: &mut Vm, args: &[Value], kw: &[Value]) -> NResult {
    no_kwargs(vm, "list.append", kw)?;
    if args.len() != 2 {
        return Err(vm.type_error(&format!("list.append() takes exactly one argument ({} given)", args.len() - 1)));
    }
    let r = this_obj(args);
    if let Some(l) = list_mut(vm, r) {
        l.push(args[1]);
        vm.heap.grew(16);
    }
    Ok(Value::None.into())
}

fn list_extend(vm: &mut Vm, args: &[Value], kw: &[Value]) -> NResult {
    no_kwargs(vm, "list.extend", kw)?;
    arity(vm, "list.extend", &args[1..], 1, 1)?;
    let src = args[1];
    match vm.items_of(src)? {
        Some(items) => {
            if let Some(l) = list_mut(vm, this_obj(args)) {
                l.extend(items);
            }
            Ok(Value::None.into())
        }
        None => {
            super::not_iterable_check(vm, src)?;
            Ok(Ret::TailCall(vm.prelude_fn("_extend_from_iter"), vec![args[0], src]))
        }
    }
}

fn list_insert(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    if args.len() != 3 {
        return Err(vm.type_error(&format!("insert expected 2 arguments, got {}", args.len() - 1)));
    }
    let r = this_obj(args);
    let i = vm.to_index(args[1], "list indices")?;
    if let Some(l) = list_mut(vm, r) {
        let n = l.len() as i64;
        let pos = if i < 0 { (i + n).max(0) } else { i.min(n) };
        l.insert(pos as usize, args[2]);
        vm.heap.grew(16);
    }
    Ok(Value::None.into())
}

fn list_pop(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "pop", &args[1..], 0, 1)?;
    let r = this_obj(args);
    let i = match args.get(1) {
        Some(v) => vm.to_index(*v, "list indices")?,
        None => -1,
    };
    let n = match vm.heap.get(r) {
        HeapObj::List(l) => l.len() as i64,
        _ => 0,
    };
    if n == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    // The last item (the common `pop()`) without `remove`'s shifting call.
    let v = list_mut(vm, r)
        .and_then(|l| if j == n - 1 { l.pop() } else { Some(l.remove(j as usize)) })
        .unwrap_or(Value::None);
    Ok(v.into())
}

fn list_remove(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "list.remove", &args[1..], 1, 1)?;
    let r = this_obj(args);
    let items = vm.list_items(args[0]);
    if vm.eq_in_python(&items, args[1]) {
        return Ok(Ret::TailCall(vm.prelude_fn("_seq_remove"), vec![args[0], args[1]]));
    }
    for (i, v) in items.into_iter().enumerate() {
        if v.is(args[1]) || vm.values_equal(v, args[1])? {
            if let Some(l) = list_mut(vm, r) {
                if i < l.len() {
                    l.remove(i);
                }
            }
            return Ok(Value::None.into());
        }
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

fn seq_index(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    if args.len() < 2 || args.len() > 4 {
        return Err(vm.type_error(&format!("index expected at least 1 argument, got {}", args.len() - 1)));
    }
    let items = vm.items_of(args[0])?.unwrap_or_default();
    let n = items.len() as i64;
    let norm = |v: i64| if v < 0 { (v + n).max(0) } else { v.min(n) };
    let start = match args.get(2) {
        Some(v) => norm(vm.to_index(*v, "slice indices")?),
        None => 0,
    };
    let stop = match args.get(3) {
        Some(v) => norm(vm.to_index(*v, "slice indices")?),
        None => n,
    };
    if vm.eq_in_python(&items, args[1]) {
        let f = vm.prelude_fn("_seq_index");
        return Ok(Ret::TailCall(f, vec![args[0], args[1], Value::Int(start), Value::Int(stop)]));
    }
    for i in start..stop.max(start) {
        let v = items[i as usize];
        if v.is(args[1]) || vm.values_equal(v, args[1])? {
            return Ok(Value::Int(i).into());
        }
    }
    let t = vm.type_name(args[0]);
    let msg = match t.as_str() {
        "list" => {
            let r = vm.repr_string(args[1])?;
            format!("{r} is not in list")
        }
        "tuple" => "tuple.index(x): x not in tuple".to_string(),
        _ => {
            let r = vm.repr_string(args[1])?;
            format!("{r} is not in range")
        }
    };
    Err(vm.value_error(&msg))
}

fn seq_count(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    if args.len() != 2 {
        return Err(vm.type_error(&format!("count() takes exactly one argument ({} given)", args.len() - 1)));
    }
    let items = vm.items_of(args[0])?.unwrap_or_default();
    if vm.eq_in_python(&items, args[1]) {
        return Ok(Ret::TailCall(vm.prelude_fn("_seq_count"), vec![args[0], args[1]]));
    }
    let mut c = 0;
    for v in items {
        if v.is(args[1]) || vm.values_equal(v, args[1])? {
            c += 1;
        }
    }
    Ok(Value::Int(c).into())
}

/// Sorts a list in place with native comparisons (a stable merge sort that stops at the first
/// comparison error, which it reports).
pub fn sort_list(vm: &mut Vm, list: Value, reverse: bool) -> Result<(), Exc> {
    let items = vm.list_items(list);
    let sorted = stable_sort(vm, items.clone(), &items, reverse)?;
    if let Value::Obj(r) = list {
        if let Some(l) = list_mut(vm, r) {
            *l = sorted;
        }
    }
    Ok(())
}

/// Sorts `values` by `keys` (same length), stably, reversing the order if asked (reverse keeps
/// equal elements in their original order, as CPython's does).
fn stable_sort(vm: &mut Vm, values: Vec<Value>, keys: &[Value], reverse: bool) -> Result<Vec<Value>, Exc> {
    let mut idx: Vec<usize> = (0..values.len()).collect();
    let mut err: Option<Exc> = None;
    // Comparisons of builtin values never run Python code, so a plain merge sort is safe.
    idx.sort_by(|&a, &b| {
        if err.is_some() {
            return std::cmp::Ordering::Equal;
        }
        let (x, y) = if reverse { (keys[b], keys[a]) } else { (keys[a], keys[b]) };
        match vm.compare_order(Op::Lt, x, y) {
            Ok(Some(o)) => o,
            Ok(None) => std::cmp::Ordering::Equal,
            Err(e) => {
                err = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    Ok(idx.into_iter().map(|i| values[i]).collect())
}

fn list_sort(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    if pos.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let mut key = Value::None;
    let mut reverse = false;
    for (k, v) in kws {
        match k.as_str() {
            "key" => key = v,
            "reverse" => reverse = vm.truthy(v)?,
            _ => return Err(vm.type_error(&format!("'{k}' is an invalid keyword argument for sort()"))),
        }
    }
    if key.is_none() {
        let items = vm.list_items(args[0]);
        if items.iter().any(|x| vm.compares_in_python(*x)) {
            return Ok(Ret::TailCall(vm.prelude_fn("_sort_python"), vec![args[0], Value::None, Value::Bool(reverse)]));
        }
        sort_list(vm, args[0], reverse)?;
        return Ok(Value::None.into());
    }
    Ok(Ret::TailCall(vm.prelude_fn("_sort_key"), vec![args[0], key, Value::Bool(reverse)]))
}

/// `_sort_by_keys(list, keys, reverse)`: the native half of `sort(key=...)`.
pub fn sort_by_keys(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "_sort_by_keys", args, 3, 3)?;
    let values = vm.list_items(args[0]);
    let keys = vm.list_items(args[1]);
    let reverse = vm.truthy(args[2])?;
    if keys.iter().any(|x| vm.compares_in_python(*x)) {
        return Ok(Ret::TailCall(vm.prelude_fn("_sort_python"), vec![args[0], args[1], args[2]]));
    }
    let sorted = stable_sort(vm, values, &keys, reverse)?;
    if let Value::Obj(r) = args[0] {
        if let Some(l) = list_mut(vm, r) {
            *l = sorted;
        }
    }
    Ok(Value::None.into())
}

fn list_reverse(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let r = this_obj(args);
    if let Some(l) = list_mut(vm, r) {
        l.reverse();
    }
    Ok(Value::None.into())
}

fn list_copy(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let items = vm.list_items(args[0]);
    Ok(vm.new_list(items).into())
}

fn list_clear(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let r = this_obj(args);
    if let Some(l) = list_mut(vm, r) {
        l.clear();
    }
    Ok(Value::None.into())
}

/// `dict(...)`: from a mapping or an iterable of pairs, plus keyword arguments.
pub fn dict_new(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    if pos.len() > 1 {
        return Err(vm.type_error(&format!("dict expected at most 1 argument, got {}", pos.len())));
    }
    let d = vm.new_dict();
    let dr = d.as_obj().unwrap_or(vm.builtins);
    if let Some(src) = pos.first() {
        if !update_from(vm, dr, *src)? {
            let callee = vm.prelude_fn("_dict_from_iter");
            if !kws.is_empty() {
                return Err(vm.type_error("dict() from a generator with keyword arguments is not supported"));
            }
            return Ok(Ret::TailCall(callee, vec![*src]));
        }
    }
    for (k, v) in kws {
        let key = vm.new_string(k);
        vm.dict_set(dr, key, v)?;
    }
    Ok(d.into())
}

/// Adds a mapping's or a pair iterable's entries to dict `d`; false if the source must be
/// iterated in Python.
fn update_from(vm: &mut Vm, d: ObjRef, src: Value) -> Result<bool, Exc> {
    if let Value::Obj(s) = src {
        if let HeapObj::Dict(sd) = vm.heap.get(s) {
            let pairs: Vec<(Value, Value)> = sd.iter().map(|e| (e.key, e.value)).collect();
            for (k, v) in pairs {
                vm.dict_set(d, k, v)?;
            }
            return Ok(true);
        }
    }
    let Some(items) = vm.items_of(src)? else {
        if vm.is_iterable(src) {
            return Ok(false);
        }
        let t = vm.type_name(src);
        return Err(vm.type_error(&format!("'{t}' object is not iterable")));
    };
    for (i, item) in items.into_iter().enumerate() {
        let Some(pair) = vm.items_of(item)? else {
            return Err(vm.type_error(&format!("cannot convert dictionary update sequence element #{i} to a sequence")));
        };
        if pair.len() != 2 {
            return Err(vm.value_error(&format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        vm.dict_set(d, pair[0], pair[1])?;
    }
    Ok(true)
}

fn dict_get(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    if args.len() < 2 || args.len() > 3 {
        return Err(vm.type_error(&format!("get expected at least 1 argument, got {}", args.len() - 1)));
    }
    let d = this_obj(args);
    Ok(vm.dict_get(d, args[1])?.unwrap_or(args.get(2).copied().unwrap_or(Value::None)).into())
}

fn dict_setdefault(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "setdefault", &args[1..], 1, 2)?;
    let d = this_obj(args);
    if let Some(v) = vm.dict_get(d, args[1])? {
        return Ok(v.into());
    }
    let v = args.get(2).copied().unwrap_or(Value::None);
    vm.dict_set(d, args[1], v)?;
    Ok(v.into())
}

/// Removes `key` from a dict or set object, returning its value.
pub fn dict_remove(vm: &mut Vm, d: ObjRef, key: Value) -> Result<Option<Value>, Exc> {
    let h = vm.hash(key)?;
    let probe = match vm.heap.get(d) {
        HeapObj::Dict(x) => x.probe(&vm.heap, key, h),
        _ => Probe::Vacant,
    };
    Ok(match probe {
        Probe::Found(i) => match vm.heap.get_mut(d) {
            HeapObj::Dict(x) => Some(x.remove_at(i).1),
            _ => None,
        },
        Probe::Vacant => None,
    })
}

fn dict_pop(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    if args.len() < 2 || args.len() > 3 {
        return Err(vm.type_error(&format!("pop expected at least 1 argument, got {}", args.len() - 1)));
    }
    let d = this_obj(args);
    match dict_remove(vm, d, args[1])? {
        Some(v) => Ok(v.into()),
        None => match args.get(2) {
            Some(dflt) => Ok((*dflt).into()),
            None => Err(vm.key_error(args[1])),
        },
    }
}

fn dict_popitem(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let d = this_obj(args);
    let last = match vm.heap.get(d) {
        HeapObj::Dict(x) => x.last_index(),
        _ => None,
    };
    let Some(i) = last else {
        return Err(vm.exc_msg(crate::types::ExcKind::KeyError, "popitem(): dictionary is empty"));
    };
    let (k, v) = match vm.heap.get_mut(d) {
        HeapObj::Dict(x) => x.remove_at(i),
        _ => (Value::None, Value::None),
    };
    Ok(vm.new_tuple(vec![k, v]).into())
}

fn view(vm: &mut Vm, args: &[Value], kind: u8) -> NResult {
    let d = this_obj(args);
    Ok(Value::Obj(vm.heap.alloc(HeapObj::DictView { dict: d, kind })).into())
}

fn dict_keys(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    view(vm, args, VIEW_KEYS)
}

fn dict_values(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    view(vm, args, VIEW_VALUES)
}

fn dict_items(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    view(vm, args, VIEW_ITEMS)
}

/// The items a dict view yields.
pub fn view_items(vm: &mut Vm, d: ObjRef, kind: u8) -> Vec<Value> {
    let pairs: Vec<(Value, Value)> = match vm.heap.get(d) {
        HeapObj::Dict(x) => x.iter().map(|e| (e.key, e.value)).collect(),
        _ => Vec::new(),
    };
    pairs
        .into_iter()
        .map(|(k, v)| match kind {
            VIEW_KEYS => k,
            VIEW_VALUES => v,
            _ => vm.new_tuple(vec![k, v]),
        })
        .collect()
}

/// A set holding a keys or items view's elements (for view comparisons and set algebra).
pub fn view_as_set(vm: &mut Vm, d: ObjRef, kind: u8) -> Result<Value, Exc> {
    let items = view_items(vm, d, kind);
    vm.new_set_from(&items)
}

fn dict_update(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    if pos.len() > 2 {
        return Err(vm.type_error(&format!("update expected at most 1 argument, got {}", pos.len() - 1)));
    }
    let d = this_obj(args);
    if let Some(src) = pos.get(1) {
        if !update_from(vm, d, *src)? {
            if !kws.is_empty() {
                return Err(vm.type_error("dict.update() from a generator with keyword arguments is not supported"));
            }
            return Ok(Ret::TailCall(vm.prelude_fn("_update_from_iter"), vec![args[0], *src]));
        }
    }
    for (k, v) in kws {
        let key = vm.new_string(k);
        vm.dict_set(d, key, v)?;
    }
    Ok(Value::None.into())
}

fn dict_copy(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let d = this_obj(args);
    let copy = match vm.heap.get(d) {
        HeapObj::Dict(x) => (**x).clone(),
        _ => Default::default(),
    };
    Ok(Value::Obj(vm.heap.alloc(HeapObj::Dict(Box::new(copy)))).into())
}

fn dict_clear(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let d = this_obj(args);
    if let HeapObj::Dict(x) = vm.heap.get_mut(d) {
        x.clear();
    }
    Ok(Value::None.into())
}

fn dict_fromkeys(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    // Called on the class (`dict.fromkeys(...)`): the first argument is the iterable.
    let rest = if matches!(args.first(), Some(Value::Obj(r)) if matches!(vm.heap.get(*r), HeapObj::Dict(_))) {
        &args[1..]
    } else {
        args
    };
    arity(vm, "fromkeys", rest, 1, 2)?;
    let v = rest.get(1).copied().unwrap_or(Value::None);
    let Some(items) = vm.items_of(rest[0])? else {
        if vm.is_iterable(rest[0]) {
            return Ok(Ret::TailCall(vm.prelude_fn("_dict_fromkeys"), vec![rest[0], v]));
        }
        let t = vm.type_name(rest[0]);
        return Err(vm.type_error(&format!("'{t}' object is not iterable")));
    };
    vm.check_alloc(items.len().saturating_mul(crate::DICT_ENTRY_BYTES))?;
    let d = vm.new_dict();
    let dr = d.as_obj().unwrap_or(vm.builtins);
    for k in items {
        vm.dict_set(dr, k, v)?;
    }
    Ok(d.into())
}

/// `d1 | d2`.
pub fn dict_or(vm: &mut Vm, a: Value, b: Value) -> Result<Value, Exc> {
    let is_dict = |vm: &Vm, v: Value| matches!(v, Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::Dict(_)));
    if !is_dict(vm, b) {
        let (ta, tb) = (vm.type_name(a), vm.type_name(b));
        return Err(vm.type_error(&format!("unsupported operand type(s) for |: '{ta}' and '{tb}'")));
    }
    let d = vm.new_dict();
    let dr = d.as_obj().unwrap_or(vm.builtins);
    for src in [a, b] {
        if let Some(s) = src.as_obj() {
            update_from(vm, dr, Value::Obj(s))?;
        }
    }
    Ok(d)
}
