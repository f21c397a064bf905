//! Inline caches: per-name caches in each code object (`LoadedCode`) for global names,
//! builtin types' methods, instances' methods and instance attributes, each checked with a
//! version or epoch before it is trusted, and filled after a full lookup.

use crate::object::{AttrCache, HeapObj, InstanceMethodCache, LoadedCode};
use crate::value::{ObjRef, Value};
use crate::Vm;

impl Vm {
    fn keys_version(&self, d: ObjRef) -> u64 {
        match self.heap.get(d) {
            HeapObj::Dict(x) => x.keys_version(),
            _ => u64::MAX,
        }
    }

    fn dict_value_at(&self, d: ObjRef, i: usize) -> Value {
        match self.heap.get(d) {
            HeapObj::Dict(x) => x.value_at(i),
            _ => Value::Undef,
        }
    }

    /// `LoadGlobal` through the name's inline cache: one version check and an indexed read
    /// when the dicts' keys have not changed since the last lookup.
    #[inline]
    pub(crate) fn cached_global(&self, code: &LoadedCode, i: usize, globals: ObjRef) -> Option<Value> {
        let c = code.global_cache.get(i)?.get();
        if c.globals != Some(globals) {
            return None;
        }
        // One look at each dict: its key layout must be unchanged, then the entry is read.
        let HeapObj::Dict(g) = self.heap.get(globals) else { return None };
        if g.keys_version() != c.globals_version {
            return None;
        }
        let v = match c.builtins_version {
            None => g.value_at(c.index),
            Some(bv) => match self.heap.get(self.builtins) {
                HeapObj::Dict(b) if b.keys_version() == bv => b.value_at(c.index),
                _ => return None,
            },
        };
        (!v.is_undef()).then_some(v)
    }

    /// A builtin method found by `LoadMethod` at this name index before, if `obj` has the same
    /// class and the class dict's keys are unchanged.
    #[inline]
    pub(crate) fn cached_method(&self, code: &LoadedCode, i: usize, obj: Value) -> Option<Value> {
        let c = code.method_cache.get(i)?.get();
        let class = c.class?;
        if self.class_of(obj) != class {
            return None;
        }
        let dict = self.class(class)?.dict;
        if self.keys_version(dict) != c.version {
            return None;
        }
        let v = self.dict_value_at(dict, c.index);
        (!v.is_undef()).then_some(v)
    }

    /// The method `LoadMethod` finds without a bound-method object, when that needs no more
    /// than cached lookups: a Python function in the class of an instance whose own dict does
    /// not shadow it, or a builtin type's method from the inline cache.
    #[inline]
    pub(crate) fn simple_method(&self, code: &LoadedCode, i: usize, obj: Value) -> Option<Value> {
        let Value::Obj(r) = obj else { return self.cached_method(code, i, obj) };
        let HeapObj::Instance { class, dict } = *self.heap.get(r) else { return self.cached_method(code, i, obj) };
        let c = code.instance_method_cache.get(i)?.get();
        if c.class != Some(class) || c.epoch != crate::dict::class_epoch() {
            return self.fill_instance_method(code, i, class, dict);
        }
        (!self.shadows(dict, code.names[i], c.hash)).then_some(c.method)
    }

    /// Whether instance dict `dict` has the name (with hash `hash`), hiding a class attribute.
    #[inline]
    fn shadows(&self, dict: ObjRef, name: Value, hash: u64) -> bool {
        match self.heap.get(dict) {
            HeapObj::Dict(d) => d.may_contain(hash) && d.get(&self.heap, name, hash).is_some(),
            _ => true,
        }
    }

    /// `simple_method` for an instance whose class the name's cache does not hold: the class
    /// lookup, cached when it finds a Python function.
    #[inline(never)]
    fn fill_instance_method(&self, code: &LoadedCode, i: usize, class: ObjRef, dict: ObjRef) -> Option<Value> {
        let name = *code.names.get(i)?;
        let m @ Value::Obj(mr) = self.class_lookup(class, name)? else { return None };
        if !matches!(self.heap.get(mr), HeapObj::Function(_)) {
            return None;
        }
        let hash = crate::dict::hash_value(&self.heap, name).ok()?;
        let epoch = crate::dict::class_epoch();
        code.instance_method_cache.get(i)?.set(InstanceMethodCache { class: Some(class), epoch, method: m, hash });
        (!self.shadows(dict, name, hash)).then_some(m)
    }

    /// `obj.name` from the inline attribute cache: an instance of the cached class whose dict
    /// holds the name at the cached index.
    #[inline]
    pub(crate) fn cached_instance_attr(&self, code: &LoadedCode, i: usize, obj: Value, name: Value) -> Option<Value> {
        let Value::Obj(r) = obj else { return None };
        let HeapObj::Instance { class, dict } = *self.heap.get(r) else { return None };
        let c = code.attr_cache.get(i)?.get();
        if c.class != Some(class) || c.epoch != crate::dict::class_epoch() {
            return None;
        }
        let HeapObj::Dict(d) = self.heap.get(dict) else { return None };
        let e = d.entry_at(c.index)?;
        e.key.is(name).then_some(e.value)
    }

