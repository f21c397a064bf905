//! Instances of user subclasses of `tuple`, `list`, `str` and `dict` (`collections.namedtuple`,
//! `Counter`, `class Stack(list)`): the object is the builtin object itself, so every native
//! operation (indexing, iteration, hashing, `==`, unpacking, `len`) works on it unchanged, and
//! `Heap::derived` records its class and attribute dict. A class statement that derives from one
//! of these types gets the matching `TypeKind`; calling the class runs CPython's protocol
//! (`cls.__new__(cls, ...)`, then `__init__` when the result is an instance) through the prelude.
//!
//! Special methods a subclass defines are found through `Vm::specials`, which consults the
//! derived class, so an instruction calls the override before its native fast path, as CPython
//! does. The builtin types' own dunders (`tuple.__new__`, `list.__init__`, `dict.__getitem__`,
//! ...) are here so that `super().__init__(...)` and friends reach the native behaviour.

use crate::builtins::NResult;
use crate::classes::Attr;
use crate::heap::Derived;
use crate::interp::Ret;
use crate::object::{HeapObj, NativeFn, StrObj, TypeKind};
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// Whether instances of classes of this kind are builtin objects tagged in `Heap::derived`.
pub(crate) fn is_derived_kind(kind: TypeKind) -> bool {
    matches!(kind, TypeKind::Int | TypeKind::Str | TypeKind::Tuple | TypeKind::List | TypeKind::Dict)
}

/// The special methods (`special::bits`) a builtin base type implements itself: in the MRO of a
/// subclass, they hide the same methods of classes after that base, as in CPython.
pub(crate) fn native_specials(kind: TypeKind) -> u64 {
    use crate::special::bits::*;
    let container = COMPARE | LEN | ITER | GETITEM | CONTAINS | NUMERIC | REPR;
    match kind {
        // int has no __str__ of its own: object.__str__ calls __repr__.
        TypeKind::Int => COMPARE | HASH | BOOL | NUMERIC | UNARY | REPR | FORMAT,
        TypeKind::Str => container | HASH | STR | FORMAT,
        TypeKind::Tuple => container | HASH,
        TypeKind::List | TypeKind::Dict => container | SETITEM | DELITEM,
        _ => 0,
    }
}

impl Vm {
    /// The class and attribute dict of `v` when it is a builtin-typed instance of a user class.
    #[inline]
    pub(crate) fn derived(&self, v: Value) -> Option<Derived> {
        if self.heap.derived.is_empty() {
            return None;
        }
        let Value::Obj(r) = v else { return None };
        self.heap.derived.get(&r.0).copied()
    }

    /// `specials(v)` for a builtin-typed object (out of line: the common case is inlined).
    #[inline(never)]
    pub(crate) fn derived_specials(&self, v: Value) -> u64 {
        match self.derived(v).map(|d| self.heap.get(d.class)) {
            Some(HeapObj::Class(c)) => c.specials,
            _ => 0,
        }
    }

    /// The class of a builtin-typed object: `base`, or its user subclass.
    #[inline]
    pub(crate) fn derived_class_or(&self, r: ObjRef, base: ObjRef) -> ObjRef {
        if self.heap.derived.is_empty() {
            return base;
        }
        self.heap.derived.get(&r.0).map_or(base, |d| d.class)
    }

    /// Whether instances of `cls` get an attribute dict: unless every class statement in its MRO
    /// says `__slots__` (coro accepts only empty slots, as namedtuple uses).
    fn class_has_dict(&mut self, cls: ObjRef) -> bool {
        let key = self.intern("__slots__");
        let mro = self.class(cls).map(|c| c.mro.clone()).unwrap_or_default();
        mro.iter().any(|k| {
            self.class(*k).is_some_and(|c| c.heap_type)
                && self.class(*k).is_some_and(|c| self.dict_get_str(c.dict, key).is_none())
        })
    }

