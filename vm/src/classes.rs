//! User classes: building a class from its body's namespace (C3 method resolution order,
//! instance layout), creating instances, and the attribute protocol for instances, `super`
//! objects and descriptors (`classmethod`, `staticmethod`, `property`).
//!
//! Anything that would run Python code (a property getter, `__init__`, `__getattr__`, a user
//! `__repr__`) is not called from here: these functions answer with what to call
//! (`Attr::Call`, `Ret::Call`), and the dispatch loop makes the call as a frame of its own.

use crate::builtins::NResult;
use crate::interp::Ret;
use crate::object::{Class, HeapObj, TypeKind};
use crate::special::bits;
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// An attribute's value, or the call that produces it.
pub(crate) enum Attr {
    Value(Value),
    Call(Value, Vec<Value>),
}

/// Dunder names a class body may define besides the special methods of `special::SPECIALS`.
/// Any other `__dunder__` in a class body is refused when the class is created, so a program
/// never silently runs without the method it defined.
const SUPPORTED_DUNDERS: &[&str] = &[
    "__init__",
    "__getattr__",
    "__module__",
    "__qualname__",
    "__doc__",
    "__annotations__",
    "__class_getitem__",
    "__mro_entries__",
    "__orig_bases__",
    "__missing__",
    "__match_args__",
];

impl Vm {
    /// `_make_class(name, bases, namespace, metaclass)`: the class object for a class statement.
    pub(crate) fn make_class(&mut self, name: Value, bases: Value, ns: Value, meta: Value) -> Result<Value, Exc> {
        let name_s = self.str_of(name).unwrap_or("?").to_string();
        let mut base_refs = Vec::new();
        for b in self.tuple_items(bases) {
            match b {
                Value::Obj(r) if self.class(r).is_some() => {
                    if base_refs.contains(&r) {
                        let n = self.class(r).map(|c| c.name.to_string()).unwrap_or_default();
                        return Err(self.type_error(&format!("duplicate base class {n}")));
                    }
                    base_refs.push(r)
                }
                _ => {
                    return Err(self.type_error(
                        "coro: class bases must be classes (metaclasses and __mro_entries__ are not supported yet)",
                    ))
                }
            }
        }
        if base_refs.is_empty() {
            base_refs.push(self.types.object);
        }
        let metaclass = self.resolve_metaclass(meta, &base_refs)?;
        let kind = self.instance_layout(&base_refs)?;
        self.check_slots(&name_s, ns, kind)?;
        let Value::Obj(ns_ref) = ns else { return Err(self.type_error("class namespace must be a dict")) };
        let entries: Vec<(Value, Value)> = match self.heap.get(ns_ref) {
            HeapObj::Dict(d) => d.iter().map(|e| (e.key, e.value)).collect(),
            _ => Vec::new(),
        };
        let mut module = "__main__".to_string();
        let mut qualname = name_s.clone();
        let dict = self.new_dict().as_obj().unwrap_or(self.builtins);
        let mut has_doc = false;
        // A class that defines __eq__ but not __hash__ gets `__hash__ = None` (unhashable).
        let defines = |vm: &Vm, n: &str| entries.iter().any(|(k, _)| vm.str_of(*k) == Some(n));
        let unhashable = defines(self, "__eq__") && !defines(self, "__hash__");
        for (k, v) in entries {
            let key = self.str_of(k).unwrap_or("").to_string();
            if key.starts_with("__") && key.ends_with("__") && key.len() > 4 {
                let supported = SUPPORTED_DUNDERS.contains(&key.as_str())
                    || crate::special::SPECIALS.iter().any(|(n, _)| *n == key.as_str());
                if !supported && key != "__slots__" {
                    return Err(self.exc_msg(
                        ExcKind::NotImplementedError,
                        &format!("coro: special method '{key}' (in class '{name_s}') is not supported yet"),
                    ));
                }
            }
            let mut v = v;
            match key.as_str() {
                "__slots__" => {}
                // As in CPython, `__new__` is implicitly a static method.
                "__new__" if matches!(v, Value::Obj(r) if matches!(self.heap.get(r), HeapObj::Function(_))) => {
                    v = Value::Obj(self.heap.alloc(HeapObj::StaticMethod(v)));
                }
                "__qualname__" => {
                    qualname = match self.str_of(v) {
                        Some(s) => s.to_string(),
                        None => {
                            let t = self.type_name(v);
                            return Err(self.type_error(&format!("type __qualname__ must be a str, not {t}")));
                        }
                    };
                    continue;
                }
                "__module__" => {
                    if let Some(s) = self.str_of(v) {
                        module = s.to_string();
                    }
                }
                "__doc__" => has_doc = true,
                _ => {}
            }
            if let Value::Obj(p) = v {
                // A property learns its name from the class statement (CPython's __set_name__).
                if let HeapObj::Property(slots) = self.heap.get_mut(p) {
                    slots[PROPERTY_NAME] = k;
                }
            }
            self.dict_set(dict, k, v)?;
        }
        if !has_doc {
            let k = self.intern("__doc__");
            self.dict_set(dict, k, Value::None)?;
        }
        if unhashable {
            let k = self.intern("__hash__");
            self.dict_set(dict, k, Value::None)?;
        }
        let cls = self.heap.alloc_class(Class {
            name: name_s.as_str().into(),
            qualname: qualname.as_str().into(),
            module: module.as_str().into(),
            bases: base_refs.clone(),
            mro: Vec::new(),
            dict,
            kind,
            heap_type: true,
            specials: 0,
            metaclass,
            layout: Vec::new(),
            iter_cache: std::cell::Cell::new((u64::MAX, Value::Undef)),
        });
        let mro = self.c3_mro(cls, &base_refs)?;
        let specials = self.compute_specials(&mro);
        if let HeapObj::Class(c) = self.heap.get_mut(cls) {
            c.specials = specials;
        }
        self.heap.set_mro(cls, mro);
        Ok(Value::Obj(cls))
    }