    /// `obj.name = v` through the inline attribute cache; false when the cache does not apply
    /// (the full `StoreAttr` then runs). A name new to this instance's dict is added here.
    #[inline]
    pub(crate) fn cached_instance_store(
        &mut self,
        code: &LoadedCode,
        i: usize,
        obj: Value,
        name: Value,
        v: Value,
    ) -> bool {
        let Value::Obj(r) = obj else { return false };
        let HeapObj::Instance { class, dict } = *self.heap.get(r) else { return false };
        let Some(cell) = code.attr_cache.get(i) else { return false };
        let c = cell.get();
        if c.class != Some(class) || c.epoch != crate::dict::class_epoch() {
            return false;
        }
        let HeapObj::Dict(d) = self.heap.get(dict) else { return false };
        if d.entry_at(c.index).is_some_and(|e| e.key.is(name)) {
            // The instance dict is not a class dict: replacing a value changes no epoch.
            if let HeapObj::Dict(d) = self.heap.get_mut(dict) {
                d.set_value_at(c.index, v);
            }
            return true;
        }
        let Ok(hash) = crate::dict::hash_value(&self.heap, name) else { return false };
        let p = d.probe(&self.heap, name, hash);
        let HeapObj::Dict(d) = self.heap.get_mut(dict) else { return false };
        d.insert_probed(p, hash, name, v);
        let index = match p {
            crate::dict::Probe::Found(index) => index,
            crate::dict::Probe::Vacant => {
                let (index, len) = (d.raw_len() - 1, d.len() as u32);
                if let HeapObj::Class(c) = self.heap.get_mut(class) {
                    if len > c.instance_dict_hint && len <= MAX_INSTANCE_DICT_HINT {
                        c.instance_dict_hint = len;
                    }
                }
                index
            }
        };
        if index != c.index {
            cell.set(AttrCache { index, ..c });
        }
        true
    }

    /// `obj.name` read from an instance's own dict when the inline cache can serve the name for
    /// the instance's class (see `instance_dict_attr`), filling the cache; None otherwise.
    #[inline(never)]
    pub(crate) fn instance_attr_fill(&self, code: &LoadedCode, i: usize, obj: Value, name: Value) -> Option<Value> {
        let (class, index, v) = self.instance_dict_attr(obj, name)?;
        if self.is_user_class(class) {
            if let Some(cell) = code.attr_cache.get(i) {
                cell.set(AttrCache { class: Some(class), epoch: crate::dict::class_epoch(), index });
            }
        }
        Some(v)
    }

    #[inline(never)]
    pub(crate) fn fill_method_cache(&self, code: &LoadedCode, i: usize, obj: Value, name: Value) {
        let Some(cell) = code.method_cache.get(i) else { return };
        let class = self.class_of(obj);
        let Some(dict) = self.class(class).map(|c| c.dict) else { return };
        let hash = crate::dict::hash_value(&self.heap, name).unwrap_or(0);
        if let HeapObj::Dict(x) = self.heap.get(dict) {
            if let crate::dict::Probe::Found(index) = x.probe(&self.heap, name, hash) {
                cell.set(crate::object::MethodCache { class: Some(class), version: x.keys_version(), index });
            }
        }
    }

    /// Records where name `i` was found (after a full lookup).
    #[inline(never)]
    pub(crate) fn fill_global_cache(&self, code: &LoadedCode, i: usize, globals: ObjRef, name: Value) {
        let Some(cell) = code.global_cache.get(i) else { return };
        let hash = crate::dict::hash_value(&self.heap, name).unwrap_or(0);
        let find = |d: ObjRef| match self.heap.get(d) {
            HeapObj::Dict(x) => match x.probe(&self.heap, name, hash) {
                crate::dict::Probe::Found(ix) => Some(ix),
                crate::dict::Probe::Vacant => None,
            },
            _ => None,
        };
        let entry = match find(globals) {
            Some(ix) => Some((None, ix)),
            None => find(self.builtins).map(|ix| (Some(self.keys_version(self.builtins)), ix)),
        };
        if let Some((builtins_version, index)) = entry {
            cell.set(crate::object::GlobalCache {
                globals: Some(globals),
                globals_version: self.keys_version(globals),
                builtins_version,
                index,
            });
        }
    }

    /// `StoreGlobal` of an existing global through the cache: replaces the value in place.
    #[inline]
    pub(crate) fn store_cached_global(&mut self, code: &LoadedCode, i: usize, globals: ObjRef, v: Value) -> bool {
        let Some(c) = code.global_cache.get(i).map(|c| c.get()) else { return false };
        if c.globals != Some(globals) || c.builtins_version.is_some() || c.globals_version != self.keys_version(globals)
        {
            return false;
        }
        if let HeapObj::Dict(x) = self.heap.get_mut(globals) {
            x.set_value_at(c.index, v);
            return true;
        }
        false
    }
}

/// The most attributes a class's new instances get room for up front.
const MAX_INSTANCE_DICT_HINT: u32 = 16;
