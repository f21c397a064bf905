//! `set`: its methods and operators over `SetTable`, composed the way CPython's setobject.c
//! composes them so that iteration order (which programs print) matches CPython's.

use super::{arity, NResult};
use crate::object::{HeapObj, NativeFn};
use crate::set::{self, SetTable};
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};
use coro_compiler::opcode::BinOpKind;

pub const SET_METHODS: &[(&str, NativeFn)] = &[
    ("add", set_add),
    ("discard", set_discard),
    ("remove", set_remove),
    ("pop", set_pop),
    ("clear", set_clear),
    ("copy", set_copy),
    ("update", set_update),
    ("union", set_union),
    ("intersection", set_intersection),
    ("difference", set_difference),
    ("symmetric_difference", set_symmetric_difference),
    ("issubset", set_issubset),
    ("issuperset", set_issuperset),
    ("isdisjoint", set_isdisjoint),
];

fn table(vm: &Vm, r: ObjRef) -> Option<&SetTable> {
    match vm.heap.get(r) {
        HeapObj::Set(t) => Some(t),
        _ => None,
    }
}

fn is_set(vm: &Vm, v: Value) -> Option<ObjRef> {
    match v {
        Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::Set(_)) => Some(r),
        _ => None,
    }
}

fn alloc(vm: &mut Vm, t: SetTable) -> Value {
    Value::Obj(vm.heap.alloc(HeapObj::Set(Box::new(t))))
}

impl Vm {
    /// Adds `v` to set `s` (TypeError for unhashable values).
    pub fn set_add(&mut self, s: ObjRef, v: Value) -> Result<(), Exc> {
        let h = self.hash(v)?;
        let p = match self.heap.get(s) {
            HeapObj::Set(t) => t.probe(&self.heap, v, h),
            _ => return Ok(()),
        };
        if let HeapObj::Set(t) = self.heap.get_mut(s) {
            t.insert_probed(p, h, v);
        }
        self.heap.grew(crate::DICT_ENTRY_BYTES);
        Ok(())
    }

    pub fn set_contains(&mut self, s: ObjRef, v: Value) -> Result<bool, Exc> {
        let h = self.hash(v)?;
        Ok(table(self, s).map(|t| t.contains(&self.heap, v, h)).unwrap_or(false))
    }

    /// The elements of a set in iteration order.
    pub fn set_keys(&self, s: ObjRef) -> Vec<Value> {
        table(self, s).map(|t| t.iter().map(|(_, k)| k).collect()).unwrap_or_default()
    }

    /// A new set holding `items`, added one by one (CPython's `set(list)`).
    pub fn new_set_from(&mut self, items: &[Value]) -> Result<Value, Exc> {
        self.check_alloc(items.len().saturating_mul(crate::DICT_ENTRY_BYTES))?;
        let s = alloc(self, SetTable::new());
        let r = s.as_obj().unwrap_or(self.builtins);
        for v in items {
            self.set_add(r, *v)?;
        }
        Ok(s)
    }

    /// A set from any natively iterable value: a set is copied (keeping its layout), other
    /// iterables are added item by item. `None` when iteration needs Python code.
    pub fn set_from_iterable(&mut self, v: Value) -> Result<Option<Value>, Exc> {
        if let Some(r) = is_set(self, v) {
            let t = table(self, r).map(|t| t.copy()).unwrap_or_default();
            return Ok(Some(alloc(self, t)));
        }
        match self.items_of(v)? {
            Some(items) => Ok(Some(self.new_set_from(&items)?)),
            None => Ok(None),
        }
    }