    /// The metaclass of a new class: the explicit one or the most derived of its bases' (CPython's
    /// rule); None when that is `type`.
    pub(crate) fn resolve_metaclass(&mut self, explicit: Value, bases: &[ObjRef]) -> Result<Option<ObjRef>, Exc> {
        let type_ = self.types.type_;
        let mut winner =
            match explicit {
                Value::None | Value::Undef => type_,
                Value::Obj(m) if self.class(m).is_some() && self.is_subclass(m, type_) => m,
                _ => return Err(self.exc_msg(
                    ExcKind::NotImplementedError,
                    "coro: a metaclass must be a subclass of type (other metaclass callables are not supported yet)",
                )),
            };
        for b in bases {
            let bm = self.class_of(Value::Obj(*b));
            if self.is_subclass(winner, bm) {
                continue;
            }
            if self.is_subclass(bm, winner) {
                winner = bm;
                continue;
            }
            return Err(self.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        Ok(if winner == type_ { None } else { Some(winner) })
    }

    /// What the instances of a class with these bases are: plain objects, exceptions, classes
    /// (a metaclass), or builtin tuples, lists, strs or dicts (`derived.rs`). Bases whose
    /// instances cannot share one layout are CPython's TypeError.
    fn instance_layout(&mut self, bases: &[ObjRef]) -> Result<TypeKind, Exc> {
        let mut kind = TypeKind::Object;
        for b in bases {
            let (bk, bname, heap_type) = match self.class(*b) {
                Some(c) => (c.kind, c.name.to_string(), c.heap_type),
                None => continue,
            };
            let bk = match bk {
                TypeKind::Object => continue,
                TypeKind::Exception | TypeKind::Type => bk,
                TypeKind::Tuple | TypeKind::List | TypeKind::Dict | TypeKind::Str | TypeKind::Int
                    if heap_type || self.is_base_type(*b) =>
                {
                    bk
                }
                TypeKind::Bool | TypeKind::Function | TypeKind::Generator | TypeKind::Builtin => {
                    return Err(self.type_error(&format!("type '{bname}' is not an acceptable base type")));
                }
                _ => {
                    return Err(self.exc_msg(
                        ExcKind::NotImplementedError,
                        &format!("coro: subclassing '{bname}' is not supported yet"),
                    ));
                }
            };
            if kind != TypeKind::Object && kind != bk {
                return Err(self.type_error("multiple bases have instance lay-out conflict"));
            }
            kind = bk;
        }
        Ok(kind)
    }

    /// Whether `cls` is one of the builtin types a class statement may derive from.
    fn is_base_type(&self, cls: ObjRef) -> bool {
        let t = &self.types;
        cls == t.tuple || cls == t.list || cls == t.dict || cls == t.str_ || cls == t.int
    }

    /// `__slots__` in a class body: coro supports only `__slots__ = ()` in a subclass of a
    /// builtin type (namedtuple's: instances without an attribute dict).
    fn check_slots(&mut self, name: &str, ns: Value, kind: TypeKind) -> Result<(), Exc> {
        let Value::Obj(ns_ref) = ns else { return Ok(()) };
        let key = self.intern("__slots__");
        let Some(slots) = self.dict_get_str(ns_ref, key) else { return Ok(()) };
        let empty = match slots {
            Value::Obj(r) => {
                matches!(self.heap.get(r), HeapObj::Tuple(t) if t.is_empty())
                    || matches!(self.heap.get(r), HeapObj::List(l) if l.is_empty())
            }
            _ => false,
        };
        if empty && crate::derived::is_derived_kind(kind) {
            return Ok(());
        }
        let base = match kind {
            TypeKind::Int => Some("int"),
            TypeKind::Str => Some("str"),
            TypeKind::Tuple => Some("tuple"),
            _ => None,
        };
        if let (Some(base), false) = (base, empty) {
            // Variable-size instances have no room for slots, in CPython too.
            return Err(self.type_error(&format!("nonempty __slots__ not supported for subtype of '{base}'")));
        }
        Err(self.exc_msg(
            ExcKind::NotImplementedError,
            &format!(
                "coro: __slots__ (in class '{name}') is supported only as () in a subclass of int, str, tuple, list or dict"
            ),
        ))
    }

    /// C3 linearisation of `cls` with `bases`, with CPython's error for an inconsistent order.
    fn c3_mro(&mut self, cls: ObjRef, bases: &[ObjRef]) -> Result<Vec<ObjRef>, Exc> {
        let mut seqs: Vec<Vec<ObjRef>> =
            bases.iter().map(|b| self.class(*b).map(|c| c.mro.clone()).unwrap_or_default()).collect();
        seqs.push(bases.to_vec());
        let mut out = vec![cls];
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Ok(out);
            }
            let head = seqs.iter().map(|s| s[0]).find(|h| !seqs.iter().any(|s| s[1..].contains(h)));
            let Some(head) = head else {
                let mut names: Vec<String> = Vec::new();
                for s in &seqs {
                    let n = self.class(s[0]).map(|c| c.name.to_string()).unwrap_or_default();
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
                return Err(self.type_error(&format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                )));
            };
            out.push(head);
            for s in seqs.iter_mut() {
                if s[0] == head {
                    s.remove(0);
                }
            }
        }
    }

