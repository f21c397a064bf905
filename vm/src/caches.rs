//! Inline caches: per-name caches in each code object (`LoadedCode`) for global names,
//! builtin types' methods, instances' methods and instance attributes, each checked with a
//! version or epoch before it is trusted, and filled after a full lookup.

use crate::object::{AttrCache, HeapObj, InstanceMethodCache, LoadedCode, MethodCache};
use crate::value::{ObjRef, Value};
use crate::Vm;
use std::cell::Cell;

impl Vm {
    fn keys_version(&self, d: ObjRef) -> u64 {
        match self.heap.get(d) {
            HeapObj::Dict(x) => x.keys_version(),
            _ => u64::MAX,
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

    /// A builtin method found by `LoadMethod` at this name index before, if `obj` has one of the
    /// cached classes and the class epoch is unchanged.
    #[inline]
    pub(crate) fn cached_method(&self, code: &LoadedCode, i: usize, obj: Value) -> Option<Value> {
        let class = self.class_of(obj);
        let c = for_class(code.method_cache.get(i)?, class)?;
        (c.epoch == crate::dict::class_epoch()).then_some(c.method)
    }

    /// `simple_method`'s commonest cases, for the inner loop, found with no fill and no call: an
    /// instance's method that the name's cache holds for its class, or the cached method of a
    /// list, deque or generator (the containers and coroutines of a scheduler).
    #[inline(always)]
    pub(crate) fn method_hit(&self, code: &LoadedCode, i: usize, obj: Value) -> Option<Value> {
        let Value::Obj(r) = obj else { return None };
        let t = &self.types;
        let class = match self.heap.get(r) {
            HeapObj::Instance { class, dict: None, values } => {
                // The method about to run will most likely read the instance's attributes:
                // their line starts on its way from memory now, while the call is set up.
                prefetch(values.as_ptr());
                let c = for_class(code.instance_method_cache.get(i)?, *class)?;
                let hit = c.epoch == crate::dict::class_epoch() && values.len() <= c.clean as usize;
                return hit.then_some(c.method);
            }
            // The classes `class_of` gives them (a list of a user subclass is left to it).
            HeapObj::List(_) if self.heap.derived.is_empty() => t.list,
            HeapObj::Deque(_) => t.deque,
            HeapObj::Generator(g) if g.type_name.is_none() => t.generator,
            _ => return None,
        };
        let c = for_class(code.method_cache.get(i)?, class)?;
        (c.epoch == crate::dict::class_epoch()).then_some(c.method)
    }

    /// The method `LoadMethod` finds without a bound-method object, when that needs no more
    /// than cached lookups: a Python function in the class of an instance that has no
    /// attribute of that name, or a builtin type's method from the inline cache.
    #[inline]
    pub(crate) fn simple_method(&self, code: &LoadedCode, i: usize, obj: Value) -> Option<Value> {
        let Value::Obj(r) = obj else { return self.cached_method(code, i, obj) };
        let HeapObj::Instance { class, dict, values } = self.heap.get(r) else {
            return self.cached_method(code, i, obj);
        };
        let Some(c) = for_class(code.instance_method_cache.get(i)?, *class) else {
            return self.fill_instance_method(code, i, r, *class);
        };
        if c.epoch != crate::dict::class_epoch() || dict.is_some() || values.len() > c.clean as usize {
            return self.fill_instance_method(code, i, r, *class);
        }
        Some(c.method)
    }

    /// `simple_method` for an instance the name's cache cannot answer for: the class lookup,
    /// cached when it finds a Python function, and a look at the instance's own attributes.
    #[inline(never)]
    fn fill_instance_method(&self, code: &LoadedCode, i: usize, r: ObjRef, class: ObjRef) -> Option<Value> {
        let name = *code.names.get(i)?;
        let m @ Value::Obj(mr) = self.class_lookup(class, name)? else { return None };
        if !matches!(self.heap.get(mr), HeapObj::Function(_)) {
            return None;
        }
        let clean = self.layout_index(class, name).unwrap_or_else(|| self.class(class).map_or(0, |c| c.layout.len()));
        let epoch = crate::dict::class_epoch();
        let new = InstanceMethodCache { class: Some(class), epoch, method: m, clean: clean as u32 };
        refill(code.instance_method_cache.get(i)?, new);
        self.instance_get(r, name).is_none().then_some(m)
    }

    /// `obj.name` from the inline attribute cache: an instance of the cached class holding a
    /// value at the cached layout position.
    #[inline]
    pub(crate) fn cached_instance_attr(&self, code: &LoadedCode, i: usize, obj: Value) -> Option<Value> {
        let Value::Obj(r) = obj else { return None };
        let HeapObj::Instance { class, values, .. } = self.heap.get(r) else { return None };
        let c = for_class(code.attr_cache.get(i)?, *class)?;
        if c.epoch != crate::dict::class_epoch() {
            return None;
        }
        // An instance with a dict has no values: the read misses.
        let v = *values.get(c.index)?;
        (!v.is_undef()).then_some(v)
    }

    /// `obj.name = v` through the inline cache; false when the cache does not apply (the full
    /// `StoreAttr` then runs). The instance may get the attribute here, when its position is
    /// right after its last value.
    #[inline]
    pub(crate) fn cached_instance_store(&mut self, code: &LoadedCode, i: usize, obj: Value, v: Value) -> bool {
        if self.instance_store_hit(code, i, obj, v) {
            return true;
        }
        // The next attribute when the values must grow for it.
        let Some((values, index)) = self.cached_store_slot(code, i, obj) else { return false };
        if index != values.len() {
            return false;
        }
        values.push(v);
        self.heap.grew(std::mem::size_of::<Value>());
        true
    }

    /// `cached_instance_store`'s commonest cases, for the inner loop, with no call: a new value
    /// for an attribute the instance has at the position the name's cache gives for its class,
    /// or the next attribute of its layout when its values have room (a new instance's have
    /// room for its class's layout, already counted). False, having done nothing, otherwise.
    #[inline(always)]
    pub(crate) fn instance_store_hit(&mut self, code: &LoadedCode, i: usize, obj: Value, v: Value) -> bool {
        let Some((values, index)) = self.cached_store_slot(code, i, obj) else { return false };
        let len = values.len();
        if index < len {
            let slot = &mut values[index];
            if slot.is_undef() {
                return false;
            }
            *slot = v;
        } else if index == len && len < values.capacity() {
            // SAFETY: slot `len` is within the capacity (checked), and is written before the
            // length covers it.
            unsafe {
                values.as_mut_ptr().add(len).write(v);
                values.set_len(len + 1);
            }
        } else {
            return false;
        }
        true
    }

    /// The values of instance `obj` and the position the cache of name `i` gives for its class,
    /// when the cache holds its class at the current epoch and the instance has no dict.
    #[inline(always)]
    fn cached_store_slot(&mut self, code: &LoadedCode, i: usize, obj: Value) -> Option<(&mut Vec<Value>, usize)> {
        let Value::Obj(r) = obj else { return None };
        let pair = code.attr_cache.get(i)?;
        let epoch = crate::dict::class_epoch();
        let HeapObj::Instance { class, dict: None, values } = self.heap.get_mut(r) else { return None };
        let c = for_class(pair, *class)?;
        (c.epoch == epoch).then_some((values, c.index))
    }

    /// `obj.name` read from an instance's values when the inline cache can serve the name for
    /// the instance's class (see `instance_layout_attr`), filling the cache; None otherwise.
    #[inline(never)]
    pub(crate) fn instance_attr_fill(&self, code: &LoadedCode, i: usize, obj: Value, name: Value) -> Option<Value> {
        let (class, index, v) = self.instance_layout_attr(obj, name)?;
        if self.is_user_class(class) {
            if let Some(cell) = code.attr_cache.get(i) {
                refill(cell, AttrCache { class: Some(class), epoch: crate::dict::class_epoch(), index });
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
                let (epoch, method) = (crate::dict::class_epoch(), x.value_at(index));
                refill(cell, MethodCache { class: Some(class), epoch, method });
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

/// A cache entry for the instances of one class (the caches keep two per name).
pub(crate) trait ClassKeyed: Copy {
    fn class(&self) -> Option<ObjRef>;
}

impl ClassKeyed for AttrCache {
    fn class(&self) -> Option<ObjRef> {
        self.class
    }
}

impl ClassKeyed for InstanceMethodCache {
    fn class(&self) -> Option<ObjRef> {
        self.class
    }
}

impl ClassKeyed for MethodCache {
    fn class(&self) -> Option<ObjRef> {
        self.class
    }
}

/// The entry of a name's pair for `class`, if it has one (each entry read only as needed).
#[inline(always)]
fn for_class<T: ClassKeyed>(pair: &Cell<[T; 2]>, class: ObjRef) -> Option<T> {
    let pair: &Cell<[T]> = pair;
    let [first, second] = pair.as_slice_of_cells() else { return None };
    let first = first.get();
    if first.class() == Some(class) {
        return Some(first);
    }
    let second = second.get();
    (second.class() == Some(class)).then_some(second)
}

/// Records `new` first in a name's pair: it replaces its class's entry, or else the older of
/// the two, so a site used with two classes in turn keeps hitting.
fn refill<T: ClassKeyed>(cell: &Cell<[T; 2]>, new: T) {
    let [first, second] = cell.get();
    cell.set(if first.class() == new.class() { [new, second] } else { [new, first] });
}

/// Asks for the cache line at `p` ahead of its use (nothing where there is no such hint).
#[inline(always)]
pub(crate) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