    /// A new object of user class `cls` (a subclass of tuple, list, str or dict) holding a
    /// shallow copy of builtin value `base`.
    pub(crate) fn new_derived(&mut self, cls: ObjRef, base: Value) -> Result<Value, Exc> {
        let kind = self.class(cls).map(|c| c.kind).unwrap_or(TypeKind::Object);
        let obj = match (kind, base) {
            (TypeKind::Tuple, Value::Obj(r)) => match self.heap.get(r) {
                HeapObj::Tuple(items) => Some(HeapObj::Tuple(items.clone())),
                _ => None,
            },
            (TypeKind::List, Value::Obj(r)) => match self.heap.get(r) {
                HeapObj::List(items) => Some(HeapObj::List(items.clone())),
                _ => None,
            },
            (TypeKind::Int, Value::Int(i)) => Some(HeapObj::BigInt(Box::new(i.into()))),
            (TypeKind::Int, Value::Bool(b)) => Some(HeapObj::BigInt(Box::new((b as i64).into()))),
            (TypeKind::Int, Value::Obj(r)) => match self.heap.get(r) {
                HeapObj::BigInt(b) => Some(HeapObj::BigInt(b.clone())),
                _ => None,
            },
            (TypeKind::Str, Value::Obj(r)) => match self.heap.get(r) {
                HeapObj::Str(s) => Some(HeapObj::Str(StrObj::new(s.s.clone()))),
                _ => None,
            },
            (TypeKind::Dict, Value::Obj(r)) => match self.heap.get(r) {
                HeapObj::Dict(d) => {
                    let mut d = d.clone();
                    d.extra = Some(Box::new(crate::dict::DictExtra { class: cls, default_factory: Value::None }));
                    Some(HeapObj::Dict(d))
                }
                _ => None,
            },
            _ => None,
        };
        let Some(obj) = obj else {
            let t = self.type_name(base);
            let n = self.class(cls).map(|c| c.name.to_string()).unwrap_or_default();
            return Err(self.type_error(&format!("coro: cannot make a '{n}' instance from a '{t}' object")));
        };
        let r = self.heap.alloc(obj);
        let dict = if self.class_has_dict(cls) { self.new_dict().as_obj() } else { None };
        self.heap.derived.insert(r.0, Derived { class: cls, dict });
        Ok(Value::Obj(r))
    }

    /// `obj.name` for a builtin-typed instance of a user class (the counterpart of
    /// `instance_getattr`, with an attribute dict that may be absent).
    #[inline(never)]
    pub(crate) fn derived_getattr(&mut self, obj: Value, d: Derived, name: Value) -> Result<Attr, Exc> {
        let descr = self.class_lookup(d.class, name);
        if let Some(Value::Obj(p)) = descr {
            if let HeapObj::Property(p) = self.heap.get(p) {
                let fget = p[0];
                if fget.is_none() && self.getattr_hook(d.class).is_none() {
                    let n = self.str_of(name).unwrap_or("?").to_string();
                    let t = self.type_name(obj);
                    return Err(self.attribute_error(&format!("property '{n}' of '{t}' object has no getter")));
                }
                return Ok(self.property_get(fget, obj, d.class, name));
            }
        }
        match self.str_of(name) {
            Some("__class__") => return Ok(Attr::Value(Value::Obj(d.class))),
            Some("__dict__") if d.dict.is_some() => return Ok(Attr::Value(Value::Obj(d.dict.unwrap_or(d.class)))),
            _ => {}
        }
        if let Some(v) = d.dict.and_then(|dict| self.dict_get_str(dict, name)) {
            return Ok(Attr::Value(v));
        }
        if let Some(m) = descr {
            return Ok(Attr::Value(self.bind_descr(m, obj, d.class)));
        }
        if let Some(g) = self.getattr_hook(d.class) {
            return Ok(Attr::Call(g, vec![obj, name]));
        }
        let n = self.str_of(name).unwrap_or("?").to_string();
        let t = self.type_name(obj);
        Err(self.attribute_error(&format!("'{t}' object has no attribute '{n}'")))
    }

    /// Whether the attribute dict of derived object `v` has `name` (which then shadows a
    /// method of the class).
    pub(crate) fn derived_shadows(&self, v: Value, name: Value) -> bool {
        self.derived(v).and_then(|d| d.dict).is_some_and(|dict| self.dict_get_str(dict, name).is_some())
    }