    fn is_exception_obj(&self, v: Value) -> bool {
        matches!(v, Value::Obj(r) if matches!(self.heap.get(r), HeapObj::Exception(_)))
    }

    /// Whether `cls` was made by a class statement.
    pub(crate) fn is_user_class(&self, cls: ObjRef) -> bool {
        self.class(cls).is_some_and(|c| c.heap_type)
    }

    /// Calling a user class: a new instance, initialised by `__init__` through the prelude.
    pub(crate) fn instantiate(&mut self, cls: ObjRef, args: &[Value], kwnames: &[Value]) -> NResult {
        let kind = self.class(cls).map(|c| c.kind).unwrap_or(TypeKind::Object);
        let class_name = |vm: &Vm| vm.class(cls).map(|c| c.name.to_string()).unwrap_or_default();
        if kind == TypeKind::Type {
            let name = class_name(self);
            return Err(self.exc_msg(
                ExcKind::NotImplementedError,
                &format!("coro: calling metaclass '{name}' to create a class is not supported yet (use a class statement with metaclass={name})"),
            ));
        }
        let user_new = self.class(cls).is_some_and(|c| c.specials & bits::NEW != 0);
        if user_new || crate::derived::is_derived_kind(kind) {
            return self.instantiate_derived(cls, args, kwnames);
        }
        let npos = args.len().saturating_sub(kwnames.len());
        let obj = if kind == TypeKind::Exception {
            let own_init = matches!(self.class_lookup(cls, self.init_name),
                Some(Value::Obj(r)) if !matches!(self.heap.get(r), HeapObj::Builtin(_)));
            let os_error = self.is_os_error_class(cls);
            // An OSError subclass with an `__init__` of its own starts without args: OSError's
            // `__init__`, called by it, reads them. Without one, OSError reads them now.
            let e = self.new_exception(cls, if os_error && own_init { Vec::new() } else { args[..npos].to_vec() });
            if os_error && !own_init {
                self.os_error_fill(e, &args[..npos])?;
            }
            Value::Obj(e.0)
        } else {
            Value::Obj(self.new_instance(cls))
        };
        let init_name = self.intern("__init__");
        let init = self.class_lookup(cls, init_name);
        if let Some(init @ Value::Obj(r)) = init {
            if matches!(self.heap.get(r), HeapObj::Function(f) if !f.code.code.flags.generator) {
                // The common case: a Python `__init__`, whose frame hands back the instance.
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(obj);
                full.extend_from_slice(args);
                return Ok(Ret::Init { init, args: full, kwnames: kwnames.to_vec() });
            }
        }
        let user_init = matches!(init, Some(Value::Obj(r)) if !matches!(self.heap.get(r), HeapObj::Builtin(_)));
        if user_init {
            let mut full = Vec::with_capacity(args.len() + 2);
            full.push(init.unwrap_or(Value::None));
            full.push(obj);
            full.extend_from_slice(args);
            return Ok(Ret::Call { callee: self.prelude_fn("_init_instance"), args: full, kwnames: kwnames.to_vec() });
        }
        if kind != TypeKind::Exception && !args.is_empty() {
            let name = class_name(self);
            return Err(self.type_error(&format!("{name}() takes no arguments")));
        }
        if kind == TypeKind::Exception && !kwnames.is_empty() {
            let name = class_name(self);
            return Err(self.type_error(&format!("{name}() takes no keyword arguments")));
        }
        Ok(obj.into())
    }