    /// Removes `v` from set `s`; true if it was there.
    pub fn set_discard(&mut self, s: ObjRef, v: Value) -> Result<bool, Exc> {
        let h = self.hash(v)?;
        let p = match self.heap.get(s) {
            HeapObj::Set(t) => t.probe(&self.heap, v, h),
            _ => return Ok(false),
        };
        Ok(match (p, self.heap.get_mut(s)) {
            (crate::dict::Probe::Found(i), HeapObj::Set(t)) => t.remove_at(i).is_some(),
            _ => false,
        })
    }
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` on two sets.
pub fn set_binop(vm: &mut Vm, kind: BinOpKind, a: Value, b: Value) -> Result<Value, Exc> {
    let (Some(ra), Some(rb)) = (is_set(vm, a), is_set(vm, b)) else {
        let (ta, tb) = (vm.type_name(a), vm.type_name(b));
        return Err(vm.type_error(&format!("unsupported operand type(s) for {}: '{ta}' and '{tb}'", kind.symbol())));
    };
    let t = match (vm.heap.get(ra), vm.heap.get(rb)) {
        (HeapObj::Set(x), HeapObj::Set(y)) => match kind {
            BinOpKind::Or => set::union(&vm.heap, x, y),
            BinOpKind::And => set::intersection(&vm.heap, x, y),
            BinOpKind::Sub => set::difference(&vm.heap, x, y),
            _ => set::symmetric_difference(&vm.heap, x, y),
        },
        _ => SetTable::new(),
    };
    Ok(alloc(vm, t))
}

/// `a op= b` on sets: changes `a` in place, as CPython's in-place set operators do.
pub fn set_inplace(vm: &mut Vm, kind: BinOpKind, a: ObjRef, b: Value) -> Result<(), Exc> {
    let Some(rb) = is_set(vm, b) else {
        let (ta, tb) = (vm.type_name(Value::Obj(a)), vm.type_name(b));
        return Err(vm.type_error(&format!("unsupported operand type(s) for {}=: '{ta}' and '{tb}'", kind.symbol())));
    };
    if rb == a {
        if let HeapObj::Set(t) = vm.heap.get_mut(a) {
            match kind {
                BinOpKind::Or => {}
                BinOpKind::And => {
                    let c = t.copy();
                    t.replace_body(c);
                }
                _ => t.clear(),
            }
        }
        return Ok(());
    }
    let HeapObj::Set(mut mine) = vm.heap.replace(a, HeapObj::Set(Box::default())) else { return Ok(()) };
    if let HeapObj::Set(other) = vm.heap.get(rb) {
        match kind {
            BinOpKind::Or => mine.merge(&vm.heap, other),
            BinOpKind::And => mine.intersection_update(&vm.heap, other),
            BinOpKind::Sub => mine.difference_update(&vm.heap, other),
            _ => mine.symmetric_difference_update(&vm.heap, other),
        }
    }
    *vm.heap.get_mut(a) = HeapObj::Set(mine);
    Ok(())
}

/// Subset ordering for `<`, `<=`, `>`, `>=` on sets.
pub fn set_order(vm: &mut Vm, a: Value, b: Value) -> Result<Option<std::cmp::Ordering>, Exc> {
    use std::cmp::Ordering;
    let (Some(ra), Some(rb)) = (is_set(vm, a), is_set(vm, b)) else { return Ok(None) };
    let a_in_b = subset(vm, ra, rb);
    let b_in_a = subset(vm, rb, ra);
    Ok(match (a_in_b, b_in_a) {
        (true, true) => Some(Ordering::Equal),
        (true, false) => Some(Ordering::Less),
        (false, true) => Some(Ordering::Greater),
        (false, false) => None,
    })
}

fn subset(vm: &Vm, a: ObjRef, b: ObjRef) -> bool {
    match (vm.heap.get(a), vm.heap.get(b)) {
        (HeapObj::Set(x), HeapObj::Set(y)) => x.len() <= y.len() && x.iter().all(|(h, k)| y.contains(&vm.heap, k, h)),
        _ => false,
    }
}

fn this(args: &[Value]) -> ObjRef {
    args.first().and_then(|v| v.as_obj()).unwrap_or(ObjRef(0))
}

/// A set built from a method argument (sets are used as they are; other iterables converted).
fn operand(vm: &mut Vm, v: Value) -> Result<ObjRef, Exc> {
    if let Some(r) = is_set(vm, v) {
        return Ok(r);
    }
    match vm.set_from_iterable(v)? {
        Some(s) => Ok(s.as_obj().unwrap_or(ObjRef(0))),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(&format!("'{t}' object is not iterable")))
        }
    }
}

fn set_add(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "set.add", &args[1..], 1, 1)?;
    vm.set_add(this(args), args[1])?;
    Ok(Value::None.into())
}

fn set_discard(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "set.discard", &args[1..], 1, 1)?;
    vm.set_discard(this(args), args[1])?;
    Ok(Value::None.into())
}

fn set_remove(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "set.remove", &args[1..], 1, 1)?;
    if vm.set_discard(this(args), args[1])? {
        Ok(Value::None.into())
    } else {
        Err(vm.key_error(args[1]))
    }
}

fn set_pop(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let popped = match vm.heap.get_mut(this(args)) {
        HeapObj::Set(t) => t.pop(),
        _ => None,
    };
    match popped {
        Some(v) => Ok(v.into()),
        None => Err(vm.exc_msg(crate::types::ExcKind::KeyError, "pop from an empty set")),
    }
}

fn set_clear(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    if let HeapObj::Set(t) = vm.heap.get_mut(this(args)) {
        t.clear();
    }
    Ok(Value::None.into())
}

fn set_copy(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let t = table(vm, this(args)).map(|t| t.copy()).unwrap_or_default();
    Ok(alloc(vm, t).into())
}

fn set_update(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let s = this(args);
    for other in &args[1..] {
        if let Some(r) = is_set(vm, *other) {
            set_inplace(vm, BinOpKind::Or, s, Value::Obj(r))?;
            continue;
        }
        let Some(items) = vm.items_of(*other)? else {
            let t = vm.type_name(*other);
            return Err(vm.type_error(&format!("'{t}' object is not iterable")));
        };
        for v in items {
            vm.set_add(s, v)?;
        }
    }
    Ok(Value::None.into())
}

/// `s.method(*others)`: a copy of `s` combined with each argument in turn.
fn method_op(vm: &mut Vm, args: &[Value], kind: BinOpKind) -> NResult {
    let mut acc = {
        let t = table(vm, this(args)).map(|t| t.copy()).unwrap_or_default();
        alloc(vm, t)
    };
    for other in &args[1..] {
        let o = operand(vm, *other)?;
        acc = set_binop(vm, kind, acc, Value::Obj(o))?;
    }
    Ok(acc.into())
}

fn set_union(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    method_op(vm, args, BinOpKind::Or)
}

fn set_intersection(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    method_op(vm, args, BinOpKind::And)
}

fn set_difference(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    method_op(vm, args, BinOpKind::Sub)
}

fn set_symmetric_difference(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "symmetric_difference", &args[1..], 1, 1)?;
    method_op(vm, args, BinOpKind::Xor)
}

fn set_issubset(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "issubset", &args[1..], 1, 1)?;
    let o = operand(vm, args[1])?;
    Ok(Value::Bool(subset(vm, this(args), o)).into())
}

fn set_issuperset(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "issuperset", &args[1..], 1, 1)?;
    let o = operand(vm, args[1])?;
    Ok(Value::Bool(subset(vm, o, this(args))).into())
}

fn set_isdisjoint(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "isdisjoint", &args[1..], 1, 1)?;
    let o = operand(vm, args[1])?;
    let disjoint = match (vm.heap.get(this(args)), vm.heap.get(o)) {
        (HeapObj::Set(x), HeapObj::Set(y)) => !x.iter().any(|(h, k)| y.contains(&vm.heap, k, h)),
        _ => true,
    };
    Ok(Value::Bool(disjoint).into())
}