    /// `obj.name = v` on a derived object: Ok(false) when it has no attribute dict (the caller
    /// reports the error).
    pub(crate) fn derived_setattr(&mut self, d: Derived, name: Value, v: Value) -> Result<bool, Exc> {
        let Some(dict) = d.dict else { return Ok(false) };
        let n = self.str_of(name).unwrap_or("");
        if n == "__class__" || n == "__dict__" {
            let msg = format!("coro: assigning {n} is not supported yet");
            return Err(self.exc_msg(ExcKind::NotImplementedError, &msg));
        }
        self.dict_set(dict, name, v)?;
        Ok(true)
    }

    /// The `__missing__` method of a dict subclass, for `d[k]` when k is absent.
    pub(crate) fn missing_method(&mut self, c: Value) -> Option<Value> {
        let d = self.derived(c)?;
        let key = self.intern("__missing__");
        match self.class_lookup(d.class, key)? {
            m @ Value::Obj(r) if !matches!(self.heap.get(r), HeapObj::Builtin(_)) => Some(m),
            _ => None,
        }
    }

    /// Calling a user subclass of int, str, tuple, list or dict, or a class defining `__new__`:
    /// `cls.__new__(cls, ...)`, then `__init__` on the result when it is an instance of cls (the
    /// prelude's `_construct`).
    #[inline(never)]
    pub(crate) fn instantiate_derived(&mut self, cls: ObjRef, args: &[Value], kwnames: &[Value]) -> NResult {
        if self.class(cls).is_some_and(|c| c.kind == TypeKind::Exception) {
            let name = self.class(cls).map(|c| c.name.to_string()).unwrap_or_default();
            let msg = format!("coro: __new__ in exception class '{name}' is not supported yet");
            return Err(self.exc_msg(ExcKind::NotImplementedError, &msg));
        }
        let (new_name, init_name) = (self.intern("__new__"), self.intern("__init__"));
        let new = match self.class_lookup(cls, new_name) {
            Some(Value::Obj(r)) => match self.heap.get(r) {
                HeapObj::StaticMethod(f) => *f,
                _ => Value::Obj(r),
            },
            _ => Value::None,
        };
        let init = match self.class_lookup(cls, init_name) {
            // object.__init__ (tuple and str have no __init__ of their own) ignores the
            // arguments when __new__ is overridden, as here.
            Some(Value::Obj(r)) if matches!(self.heap.get(r), HeapObj::Builtin(b) if b.owner == "object") => {
                Value::None
            }
            Some(v) => v,
            None => Value::None,
        };
        let mut full = Vec::with_capacity(args.len() + 3);
        full.extend([Value::Obj(cls), new, init]);
        full.extend_from_slice(args);
        Ok(Ret::Call { callee: self.prelude_fn("_construct"), args: full, kwnames: kwnames.to_vec() })
    }
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::None)
}

/// The class argument of a `__new__`: a class deriving from `base` (or base itself).
fn new_class_arg(vm: &mut Vm, args: &[Value], base: ObjRef, what: &str) -> Result<ObjRef, Exc> {
    let Some(&c) = args.first() else {
        return Err(vm.type_error(&format!("{what}.__new__(): not enough arguments")));
    };
    let Value::Obj(cr) = c else {
        let t = vm.type_name(c);
        return Err(vm.type_error(&format!("{what}.__new__(X): X is not a type object ({t})")));
    };
    if vm.class(cr).is_none() {
        let t = vm.type_name(c);
        return Err(vm.type_error(&format!("{what}.__new__(X): X is not a type object ({t})")));
    }
    if !vm.is_subclass(cr, base) {
        let n = vm.class(cr).map(|c| c.name.to_string()).unwrap_or_default();
        return Err(vm.type_error(&format!("{what}.__new__({n}): {n} is not a subtype of {what}")));
    }
    Ok(cr)
}

/// `tuple.__new__(cls, iterable=())` and `str.__new__(cls, object='')`: the builtin
/// constructor's value, copied into an instance of cls.
fn immutable_new(vm: &mut Vm, args: &[Value], kwnames: &[Value], base: ObjRef, what: &str) -> NResult {
    let cls = new_class_arg(vm, args, base, what)?;
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(Value::Obj(cls));
    full.push(Value::Obj(base));
    full.extend_from_slice(&args[1..]);
    if cls == base {
        return Ok(Ret::Call { callee: Value::Obj(base), args: full[2..].to_vec(), kwnames: kwnames.to_vec() });
    }
    Ok(Ret::Call { callee: vm.prelude_fn("_new_derived"), args: full, kwnames: kwnames.to_vec() })
}