    /// `obj.name` for an instance of a user class.
    pub(crate) fn instance_getattr(&mut self, obj: Value, r: ObjRef, cls: ObjRef, name: Value) -> Result<Attr, Exc> {
        let descr = self.class_lookup(cls, name);
        if let Some(Value::Obj(d)) = descr {
            if let HeapObj::Property(p) = self.heap.get(d) {
                let fget = p[0];
                if fget.is_none() && self.getattr_hook(cls).is_none() {
                    return Err(self.property_error(d, obj, "getter"));
                }
                return Ok(self.property_get(fget, obj, cls, name));
            }
        }
        if self.str_of(name) == Some("__dict__") && self.is_user_class(cls) {
            return Ok(Attr::Value(Value::Obj(self.instance_dict(r))));
        }
        if let Some(v) = self.instance_get(r, name) {
            return Ok(Attr::Value(v));
        }
        if let Some(d) = descr {
            return Ok(Attr::Value(self.bind_descr(d, obj, cls)));
        }
        if let Some(g) = self.getattr_hook(cls) {
            return Ok(Attr::Call(g, vec![obj, name]));
        }
        let n = self.str_of(name).unwrap_or("?").to_string();
        let t = self.type_name(obj);
        Err(self.attribute_error(&format!("'{t}' object has no attribute '{n}'")))
    }

    /// The `__getattr__` of `cls`, if it has one.
    pub(crate) fn getattr_hook(&mut self, cls: ObjRef) -> Option<Value> {
        let ga = self.intern("__getattr__");
        self.class_lookup(cls, ga)
    }

    /// Reading property `name` (getter `fget`, None when it has none) of `obj`, an instance of
    /// `cls`: the getter's call, or, when `cls` has `__getattr__`, a call that falls back to it
    /// if the getter raises AttributeError (CPython calls `__getattr__` whenever the normal
    /// lookup raises AttributeError). A missing getter with no `__getattr__` is the caller's
    /// error to raise.
    pub(crate) fn property_get(&mut self, fget: Value, obj: Value, cls: ObjRef, name: Value) -> Attr {
        match self.getattr_hook(cls) {
            Some(g) if fget.is_none() => Attr::Call(g, vec![obj, name]),
            Some(g) => Attr::Call(self.prelude_fn("_property_or_getattr"), vec![fget, obj, g, name]),
            None => Attr::Call(fget, vec![obj]),
        }
    }

    /// A class attribute as seen through an instance `obj` of `cls`: functions bind to `obj`,
    /// class methods to the class, static methods unwrap.
    pub(crate) fn bind_descr(&mut self, d: Value, obj: Value, cls: ObjRef) -> Value {
        let Value::Obj(r) = d else { return d };
        match self.heap.get(r) {
            HeapObj::Function(_) => Value::Obj(self.heap.alloc(HeapObj::BoundMethod { func: d, this: obj })),
            HeapObj::Builtin(b) if b.this.is_undef() => {
                let nb = crate::object::Builtin { name: b.name, func: b.func, this: obj, owner: b.owner, fast: b.fast };
                Value::Obj(self.heap.alloc(HeapObj::Builtin(Box::new(nb))))
            }
            HeapObj::ClassMethod(_) | HeapObj::StaticMethod(_) => self.class_attr(cls, d),
            _ => d,
        }
    }

