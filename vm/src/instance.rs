//! Instances' own attributes. A user class keeps a layout: the attribute names its instances
//! have been given, in the order they were first given. An instance keeps its attribute values
//! in a vector indexed by that layout (CPython 3.11's split dicts, simplified), so reading
//! `self.x` through the inline cache is one check of the instance and one indexed load, and a
//! new instance is one allocation besides its heap slot.
//!
//! The values vector is ordered like the instance's dict would be, as long as every attribute
//! is added at a layout position after all the ones the instance has: `values[i]` is the value
//! of `layout[i]`, `Undef` where the instance has no such attribute. Anything that would break
//! that order (adding an attribute at an earlier position, a name past `MAX_LAYOUT`, a key
//! that is not an exact str), and any use of the dict itself (`__dict__`, `vars()`), moves the
//! attributes into a real dict, which the instance keeps from then on.

use crate::object::HeapObj;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// The most names a class's layout holds (CPython's shared keys stop at 30 too).
const MAX_LAYOUT: usize = 30;

impl Vm {
    /// A new instance of `class` without attributes, with room for the class layout's.
    pub(crate) fn new_instance(&mut self, class: ObjRef) -> ObjRef {
        let room = self.class(class).map_or(0, |c| c.layout.len());
        self.heap.alloc(HeapObj::Instance { class, dict: None, values: Vec::with_capacity(room) })
    }

    /// The position of attribute `name` in `class`'s layout.
    pub(crate) fn layout_index(&self, class: ObjRef, name: Value) -> Option<usize> {
        let layout = &self.class(class)?.layout;
        if let Some(i) = layout.iter().position(|k| k.is(name)) {
            return Some(i);
        }
        // Names made at run time (`setattr(o, "a" + "b", v)`) are equal strs, not the same one.
        // A str subclass's instance matches as a dict key would: only when it hashes as a str.
        let s = self.str_of(name)?;
        crate::dict::hash_value(&self.heap, name).ok()?;
        layout.iter().position(|k| self.str_of(*k) == Some(s))
    }

    /// Instance `r`'s own attribute `name` (a str), if it has one.
    pub(crate) fn instance_get(&self, r: ObjRef, name: Value) -> Option<Value> {
        match self.heap.get(r) {
            HeapObj::Instance { dict: Some(d), .. } => self.dict_get_str(*d, name),
            HeapObj::Instance { class, values, .. } => {
                let v = *values.get(self.layout_index(*class, name)?)?;
                (!v.is_undef()).then_some(v)
            }
            _ => None,
        }
    }

    /// `r.name = v` in instance `r`'s own attributes (class descriptors are the caller's).
    pub(crate) fn instance_set(&mut self, r: ObjRef, name: Value, v: Value) -> Result<(), Exc> {
        let (class, len) = match self.heap.get(r) {
            HeapObj::Instance { dict: Some(d), .. } => {
                let d = *d;
                return self.dict_set(d, name, v);
            }
            HeapObj::Instance { class, values, .. } => (*class, values.len()),
            _ => return Err(self.type_error("internal: not an instance")),
        };
        let at = match self.layout_index(class, name) {
            Some(i) => Some(i),
            // Layout names are exact strs (a str subclass's instance goes to the dict).
            None if self.str_of(name).is_some() && self.derived(name).is_none() => self.extend_layout(class, name),
            None => None,
        };
        if let Some(i) = at {
            if let HeapObj::Instance { values, .. } = self.heap.get_mut(r) {
                if i >= len {
                    // After every attribute the instance has: the order stays the dict's.
                    values.resize(i, Value::Undef);
                    values.push(v);
                    self.heap.grew((i + 1 - len) * std::mem::size_of::<Value>());
                    return Ok(());
                }
                if !values[i].is_undef() {
                    values[i] = v;
                    return Ok(());
                }
            }
        }
        let d = self.instance_dict(r);
        self.dict_set(d, name, v)
    }

    /// Adds `name` at the end of `class`'s layout, if there is room: its position.
    fn extend_layout(&mut self, class: ObjRef, name: Value) -> Option<usize> {
        match self.heap.get_mut(class) {
            HeapObj::Class(c) if c.layout.len() < MAX_LAYOUT => {
                c.layout.push(name);
                Some(c.layout.len() - 1)
            }
            _ => None,
        }
    }

    /// `del r.name` from instance `r`'s own attributes: false when it has no such attribute.
    pub(crate) fn instance_del(&mut self, r: ObjRef, name: Value) -> Result<bool, Exc> {
        let at = match self.heap.get(r) {
            HeapObj::Instance { dict: Some(d), .. } => {
                let d = *d;
                if self.dict_get_str(d, name).is_none() {
                    return Ok(false);
                }
                self.del_item(Value::Obj(d), name)?;
                return Ok(true);
            }
            HeapObj::Instance { class, .. } => self.layout_index(*class, name),
            _ => None,
        };
        let Some(i) = at else { return Ok(false) };
        let HeapObj::Instance { values, .. } = self.heap.get_mut(r) else { return Ok(false) };
        match values.get_mut(i) {
            Some(v) if !v.is_undef() => *v = Value::Undef,
            _ => return Ok(false),
        }
        // A name put back later goes after the others, as in a dict.
        while values.last().is_some_and(|v| v.is_undef()) {
            values.pop();
        }
        Ok(true)
    }

    /// Instance `r`'s attribute dict (`__dict__`), made from its values the first time.
    pub(crate) fn instance_dict(&mut self, r: ObjRef) -> ObjRef {
        let (class, values) = match self.heap.get_mut(r) {
            HeapObj::Instance { dict: Some(d), .. } => return *d,
            HeapObj::Instance { class, values, .. } => (*class, std::mem::take(values)),
            _ => return self.builtins,
        };
        let mut dict = crate::dict::Dict::with_capacity(values.len());
        if let Some(c) = self.class(class) {
            for (k, v) in c.layout.iter().zip(&values).filter(|(_, v)| !v.is_undef()) {
                // Layout names are exact strs: hashing cannot fail.
                let hash = crate::dict::hash_value(&self.heap, *k).unwrap_or(0);
                let p = dict.probe(&self.heap, *k, hash);
                dict.insert_probed(p, hash, *k, *v);
            }
        }
        let d = self.heap.alloc(HeapObj::Dict(Box::new(dict)));
        if let HeapObj::Instance { dict, .. } = self.heap.get_mut(r) {
            *dict = Some(d);
        }
        d
    }
}