fn tuple_new(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let base = vm.types.tuple;
    immutable_new(vm, args, kwnames, base, "tuple")
}

fn str_new(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let base = vm.types.str_;
    immutable_new(vm, args, kwnames, base, "str")
}

fn int_new(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let base = vm.types.int;
    immutable_new(vm, args, kwnames, base, "int")
}

/// `int.__index__`, `int.conjugate`, `int.__int__`: the value as a plain int.
pub(crate) fn int_plain(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    check_arity(vm, args, 0, "__index__")?;
    Ok(plain_copy(vm, args[0]).into())
}

/// `list.__new__(cls, ...)` and `dict.__new__(cls, ...)`: an empty instance (`__init__` fills it).
fn mutable_new(vm: &mut Vm, args: &[Value], base: ObjRef, what: &str) -> NResult {
    let cls = new_class_arg(vm, args, base, what)?;
    let empty = if what == "list" { vm.new_list(Vec::new()) } else { vm.new_dict() };
    if cls == base {
        return Ok(empty.into());
    }
    Ok(vm.new_derived(cls, empty)?.into())
}

fn list_new(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let base = vm.types.list;
    mutable_new(vm, args, base, "list")
}

fn dict_new(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let base = vm.types.dict;
    mutable_new(vm, args, base, "dict")
}

/// `object.__new__(cls)`: a new instance of a plain user class.
fn object_new(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let object = vm.types.object;
    let cls = new_class_arg(vm, args, object, "object")?;
    if args.len() > 1 {
        let (new_name, init_name) = (vm.intern("__new__"), vm.intern("__init__"));
        let own_new = !matches!(vm.class_lookup(cls, new_name), Some(Value::Obj(r)) if matches!(vm.heap.get(r), HeapObj::Builtin(_)));
        if own_new {
            return Err(vm.type_error("object.__new__() takes exactly one argument (the type to instantiate)"));
        }
        let own_init = !matches!(vm.class_lookup(cls, init_name), Some(Value::Obj(r)) if matches!(vm.heap.get(r), HeapObj::Builtin(_)));
        if !own_init {
            let n = vm.class(cls).map(|c| c.name.to_string()).unwrap_or_default();
            return Err(vm.type_error(&format!("{n}() takes no arguments")));
        }
    }
    let _ = kwnames;
    let kind = vm.class(cls).map(|c| c.kind).unwrap_or(TypeKind::Object);
    let n = vm.class(cls).map(|c| c.name.to_string()).unwrap_or_default();
    if kind != TypeKind::Object || !vm.is_user_class(cls) {
        return Err(vm.type_error(&format!("object.__new__({n}) is not safe, use {n}.__new__()")));
    }
    Ok(Value::Obj(vm.new_instance(cls)).into())
}

/// `list.__init__(self, iterable=())`: replaces the contents.
fn list_init(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    if !kwnames.is_empty() {
        return Err(vm.type_error("list() takes no keyword arguments"));
    }
    if args.len() > 2 {
        return Err(vm.type_error(&format!("list expected at most 1 argument, got {}", args.len() - 1)));
    }
    if let Value::Obj(r) = arg(args, 0) {
        if let HeapObj::List(items) = vm.heap.get_mut(r) {
            items.clear();
        }
    }
    if args.len() < 2 {
        return Ok(Value::None.into());
    }
    Ok(Ret::Call { callee: vm.prelude_fn("_list_init"), args: args.to_vec(), kwnames: Vec::new() })
}

/// `dict.__init__(self, mapping_or_iterable=(), **kwargs)`: adds the items (dict.update's rules).
fn dict_init(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let npos = args.len() - kwnames.len();
    if npos > 2 {
        return Err(vm.type_error(&format!("dict expected at most 1 argument, got {}", npos - 1)));
    }
    Ok(Ret::Call { callee: vm.prelude_fn("_dict_base_init"), args: args.to_vec(), kwnames: kwnames.to_vec() })
}