    /// A class attribute read from the class itself (`Cls.name`).
    pub(crate) fn class_attr(&mut self, cls: ObjRef, v: Value) -> Value {
        let Value::Obj(r) = v else { return v };
        match self.heap.get(r) {
            HeapObj::ClassMethod(f) => {
                let f = *f;
                Value::Obj(self.heap.alloc(HeapObj::BoundMethod { func: f, this: Value::Obj(cls) }))
            }
            HeapObj::StaticMethod(f) => *f,
            _ => v,
        }
    }

    /// `super(cls, obj).name`: the attribute found after `cls` in the MRO of `obj`'s class
    /// (or of `obj` itself when it is a class, as in a class method).
    pub(crate) fn super_getattr(&mut self, start: ObjRef, this: Value, name: Value) -> Result<Attr, Exc> {
        // `this` is a class when super() is used in a class method (start is in its MRO), or in
        // a metaclass method (start is in its metaclass's MRO: `this` is an instance there).
        let this_is_class = matches!(this, Value::Obj(r) if self.class(r).is_some_and(|c| c.mro.contains(&start)));
        let this_cls = match this {
            Value::Obj(r) if this_is_class => r,
            _ => self.class_of(this),
        };
        let mro = self.class(this_cls).map(|c| c.mro.clone()).unwrap_or_default();
        let pos = mro.iter().position(|c| *c == start).map(|p| p + 1).unwrap_or(mro.len());
        for k in &mro[pos..] {
            let Some(d) = self.class(*k).map(|c| c.dict) else { continue };
            let Some(v) = self.dict_get_str(d, name) else { continue };
            if let Value::Obj(vr) = v {
                if let HeapObj::Property(p) = self.heap.get(vr) {
                    return Ok(Attr::Call(p[0], vec![this]));
                }
            }
            if this_is_class {
                return Ok(Attr::Value(self.class_attr(this_cls, v)));
            }
            return Ok(Attr::Value(self.bind_descr(v, this, this_cls)));
        }
        let n = self.str_of(name).unwrap_or("?").to_string();
        Err(self.attribute_error(&format!("'super' object has no attribute '{n}'")))
    }

    /// `super(cls, obj)`.
    pub(crate) fn new_super(&mut self, args: &[Value]) -> Result<Value, Exc> {
        if args.is_empty() {
            return Err(self.runtime_error("super(): no arguments"));
        }
        if args.len() != 2 {
            return Err(self.runtime_error("coro: super() takes no arguments or exactly two"));
        }
        let Value::Obj(cls) = args[0] else {
            let t = self.type_name(args[0]);
            return Err(self.type_error(&format!("super() argument 1 must be a type, not {t}")));
        };
        if self.class(cls).is_none() {
            let t = self.type_name(args[0]);
            return Err(self.type_error(&format!("super() argument 1 must be a type, not {t}")));
        }
        let this = args[1];
        let ok = match this {
            Value::Obj(r) if self.class(r).is_some() => self.is_subclass(r, cls) || self.isinstance(this, cls),
            _ => self.isinstance(this, cls),
        };
        if !ok {
            return Err(self.type_error("super(type, obj): obj must be an instance or subtype of type"));
        }
        Ok(Value::Obj(self.heap.alloc(HeapObj::Super { class: cls, this })))
    }

    /// The setter or deleter a property named `name` on `obj`'s class asks for, if there is one:
    /// `Ok(Some(f))` to call, an AttributeError when the property lacks it, `Ok(None)` for an
    /// attribute that is not a property.
    pub(crate) fn property_accessor(&mut self, obj: Value, name: Value, slot: usize) -> Result<Option<Value>, Exc> {
        let cls = self.class_of(obj);
        let Some(Value::Obj(d)) = self.class_lookup(cls, name) else { return Ok(None) };
        let HeapObj::Property(p) = self.heap.get(d) else { return Ok(None) };
        let f = p[slot];
        if f.is_none() {
            return Err(self.property_error(d, obj, if slot == 1 { "setter" } else { "deleter" }));
        }
        Ok(Some(f))
    }

    /// The AttributeError for a property without the accessor `what`, naming the property as
    /// CPython does: by the name a class statement gave it (`__set_name__`), if any.
    fn property_error(&mut self, prop: ObjRef, obj: Value, what: &str) -> Exc {
        let name = match self.heap.get(prop) {
            HeapObj::Property(p) => p[PROPERTY_NAME],
            _ => Value::Undef,
        };
        let t = self.type_name(obj);
        match self.str_of(name) {
            Some(n) => {
                let n = n.to_string();
                self.attribute_error(&format!("property '{n}' of '{t}' object has no {what}"))
            }
            None => self.attribute_error(&format!("property of '{t}' object has no {what}")),
        }
    }