/// The argument count of a slot wrapper (`list.__getitem__(x, i)`), as CPython checks it.
fn check_arity(vm: &mut Vm, args: &[Value], n: usize, name: &str) -> Result<(), Exc> {
    if args.len() != n + 1 {
        let given = args.len().saturating_sub(1);
        let s = if n == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!("{name}() expected {n} argument{s}, got {given}")));
    }
    Ok(())
}

fn getitem(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    check_arity(vm, args, 1, "__getitem__")?;
    match vm.get_item(args[0], args[1]) {
        Ok(v) => Ok(v.into()),
        Err(e) if vm.exc_is(e, ExcKind::KeyError) => match vm.missing_method(args[0]) {
            Some(m) => Ok(Ret::TailCall(m, vec![args[0], args[1]])),
            None => Err(e),
        },
        Err(e) => Err(e),
    }
}

fn setitem(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    check_arity(vm, args, 2, "__setitem__")?;
    vm.set_item(args[0], args[1], args[2])?;
    Ok(Value::None.into())
}

fn delitem(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    check_arity(vm, args, 1, "__delitem__")?;
    vm.del_item(args[0], args[1])?;
    Ok(Value::None.into())
}

fn len(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    check_arity(vm, args, 0, "__len__")?;
    let n = match vm.heap.get(args[0].as_obj().unwrap_or(vm.builtins)) {
        HeapObj::List(v) => v.len(),
        HeapObj::Tuple(v) => v.len(),
        HeapObj::Str(s) => s.chars as usize,
        HeapObj::Dict(d) => d.len(),
        _ => 0,
    };
    Ok(Value::Int(n as i64).into())
}

fn contains(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    check_arity(vm, args, 1, "__contains__")?;
    match vm.contains_native(args[0], args[1])? {
        Some(b) => Ok(Value::Bool(b).into()),
        None => Ok(Ret::TailCall(vm.prelude_fn("_contains"), vec![args[0], args[1]])),
    }
}

fn iter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    check_arity(vm, args, 0, "__iter__")?;
    Ok(vm.get_iter(args[0])?.into())
}

/// `base.__repr__(self)`: the builtin repr of the contents (a plain copy is shown, so a user
/// `__repr__` calling this does not come back to itself).
fn repr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    check_arity(vm, args, 0, "__repr__")?;
    let v = plain_copy(vm, args[0]);
    Ok(Ret::TailCall(vm.prelude_fn("_repr"), vec![v]))
}

/// `str.__str__(self)`: the plain str.
fn str_str(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    check_arity(vm, args, 0, "__str__")?;
    Ok(plain_copy(vm, args[0]).into())
}

/// A builtin object with the contents of derived object `v` (v itself when it is not derived).
pub(crate) fn plain_copy(vm: &mut Vm, v: Value) -> Value {
    let Some(_) = vm.derived(v) else { return v };
    let Value::Obj(r) = v else { return v };
    let obj = match vm.heap.get(r) {
        // An int subclass's value may fit an inline int (`Value::Int`), as every plain int does.
        HeapObj::BigInt(b) => {
            let b = (**b).clone();
            return vm.new_bigint(b);
        }
        HeapObj::Tuple(items) => HeapObj::Tuple(items.clone()),
        HeapObj::List(items) => HeapObj::List(items.clone()),
        HeapObj::Str(s) => HeapObj::Str(StrObj::new(s.s.clone())),
        HeapObj::Dict(d) => {
            let mut d = d.clone();
            d.extra = None;
            HeapObj::Dict(d)
        }
        _ => return v,
    };
    Value::Obj(vm.heap.alloc(obj))
}

/// `base.__eq__(self, other)` (or `__ne__`): NotImplemented unless other is of self's builtin
/// type, else the builtin comparison of the contents.
fn compare_eq(vm: &mut Vm, args: &[Value], name: &str, helper: &str) -> NResult {
    check_arity(vm, args, 1, name)?;
    let a = plain_copy(vm, args[0]);
    let base = vm.class_of(a);
    if !vm.isinstance(args[1], base) {
        return Ok(Value::Obj(vm.types.not_implemented).into());
    }
    let b = plain_copy(vm, args[1]);
    Ok(Ret::TailCall(vm.prelude_fn(helper), vec![a, b]))
}

fn eq(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    compare_eq(vm, args, "__eq__", "_eq")
}

fn ne(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    compare_eq(vm, args, "__ne__", "_ne")
}

fn hash(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    check_arity(vm, args, 0, "__hash__")?;
    let v = plain_copy(vm, args[0]);
    let h = vm.hash(v)?;
    Ok(Value::Int(h as i64).into())
}

/// `_derived(cls, value)`: a new instance of cls (a user subclass of value's type) holding a
/// copy of value.
pub(crate) fn derived_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    match args.first() {
        Some(Value::Obj(c)) if vm.is_user_class(*c) => Ok(vm.new_derived(*c, arg(args, 1))?.into()),
        _ => Err(vm.type_error("_derived() needs a user class")),
    }
}

/// `_is_derived(x)`: whether x is a builtin-typed instance of a user class.
fn is_derived_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    Ok(Value::Bool(vm.derived(arg(args, 0)).is_some()).into())
}

/// `_plain(x)`: a builtin copy of derived object x (x itself otherwise).
pub(crate) fn plain_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    Ok(plain_copy(vm, arg(args, 0)).into())
}

/// `_builtin_compare(x, y, i)`: what the builtin type of x answers for comparison `i` with y
/// (the prelude's `_COMPARE` order) when neither has a Python method for it: the builtin
/// comparison of the two values when they are of one builtin type (orderings only for types
/// that have them), else NotImplemented, as CPython's builtin slots answer.
fn builtin_compare(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let (x, y, i) = (arg(args, 0), arg(args, 1), arg(args, 2));
    let not_implemented = Value::Obj(vm.types.not_implemented);
    let user = |vm: &Vm, v: Value| matches!(v, Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::Instance { .. } | HeapObj::Exception(_) | HeapObj::Class(_)));
    if user(vm, x) || user(vm, y) || (vm.derived(x).is_none() && vm.derived(y).is_none()) {
        return Ok(not_implemented.into());
    }
    let (px, py) = (plain_copy(vm, x), plain_copy(vm, y));
    let (cx, cy) = (vm.class_of(px), vm.class_of(py));
    let t = &vm.types;
    let ordered = [t.list, t.tuple, t.str_, t.set].contains(&cx);
    let equality = matches!(i, Value::Int(2) | Value::Int(3));
    if cx != cy || !(equality || ordered) {
        return Ok(not_implemented.into());
    }
    Ok(Ret::TailCall(vm.prelude_fn("_compare_plain"), vec![px, py, i]))
}

/// `_missing_method(d)`: the `__missing__` of dict subclass instance d, or None.
fn missing_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    Ok(vm.missing_method(arg(args, 0)).unwrap_or(Value::None).into())
}

/// `_tuplegetter(index)`: a property reading item `index` of a tuple (a namedtuple field);
/// assigning or deleting it fails as CPython's `_tuplegetter` does.
pub(crate) fn tuplegetter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let (index, doc) = (arg(args, 0), arg(args, 1));
    let mk = |vm: &mut Vm, name: &'static str, func: NativeFn| {
        let b = crate::object::Builtin { name, func, this: index, owner: "", fast: crate::object::FastMethod::No };
        Value::Obj(vm.heap.alloc(HeapObj::Builtin(Box::new(b))))
    };
    let get = mk(vm, "_tuplegetter", tuplegetter_get);
    let set = mk(vm, "_tuplegetter", tuplegetter_set);
    let del = mk(vm, "_tuplegetter", tuplegetter_del);
    Ok(Value::Obj(vm.heap.alloc(HeapObj::Property(Box::new([get, set, del, doc, Value::Undef])))).into())
}

fn tuplegetter_get(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let (Value::Int(i), Some(Value::Obj(r))) = (arg(args, 0), args.get(1).copied()) else {
        return Err(vm.type_error("descriptor for index needs a tuple"));
    };
    match vm.heap.get(r) {
        HeapObj::Tuple(items) if (i as usize) < items.len() => Ok(items[i as usize].into()),
        HeapObj::Tuple(_) => Err(vm.index_error("tuple index out of range")),
        _ => {
            let t = vm.type_name(Value::Obj(r));
            Err(vm
                .type_error(&format!("descriptor for index '{i}' for tuple subclasses doesn't apply to '{t}' object")))
        }
    }
}