    /// The user-defined `__repr__` (or, with `str_first`, `__str__` then `__repr__`) that
    /// printing `v` would call, if any.
    pub(crate) fn user_text_method(&mut self, v: Value, str_first: bool) -> Option<Value> {
        self.user_text_method_named(v, str_first).map(|(m, _)| m)
    }

    /// `user_text_method`, with the name of the method found.
    pub(crate) fn user_text_method_named(&mut self, v: Value, str_first: bool) -> Option<(Value, &'static str)> {
        let s = self.specials(v);
        if str_first && s & bits::STR != 0 {
            return self.special_method(v, "__str__").map(|m| (m, "__str__"));
        }
        if str_first && self.is_exception_obj(v) {
            // BaseException.__str__ shows the args; it does not fall back to __repr__.
            return None;
        }
        if s & bits::REPR != 0 {
            return self.special_method(v, "__repr__").map(|m| (m, "__repr__"));
        }
        None
    }

    /// Whether turning `v` into text would call a user method, so the prelude's Python code
    /// must do it: `top` is the special methods that matter for `v` itself (`bits::REPR` for
    /// `repr`, `bits::TEXT_STR` for `str`, `bits::TEXT_FORMAT` for `format`); items inside
    /// containers are shown by their repr.
    #[inline]
    pub(crate) fn needs_python_text(&mut self, v: Value, top: u64) -> bool {
        // The common cases, numbers and strings (every f-string field), cost a load or two.
        match v {
            Value::Obj(r) if !matches!(self.heap.get(r), HeapObj::Str(_)) || self.derived(v).is_some() => {
                self.object_needs_python_text(v, top)
            }
            _ => false,
        }
    }

    /// `needs_python_text` of an object other than a plain str.
    #[inline(never)]
    fn object_needs_python_text(&mut self, v: Value, top: u64) -> bool {
        // An instance answers for itself, without the walk's allocations.
        if let Value::Obj(r) = v {
            if matches!(self.heap.get(r), HeapObj::Instance { .. }) {
                return self.specials(v) & top != 0;
            }
        }
        // Each value with the special methods that matter for it: `top` for `v`, `__repr__` for
        // items inside containers, and `__str__` too for an exception's args (its str is the
        // str of its only argument).
        let mut stack = vec![(v, top)];
        let mut seen: std::collections::HashSet<ObjRef> = std::collections::HashSet::new();
        while let Some((x, mask)) = stack.pop() {
            let Value::Obj(r) = x else { continue };
            if self.derived(x).is_some() && self.specials(x) & mask != 0 {
                return true;
            }
            match self.heap.get(r) {
                HeapObj::Instance { .. } | HeapObj::Class(_) if self.specials(x) & mask != 0 => return true,
                HeapObj::Exception(e) => {
                    let (args, dict) = (e.args, e.dict);
                    // BaseException.__str__ shows the args; it does not fall back to __repr__.
                    let own = if mask & bits::STR != 0 { mask & !bits::REPR } else { mask };
                    if self.specials(x) & own != 0 {
                        return true;
                    }
                    if seen.insert(r) {
                        stack.push((args, bits::TEXT_STR));
                        // An OSError's str shows its errno, strerror and file names, which
                        // live among its attributes rather than its args.
                        if let Some(d) = dict.filter(|_| self.exc_is(crate::Exc(r), ExcKind::OSError)) {
                            for name in crate::os_error::OS_ERROR_ATTRS {
                                let key = self.intern(name);
                                if let Some(a) = self.dict_get_str(d, key) {
                                    stack.push((a, bits::TEXT_STR));
                                }
                            }
                        }
                    }
                }
                HeapObj::List(items) if seen.insert(r) => stack.extend(items.iter().map(|i| (*i, bits::REPR))),
                HeapObj::Tuple(items) if seen.insert(r) => {
                    // An exception's args tuple passes on the mask it was given.
                    let m = if x.is(v) { bits::REPR } else { mask | bits::REPR };
                    stack.extend(items.iter().map(|i| (*i, m)))
                }
                HeapObj::Deque(d) if seen.insert(r) => stack.extend(d.items.iter().map(|i| (*i, bits::REPR))),
                HeapObj::Dict(d) if seen.insert(r) => d.trace(&mut |i| stack.push((i, bits::REPR))),
                HeapObj::Set(s) if seen.insert(r) => s.trace(&mut |i| stack.push((i, bits::REPR))),
                _ => {}
            }
        }
        false
    }
}