fn tuplegetter_set(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> NResult {
    Err(vm.attribute_error("can't set attribute"))
}

fn tuplegetter_del(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> NResult {
    Err(vm.attribute_error("can't delete attribute"))
}

type Methods = &'static [(&'static str, NativeFn)];

/// Dunder methods of the builtin types that subclasses reach through `super()` or the class.
pub(crate) const TUPLE_DUNDERS: Methods = &[
    ("__new__", tuple_new),
    ("__getitem__", getitem),
    ("__len__", len),
    ("__contains__", contains),
    ("__iter__", iter),
    ("__repr__", repr),
    ("__eq__", eq),
    ("__ne__", ne),
    ("__hash__", hash),
];
pub(crate) const LIST_DUNDERS: Methods = &[
    ("__new__", list_new),
    ("__init__", list_init),
    ("__getitem__", getitem),
    ("__setitem__", setitem),
    ("__delitem__", delitem),
    ("__len__", len),
    ("__contains__", contains),
    ("__iter__", iter),
    ("__repr__", repr),
    ("__eq__", eq),
    ("__ne__", ne),
];
pub(crate) const DICT_DUNDERS: Methods = &[
    ("__new__", dict_new),
    ("__init__", dict_init),
    ("__getitem__", getitem),
    ("__setitem__", setitem),
    ("__delitem__", delitem),
    ("__len__", len),
    ("__contains__", contains),
    ("__iter__", iter),
    ("__repr__", repr),
    ("__eq__", eq),
    ("__ne__", ne),
];
pub(crate) const STR_DUNDERS: Methods = &[
    ("__new__", str_new),
    ("__getitem__", getitem),
    ("__len__", len),
    ("__contains__", contains),
    ("__iter__", iter),
    ("__repr__", repr),
    ("__str__", str_str),
    ("__eq__", eq),
    ("__ne__", ne),
    ("__hash__", hash),
];
pub(crate) const INT_DUNDERS: Methods = &[
    ("__new__", int_new),
    ("__repr__", repr),
    ("__eq__", eq),
    ("__ne__", ne),
    ("__hash__", hash),
    ("__int__", int_plain),
];
pub(crate) const OBJECT_DUNDERS: Methods = &[("__new__", object_new)];

/// Hidden natives the prelude and the Python-written modules use for derived objects.
pub(crate) const DERIVED_NATIVES: &[(&str, NativeFn)] = &[
    ("_derived", derived_native),
    ("_is_derived", is_derived_native),
    ("_plain", plain_native),
    ("_missing_method", missing_native),
    ("_builtin_compare", builtin_compare),
    ("_tuplegetter", tuplegetter),
];

/// Adds the dunders above to the builtin classes. `__new__` takes the class first, so it has
/// no receiver check; the others check theirs as every builtin method does.
pub(crate) fn install_dunders(vm: &mut Vm) {
    let t = &vm.types;
    let tables: [(ObjRef, &'static str, Methods); 6] = [
        (t.int, "int", INT_DUNDERS),
        (t.tuple, "tuple", TUPLE_DUNDERS),
        (t.str_, "str", STR_DUNDERS),
        (t.list, "list", LIST_DUNDERS),
        (t.dict, "dict", DICT_DUNDERS),
        (t.object, "", OBJECT_DUNDERS),
    ];
    for (cls, owner, methods) in tables {
        let Some(dict) = vm.class(cls).map(|c| c.dict) else { continue };
        for (name, func) in methods {
            let owner = if *name == "__new__" { "" } else { owner };
            let key = vm.intern(name);
            let b = crate::object::Builtin {
                name,
                func: *func,
                this: Value::Undef,
                owner,
                fast: crate::object::FastMethod::No,
            };
            let f = Value::Obj(vm.heap.alloc(HeapObj::Builtin(Box::new(b))));
            let _ = vm.dict_set(dict, key, f);
        }
    }
}