/// `_make_class(name, bases, namespace)`.
pub(crate) fn make_class_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    if args.len() != 4 {
        return Err(vm.type_error("_make_class expects 4 arguments"));
    }
    Ok(vm.make_class(args[0], args[1], args[2], args[3])?.into())
}

/// `_exec_class_body(func, namespace)`: runs a class body function with `namespace` as its
/// local names; its result (the `__class__` cell or None) is the call's result.
pub(crate) fn exec_class_body(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let (Some(Value::Obj(func)), Some(ns)) = (args.first().copied(), args.get(1).copied()) else {
        return Err(vm.type_error("_exec_class_body expects a function and a dict"));
    };
    if !matches!(vm.heap.get(func), HeapObj::Function(_)) {
        return Err(vm.type_error("_exec_class_body expects a function and a dict"));
    }
    let mut frame = vm.function_frame(func, &[], &[])?;
    frame.locals_dict = ns;
    Ok(Ret::Frame(frame))
}

/// `_cell_set(cell, value)`: fills the `__class__` cell of a new class.
pub(crate) fn cell_set(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    if let (Some(Value::Obj(c)), Some(v)) = (args.first().copied(), args.get(1).copied()) {
        if let HeapObj::Cell(slot) = vm.heap.get_mut(c) {
            *slot = v;
        }
    }
    Ok(Value::None.into())
}

/// `_user_text_method(obj, str_first)`: the user `__str__`/`__repr__` printing `obj` calls, or None.
pub(crate) fn user_text_method_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let v = args.first().copied().unwrap_or(Value::None);
    let str_first = matches!(args.get(1), Some(Value::Bool(true)));
    match vm.user_text_method_named(v, str_first) {
        Some((m, name)) => {
            let n = vm.new_str(name);
            Ok(vm.new_tuple(vec![m, n]).into())
        }
        None => Ok(Value::None.into()),
    }
}

/// `object.__init__(self)`.
pub(crate) fn object_init(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    if args.len() > 1 {
        return Err(vm.type_error("object.__init__() takes exactly one argument (the instance to initialize)"));
    }
    Ok(Value::None.into())
}

/// `BaseException.__init__(self, *args)`: sets `args`.
pub(crate) fn exception_init(vm: &mut Vm, args: &[Value], kw: &[Value]) -> NResult {
    let Some(Value::Obj(e)) = args.first().copied() else {
        return Err(vm.type_error("descriptor '__init__' of 'BaseException' object needs an argument"));
    };
    if !kw.is_empty() {
        let n = vm.type_name(Value::Obj(e));
        return Err(vm.type_error(&format!("{n}() takes no keyword arguments")));
    }
    let t = vm.new_tuple(args[1..].to_vec());
    if let HeapObj::Exception(x) = vm.heap.get_mut(e) {
        x.args = t;
    }
    if vm.exc_is(crate::Exc(e), ExcKind::OSError) {
        vm.os_error_fill(crate::Exc(e), &args[1..])?;
    }
    Ok(Value::None.into())
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`.
pub(crate) fn new_property(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = crate::builtins::split_args(vm, args, kwnames);
    if pos.len() > 4 {
        return Err(vm.type_error(&format!("property() takes at most 4 arguments ({} given)", pos.len())));
    }
    let mut slots = [Value::None; 5];
    slots[PROPERTY_NAME] = Value::Undef;
    slots[..pos.len()].copy_from_slice(pos);
    for (k, v) in kws {
        let i = match k.as_str() {
            "fget" => 0,
            "fset" => 1,
            "fdel" => 2,
            "doc" => 3,
            _ => return Err(vm.type_error(&format!("property() got an unexpected keyword argument '{k}'"))),
        };
        slots[i] = v;
    }
    Ok(Value::Obj(vm.heap.alloc(HeapObj::Property(Box::new(slots)))).into())
}

/// The slot of a property's name (Undef until a class statement names it); slots 0 to 3 are
/// fget, fset, fdel and doc.
pub(crate) const PROPERTY_NAME: usize = 4;

/// `property.getter/setter/deleter(f)`: a copy of the property with one accessor replaced.
fn property_with(vm: &mut Vm, args: &[Value], slot: usize, what: &str) -> NResult {
    let (Some(Value::Obj(p)), Some(f), 2) = (args.first().copied(), args.get(1).copied(), args.len()) else {
        return Err(vm.type_error(&format!("property.{what}() takes exactly one argument")));
    };
    let HeapObj::Property(old) = vm.heap.get(p) else {
        return Err(vm.type_error(&format!("descriptor '{what}' requires a 'property' object")));
    };
    let mut slots = **old;
    slots[slot] = f;
    Ok(Value::Obj(vm.heap.alloc(HeapObj::Property(Box::new(slots)))).into())
}

fn property_getter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    property_with(vm, args, 0, "getter")
}

fn property_setter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    property_with(vm, args, 1, "setter")
}

fn property_deleter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    property_with(vm, args, 2, "deleter")
}

pub(crate) const PROPERTY_METHODS: &[(&str, crate::object::NativeFn)] =
    &[("getter", property_getter), ("setter", property_setter), ("deleter", property_deleter)];

/// Hidden natives the prelude's class machinery calls.
pub(crate) const CLASS_NATIVES: &[(&str, crate::object::NativeFn)] = &[
    ("_make_class", make_class_native),
    ("_exec_class_body", exec_class_body),
    ("_cell_set", cell_set),
    ("_user_text_method", user_text_method_native),
    ("_meta_init", meta_init),
    ("_meta_new", meta_new),
    ("_new_instance", new_instance),
];

/// `_meta_new(bases, metaclass)`: `(metaclass, __new__)` when the metaclass a class statement
/// with these bases gets is a user metaclass defining `__new__` (which then makes the class,
/// as in CPython), else None.
fn meta_new(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let (bases, explicit) = (args.first().copied().unwrap_or(Value::None), args.get(1).copied().unwrap_or(Value::None));
    let mut refs = Vec::new();
    for b in vm.tuple_items(bases) {
        match b {
            Value::Obj(r) if vm.class(r).is_some() => refs.push(r),
            // make_class reports bases that are not classes.
            _ => return Ok(Value::None.into()),
        }
    }
    let Some(meta) = vm.resolve_metaclass(explicit, &refs)? else { return Ok(Value::None.into()) };
    let key = vm.intern("__new__");
    let mro = vm.class(meta).map(|c| c.mro.clone()).unwrap_or_default();
    for k in mro {
        let Some(c) = vm.class(k) else { continue };
        if !c.heap_type {
            break;
        }
        if let Some(f) = vm.dict_get_str(c.dict, key) {
            let f = vm.class_attr(meta, f);
            return Ok(vm.new_tuple(vec![Value::Obj(meta), f]).into());
        }
    }
    Ok(Value::None.into())
}

/// `type.__new__(metaclass, name, bases, namespace)`: a new class (what a metaclass's
/// `__new__` reaches through super()).
pub(crate) fn type_new(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    if !kwnames.is_empty() || args.len() != 4 {
        return Err(vm.exc_msg(
            ExcKind::NotImplementedError,
            "coro: type.__new__ takes exactly (metaclass, name, bases, namespace) here",
        ));
    }
    let meta = args[0];
    let ok = matches!(meta, Value::Obj(m) if vm.class(m).is_some() && vm.is_subclass(m, vm.types.type_));
    if !ok {
        let t = vm.type_name(meta);
        return Err(vm.type_error(&format!("type.__new__(X): X is not a type object ({t})")));
    }
    if vm.str_of(args[1]).is_none() {
        let t = vm.type_name(args[1]);
        return Err(vm.type_error(&format!("type.__new__() argument 1 must be str, not {t}")));
    }
    Ok(vm.make_class(args[1], args[2], args[3], meta)?.into())
}

/// `_meta_init(cls)`: the `__init__` of cls's user metaclass, which a class statement runs on
/// the new class, or None.
fn meta_init(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let cls = args.first().copied().unwrap_or(Value::None);
    Ok(vm.special_method(cls, "__init__").unwrap_or(Value::None).into())
}

/// `_new_instance(cls)`: a new instance of a user class, without calling anything (enum
/// members are made this way).
pub(crate) fn new_instance(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    match args.first() {
        Some(Value::Obj(c)) if vm.is_user_class(*c) && vm.class(*c).is_some_and(|k| k.kind == TypeKind::Object) => {
            Ok(Value::Obj(vm.new_instance(*c)).into())
        }
        _ => Err(vm.type_error("_new_instance() needs a user class")),
    }
}

#[cfg(test)]
mod tests {
    use crate::builtins::PRELUDE_NAMES;

    #[test]
    fn prelude_names_cover_the_class_machinery() {
        for n in ["_build_class", "_init_instance", "_repr", "_str", "_print", "_format_value", "_getattr_default"] {
            assert!(PRELUDE_NAMES.contains(&n), "{n} missing from PRELUDE_NAMES");
        }
    }
}
