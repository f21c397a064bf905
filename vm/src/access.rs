//! Subscripts, slices, attributes and method lookup.

use crate::classes::Attr;
use crate::object::HeapObj;
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// Resolved `start, stop, step` of a slice applied to a sequence of length `len`.
pub fn slice_indices(len: i64, start: Option<i64>, stop: Option<i64>, step: i64) -> (i64, i64, i64) {
    let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| -> i64 {
        match v {
            None => default,
            Some(x) if x < 0 => (x + len).max(lo),
            Some(x) => x.min(hi),
        }
    };
    if step > 0 {
        (clamp(start, 0, 0, len), clamp(stop, len, 0, len), step)
    } else {
        (clamp(start, len - 1, -1, len - 1), clamp(stop, -1, -1, len - 1), step)
    }
}

/// Positions selected by a resolved slice.
pub fn slice_positions(start: i64, stop: i64, step: i64) -> impl Iterator<Item = usize> {
    let mut i = start;
    std::iter::from_fn(move || {
        if (step > 0 && i < stop) || (step < 0 && i > stop) {
            let r = i as usize;
            i += step;
            Some(r)
        } else {
            None
        }
    })
}

impl Vm {
    fn slice_parts(&mut self, r: ObjRef) -> Result<(Option<i64>, Option<i64>, i64), Exc> {
        let HeapObj::Slice(parts) = self.heap.get(r) else {
            return Ok((None, None, 1));
        };
        let parts = **parts;
        let conv = |vm: &mut Vm, v: Value| -> Result<Option<i64>, Exc> {
            match v {
                Value::None => Ok(None),
                Value::Int(i) => Ok(Some(i)),
                Value::Bool(b) => Ok(Some(b as i64)),
                Value::Obj(_) if vm.small_int(v).is_some() => Ok(vm.small_int(v)),
                Value::Obj(o) if matches!(vm.heap.get(o), HeapObj::BigInt(_)) => {
                    let b = vm.to_bigint(v).unwrap_or_default();
                    Ok(Some(if b.sign() == num_bigint::Sign::Minus { i64::MIN / 2 } else { i64::MAX / 2 }))
                }
                _ => Err(vm.type_error("slice indices must be integers or None or have an __index__ method")),
            }
        };
        let a = conv(self, parts[0])?;
        let b = conv(self, parts[1])?;
        let c = conv(self, parts[2])?.unwrap_or(1);
        if c == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        Ok((a, b, c))
    }

    fn is_slice(&self, v: Value) -> Option<ObjRef> {
        match v {
            Value::Obj(r) if matches!(self.heap.get(r), HeapObj::Slice(_)) => Some(r),
            _ => None,
        }
    }

    fn seq_index(&mut self, k: Value, len: usize, what: &str) -> Result<usize, Exc> {
        let i = match k {
            Value::Int(i) => i,
            Value::Bool(b) => b as i64,
            Value::Obj(o) if matches!(self.heap.get(o), HeapObj::BigInt(_)) => match self.small_int(k) {
                Some(i) => i,
                None => return Err(self.index_error("cannot fit 'int' into an index-sized integer")),
            },
            _ => {
                // Assignment and deletion name only the type here (`list indices must be ...`).
                let kind = what.strip_suffix(" assignment").unwrap_or(what);
                let t = self.type_name(k);
                return Err(self.type_error(&format!("{kind} indices must be integers or slices, not {t}")));
            }
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(self.index_error(&format!("{what} index out of range")));
        }
        Ok(j as usize)
    }

    pub fn get_item(&mut self, c: Value, k: Value) -> Result<Value, Exc> {
        let Value::Obj(r) = c else {
            let t = self.type_name(c);
            return Err(self.type_error(&format!("'{t}' object is not subscriptable")));
        };
        if let HeapObj::Deque(_) = self.heap.get(r) {
            return self.deque_get_item(r, k);
        }
        if let Some(sl) = self.is_slice(k) {
            let (a, b, step) = self.slice_parts(sl)?;
            return self.get_slice(r, a, b, step);
        }
        match self.heap.get(r) {
            HeapObj::List(l) => {
                let n = l.len();
                let i = self.seq_index(k, n, "list")?;
                match self.heap.get(r) {
                    HeapObj::List(l) => Ok(l[i]),
                    _ => Ok(Value::None),
                }
            }
            HeapObj::Tuple(t) => {
                let n = t.len();
                let i = self.seq_index(k, n, "tuple")?;
                match self.heap.get(r) {
                    HeapObj::Tuple(t) => Ok(t[i]),
                    _ => Ok(Value::None),
                }
            }
            HeapObj::Str(s) => {
                let n = s.chars as usize;
                if !matches!(k, Value::Int(_) | Value::Bool(_)) && !self.is_int(k) {
                    let t = self.type_name(k);
                    return Err(self.type_error(&format!("string indices must be integers, not '{t}'")));
                }
                let i = self.seq_index(k, n, "string")?;
                let ch = match self.heap.get(r) {
                    HeapObj::Str(s) => {
                        if s.is_ascii() {
                            s.s[i..i + 1].to_string()
                        } else {
                            s.s.chars().nth(i).map(|c| c.to_string()).unwrap_or_default()
                        }
                    }
                    _ => String::new(),
                };
                Ok(self.new_string(ch))
            }
            HeapObj::Dict(_) => match self.dict_get(r, k)? {
                Some(v) => Ok(v),
                None => Err(self.key_error(k)),
            },
            HeapObj::Range { start, stop, step } => {
                let (start, step) = (*start, *step);
                let n = crate::builtins::range_len(start, *stop, step);
                let i = self.seq_index(k, n, "range object")?;
                // The item lies inside the range, so it fits; `i * step` alone may not.
                Ok(Value::Int((start as i128 + i as i128 * step as i128) as i64))
            }
            HeapObj::BigRange(br) => {
                let br = (**br).clone();
                let len = crate::builtins::big_range_len(&br);
                let Some(i) = self.to_bigint(k) else {
                    let t = self.type_name(k);
                    return Err(self.type_error(&format!("range indices must be integers or slices, not {t}")));
                };
                let j = if i.sign() == num_bigint::Sign::Minus { &i + &len } else { i };
                if j.sign() == num_bigint::Sign::Minus || j >= len {
                    return Err(self.index_error("range object index out of range"));
                }
                let v = &br[0] + j * &br[2];
                Ok(crate::ops::normalize_bigint(self, v))
            }
            HeapObj::Class(c)
                if c.kind == crate::object::TypeKind::Type
                    || matches!(
                        c.kind,
                        crate::object::TypeKind::List
                            | crate::object::TypeKind::Deque
                            | crate::object::TypeKind::Dict
                            | crate::object::TypeKind::Tuple
                            | crate::object::TypeKind::Set
                    ) =>
            {
                // `list[int]` in annotations: a generic alias; coro returns the class itself.
                Ok(c_value(r))
            }
            _ => {
                let t = self.type_name(c);
                Err(self.type_error(&format!("'{t}' object is not subscriptable")))
            }
        }
    }

    fn get_slice(&mut self, r: ObjRef, a: Option<i64>, b: Option<i64>, step: i64) -> Result<Value, Exc> {
        enum Kind {
            List,
            Tuple,
            Str,
            Range(i64, i64),
        }
        let (kind, len) = match self.heap.get(r) {
            HeapObj::List(l) => (Kind::List, l.len()),
            HeapObj::Tuple(t) => (Kind::Tuple, t.len()),
            HeapObj::Str(s) => (Kind::Str, s.chars as usize),
            HeapObj::Range { start, stop, step } => {
                (Kind::Range(*start, *step), crate::builtins::range_len(*start, *stop, *step))
            }
            _ => {
                let t = self.type_name(Value::Obj(r));
                return Err(self.type_error(&format!("'{t}' object is not subscriptable")));
            }
        };
        let (start, stop, st) = slice_indices(len as i64, a, b, step);
        match kind {
            Kind::List | Kind::Tuple => {
                let items: Vec<Value> = match self.heap.get(r) {
                    HeapObj::List(l) => slice_positions(start, stop, st).map(|i| l[i]).collect(),
                    HeapObj::Tuple(t) => slice_positions(start, stop, st).map(|i| t[i]).collect(),
                    _ => Vec::new(),
                };
                Ok(if matches!(kind, Kind::List) { self.new_list(items) } else { self.new_tuple(items) })
            }
            Kind::Str => {
                let s: String = match self.heap.get(r) {
                    HeapObj::Str(s) if s.is_ascii() && st == 1 => {
                        if start < stop {
                            s.s[start as usize..stop as usize].to_string()
                        } else {
                            String::new()
                        }
                    }
                    HeapObj::Str(s) => {
                        let chars: Vec<char> = s.s.chars().collect();
                        slice_positions(start, stop, st).map(|i| chars[i]).collect()
                    }
                    _ => String::new(),
                };
                Ok(self.new_string(s))
            }
            Kind::Range(rs, rstep) => {
                // Near the i64 limits the sliced bounds can leave i64: compute them wide and fall
                // back to a big-int range.
                let (rs, rstep) = (rs as i128, rstep as i128);
                let (n_start, n_stop, n_step) =
                    (rs + start as i128 * rstep, rs + stop as i128 * rstep, rstep * st as i128);
                let obj = match (i64::try_from(n_start), i64::try_from(n_stop), i64::try_from(n_step)) {
                    (Ok(start), Ok(stop), Ok(step)) => HeapObj::Range { start, stop, step },
                    _ => HeapObj::BigRange(Box::new([n_start.into(), n_stop.into(), n_step.into()])),
                };
                Ok(Value::Obj(self.heap.alloc(obj)))
            }
        }
    }

    pub fn set_item(&mut self, c: Value, k: Value, v: Value) -> Result<(), Exc> {
        let Value::Obj(r) = c else {
            let t = self.type_name(c);
            return Err(self.type_error(&format!("'{t}' object does not support item assignment")));
        };
        match self.heap.get(r) {
            HeapObj::List(l) => {
                let n = l.len();
                if let Some(sl) = self.is_slice(k) {
                    let (a, b, step) = self.slice_parts(sl)?;
                    let Some(items) = self.sequence_items(v) else {
                        return Err(self.type_error("can only assign an iterable"));
                    };
                    let (start, stop, st) = slice_indices(n as i64, a, b, step);
                    if st == 1 {
                        let stop = stop.max(start);
                        if let HeapObj::List(l) = self.heap.get_mut(r) {
                            l.splice(start as usize..stop as usize, items);
                        }
                        return Ok(());
                    }
                    let positions: Vec<usize> = slice_positions(start, stop, st).collect();
                    if positions.len() != items.len() {
                        return Err(self.value_error(&format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            items.len(),
                            positions.len()
                        )));
                    }
                    if let HeapObj::List(l) = self.heap.get_mut(r) {
                        for (p, item) in positions.into_iter().zip(items) {
                            l[p] = item;
                        }
                    }
                    return Ok(());
                }
                let i = self.seq_index(k, n, "list assignment")?;
                if let HeapObj::List(l) = self.heap.get_mut(r) {
                    l[i] = v;
                }
                Ok(())
            }
            HeapObj::Dict(_) => self.dict_set(r, k, v),
            HeapObj::Deque(_) => self.deque_set_item(r, k, v),
            _ => {
                let t = self.type_name(c);
                Err(self.type_error(&format!("'{t}' object does not support item assignment")))
            }
        }
    }

    pub fn del_item(&mut self, c: Value, k: Value) -> Result<(), Exc> {
        let Value::Obj(r) = c else {
            let t = self.type_name(c);
            return Err(self.type_error(&format!("'{t}' object does not support item deletion")));
        };
        match self.heap.get(r) {
            HeapObj::Deque(_) => self.deque_del_item(r, k),
            HeapObj::List(l) => {
                let n = l.len();
                if let Some(sl) = self.is_slice(k) {
                    let (a, b, step) = self.slice_parts(sl)?;
                    let (start, stop, st) = slice_indices(n as i64, a, b, step);
                    // One pass over the list (removing item by item was quadratic).
                    let mut doomed = vec![false; n];
                    for p in slice_positions(start, stop, st) {
                        if let Some(d) = doomed.get_mut(p) {
                            *d = true;
                        }
                    }
                    if let HeapObj::List(l) = self.heap.get_mut(r) {
                        let mut i = 0;
                        l.retain(|_| {
                            i += 1;
                            !doomed.get(i - 1).copied().unwrap_or(false)
                        });
                    }
                    return Ok(());
                }
                let i = self.seq_index(k, n, "list assignment")?;
                if let HeapObj::List(l) = self.heap.get_mut(r) {
                    l.remove(i);
                }
                Ok(())
            }
            HeapObj::Dict(_) => {
                let h = self.hash(k)?;
                let probe = match self.heap.get(r) {
                    HeapObj::Dict(d) => d.probe(&self.heap, k, h),
                    _ => crate::dict::Probe::Vacant,
                };
                match probe {
                    crate::dict::Probe::Found(i) => {
                        if let HeapObj::Dict(d) = self.heap.get_mut(r) {
                            d.remove_at(i);
                        }
                        Ok(())
                    }
                    crate::dict::Probe::Vacant => Err(self.key_error(k)),
                }
            }
            _ => {
                let t = self.type_name(c);
                Err(self.type_error(&format!("'{t}' object doesn't support item deletion")))
            }
        }
    }

    fn no_attr(&mut self, obj: Value, name: Value) -> Exc {
        let n = self.str_of(name).unwrap_or("?").to_string();
        if let Value::Obj(r) = obj {
            match self.heap.get(r) {
                HeapObj::Module(m) => {
                    let mn = m.name.clone();
                    return self.attribute_error(&format!("module '{mn}' has no attribute '{n}'"));
                }
                HeapObj::Class(c) => {
                    let cn = c.name.clone();
                    return self.attribute_error(&format!("type object '{cn}' has no attribute '{n}'"));
                }
                _ => {}
            }
        }
        let t = self.type_name(obj);
        self.attribute_error(&format!("'{t}' object has no attribute '{n}'"))
    }

    /// `obj.name` where running Python code for it (a property, `__getattr__`) is not
    /// possible: such attributes are a clean NotImplementedError.
    pub fn get_attr(&mut self, obj: Value, name: Value) -> Result<Value, Exc> {
        match self.get_attr_flow(obj, name)? {
            Attr::Value(v) => Ok(v),
            Attr::Call(..) => {
                let n = self.str_of(name).unwrap_or("?").to_string();
                Err(self.exc_msg(
                    ExcKind::NotImplementedError,
                    &format!("coro: attribute '{n}' needs a property or __getattr__ call, not supported here yet"),
                ))
            }
        }
    }

    /// `obj.name` for the commonest case, an attribute among an instance's values (not in a
    /// dict) under a name that is not a dunder (`__class__` and `__dict__` are not attributes)
    /// and not shadowed by a property: the instance's class, the attribute's position in the
    /// class layout, and its value. None: take `get_attr_flow`.
    #[inline]
    pub(crate) fn instance_layout_attr(&self, obj: Value, name: Value) -> Option<(ObjRef, usize, Value)> {
        let Value::Obj(r) = obj else { return None };
        let HeapObj::Instance { class, dict: None, values } = self.heap.get(r) else { return None };
        let Value::Obj(n) = name else { return None };
        let HeapObj::Str(s) = self.heap.get(n) else { return None };
        if s.s.starts_with("__") {
            return None;
        }
        if let Some(Value::Obj(d)) = self.class_lookup(*class, name) {
            if matches!(self.heap.get(d), HeapObj::Property(_)) {
                return None;
            }
        }
        let i = self.layout_index(*class, name)?;
        let v = *values.get(i)?;
        (!v.is_undef()).then_some((*class, i, v))
    }

    /// `obj.name`: the value, or the call (a property getter, `__getattr__`) that gives it.
    pub(crate) fn get_attr_flow(&mut self, obj: Value, name: Value) -> Result<Attr, Exc> {
        if let Value::Obj(r) = obj {
            match *self.heap.get(r) {
                HeapObj::Instance { class, .. } => {
                    if self.str_of(name) == Some("__class__") {
                        return Ok(Attr::Value(Value::Obj(class)));
                    }
                    return self.instance_getattr(obj, r, class, name);
                }
                HeapObj::Super { class, this } => {
                    if self.str_of(name) == Some("__class__") {
                        return Ok(Attr::Value(Value::Obj(self.types.super_)));
                    }
                    return self.super_getattr(class, this, name);
                }
                HeapObj::ClassMethod(f) | HeapObj::StaticMethod(f) if self.str_of(name) == Some("__func__") => {
                    return Ok(Attr::Value(f));
                }
                HeapObj::Property(ref p) => {
                    let i = match self.str_of(name) {
                        Some("fget") => Some(0),
                        Some("fset") => Some(1),
                        Some("fdel") => Some(2),
                        Some("__doc__") => Some(3),
                        _ => None,
                    };
                    if let Some(i) = i {
                        return Ok(Attr::Value(p[i]));
                    }
                }
                _ if !self.heap.derived.is_empty() => {
                    if let Some(d) = self.derived(obj) {
                        return self.derived_getattr(obj, d, name);
                    }
                }
                _ => {}
            }
        }
        if let Some(v) = self.special_attr(obj, name)? {
            return Ok(Attr::Value(v));
        }
        let cls = self.class_of(obj);
        if let Some(m) = self.class_lookup(cls, name) {
            if let Value::Obj(mr) = m {
                if let HeapObj::Property(p) = self.heap.get(mr) {
                    return Ok(Attr::Call(p[0], vec![obj]));
                }
            }
            return Ok(Attr::Value(self.bind_descr(m, obj, cls)));
        }
        Err(self.no_attr(obj, name))
    }

    /// Attributes that live on the object itself rather than its class.
    fn special_attr(&mut self, obj: Value, name: Value) -> Result<Option<Value>, Exc> {
        let n = self.str_of(name).unwrap_or("").to_string();
        if n == "__class__" {
            return Ok(Some(Value::Obj(self.class_of(obj))));
        }
        let Value::Obj(r) = obj else {
            return Ok(match (obj, n.as_str()) {
                (Value::Int(_) | Value::Bool(_), "real" | "numerator") => Some(match obj {
                    Value::Bool(b) => Value::Int(b as i64),
                    _ => obj,
                }),
                (Value::Int(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
                (Value::Int(_) | Value::Bool(_), "denominator") => Some(Value::Int(1)),
                (Value::Float(_), "real") => Some(obj),
                (Value::Float(_), "imag") => Some(Value::Float(0.0)),
                _ => None,
            });
        };
        Ok(match self.heap.get(r) {
            HeapObj::Module(m) => {
                let d = m.dict;
                match self.dict_get_str(d, name) {
                    Some(v) => Some(v),
                    None if n == "__dict__" => Some(Value::Obj(d)),
                    None => None,
                }
            }
            HeapObj::Dict(d) if n == "default_factory" => {
                d.extra.as_ref().filter(|x| x.class == self.types.defaultdict).map(|x| x.default_factory)
            }
            HeapObj::Deque(_) if n == "maxlen" => Some(self.deque_maxlen(r)),
            HeapObj::Function(f) => match n.as_str() {
                "__name__" => Some(f.name),
                "__qualname__" => Some(f.qualname),
                "__module__" => Some(f.module),
                "__doc__" => match f.dict.and_then(|d| self.dict_get_str(d, name)) {
                    Some(v) => Some(v),
                    None if f.code.code.flags.docstring => f.code.consts.first().copied(),
                    None => Some(Value::None),
                },
                "__defaults__" => {
                    let d = f.defaults.clone();
                    Some(if d.is_empty() { Value::None } else { self.new_tuple(d) })
                }
                "__globals__" => Some(Value::Obj(f.globals)),
                "__annotations__" => {
                    let a = f.annotations;
                    Some(if a.is_undef() {
                        let d = self.new_dict();
                        if let HeapObj::Function(f) = self.heap.get_mut(r) {
                            f.annotations = d;
                        }
                        d
                    } else {
                        a
                    })
                }
                "__code__" => {
                    let c = f.code.clone();
                    Some(Value::Obj(self.heap.alloc(HeapObj::Code(c))))
                }
                "__dict__" => {
                    let d = match f.dict {
                        Some(d) => d,
                        None => {
                            let d = self.new_dict().as_obj().unwrap_or(self.builtins);
                            if let HeapObj::Function(f) = self.heap.get_mut(r) {
                                f.dict = Some(d);
                            }
                            d
                        }
                    };
                    Some(Value::Obj(d))
                }
                _ => match f.dict {
                    Some(d) => self.dict_get_str(d, name),
                    None => None,
                },
            },
            HeapObj::Builtin(b) => match n.as_str() {
                "__name__" | "__qualname__" => {
                    let s = b.name;
                    Some(self.new_str(s))
                }
                "__self__" => Some(if b.this.is_undef() || crate::embed::is_host_fn(b) { Value::None } else { b.this }),
                _ => None,
            },
            HeapObj::BoundMethod { func, this } => {
                let (func, this) = (*func, *this);
                match n.as_str() {
                    "__self__" => Some(this),
                    "__func__" => Some(func),
                    _ => self.special_attr(func, name)?,
                }
            }
            HeapObj::Generator(g) => match n.as_str() {
                "__name__" => Some(Value::Obj(g.name)),
                "__qualname__" => Some(Value::Obj(g.qualname)),
                "gi_running" => Some(Value::Bool(g.state == crate::object::GenState::Running)),
                "gi_suspended" => Some(Value::Bool(g.state == crate::object::GenState::Suspended)),
                "gi_yieldfrom" => {
                    // The delegate's reference leaves the chain: it is no longer private.
                    let d = g.delegate;
                    if let Some(x) = d.and_then(|d| self.gen_mut(d)) {
                        x.private = false;
                    }
                    Some(d.map(Value::Obj).unwrap_or(Value::None))
                }
                "gi_code" => {
                    let c = g.code.clone();
                    Some(Value::Obj(self.heap.alloc(HeapObj::Code(c))))
                }
                "gi_frame" => {
                    Some(if g.state == crate::object::GenState::Done { Value::None } else { Value::Bool(true) })
                }
                _ => None,
            },
            HeapObj::Code(c) => match n.as_str() {
                "co_name" => {
                    let s = c.code.name.clone();
                    Some(self.new_str(&s))
                }
                "co_qualname" => {
                    let s = c.code.qualname.clone();
                    Some(self.new_str(&s))
                }
                "co_filename" => {
                    let s = c.code.filename.clone();
                    Some(self.new_str(&s))
                }
                "co_firstlineno" => Some(Value::Int(c.code.first_line as i64)),
                "co_argcount" => Some(Value::Int(c.code.argcount as i64)),
                _ => None,
            },
            HeapObj::Exception(e) => {
                let (args, cause, context, suppress, dict) = (e.args, e.cause, e.context, e.suppress_context, e.dict);
                match n.as_str() {
                    "args" => Some(args),
                    "__cause__" => Some(cause),
                    "__context__" => Some(context),
                    "__suppress_context__" => Some(Value::Bool(suppress)),
                    "__traceback__" => Some(Value::None),
                    _ => {
                        let from_dict = match dict {
                            Some(d) => self.dict_get_str(d, name),
                            None => None,
                        };
                        match from_dict {
                            Some(v) => Some(v),
                            None => match n.as_str() {
                                "value" if self.exc_is(Exc(r), ExcKind::StopIteration) => {
                                    Some(self.stop_iteration_value(Exc(r)))
                                }
                                "code" if self.exc_is(Exc(r), ExcKind::SystemExit) => {
                                    Some(self.stop_iteration_value(Exc(r)))
                                }
                                "msg" | "name" | "path" if self.exc_is(Exc(r), ExcKind::ImportError) => {
                                    Some(Value::None)
                                }
                                other => self.os_error_default(Exc(r), other),
                            },
                        }
                    }
                }
            }
            HeapObj::Class(c) => {
                let (cname, qual, module, mro, bases, dict) =
                    (c.name.clone(), c.qualname.clone(), c.module.clone(), c.mro.clone(), c.bases.clone(), c.dict);
                match n.as_str() {
                    "__name__" => Some(self.new_str(&cname)),
                    "__qualname__" => Some(self.new_str(&qual)),
                    "__module__" => Some(self.new_str(&module)),
                    "__mro__" => Some(self.new_tuple(mro.into_iter().map(Value::Obj).collect())),
                    "__bases__" => Some(self.new_tuple(bases.into_iter().map(Value::Obj).collect())),
                    "__base__" => Some(bases.first().map(|b| Value::Obj(*b)).unwrap_or(Value::None)),
                    "__dict__" => Some(Value::Obj(dict)),
                    "__doc__" => Some(self.class_lookup(r, name).unwrap_or(Value::None)),
                    _ => match self.class_lookup(r, name) {
                        Some(v) => Some(self.class_attr(r, v)),
                        // Then the metaclass's attributes, bound to the class.
                        None => match self.class(r).and_then(|c| c.metaclass) {
                            Some(m) => self.class_lookup(m, name).map(|v| self.bind_descr(v, obj, m)),
                            None => None,
                        },
                    },
                }
            }
            HeapObj::Slice(parts) => match n.as_str() {
                "start" => Some(parts[0]),
                "stop" => Some(parts[1]),
                "step" => Some(parts[2]),
                _ => None,
            },
            HeapObj::Range { start, stop, step } => match n.as_str() {
                "start" => Some(Value::Int(*start)),
                "stop" => Some(Value::Int(*stop)),
                "step" => Some(Value::Int(*step)),
                _ => None,
            },
            HeapObj::BigInt(_) => match n.as_str() {
                "real" | "numerator" => Some(obj),
                "imag" => Some(Value::Int(0)),
                "denominator" => Some(Value::Int(1)),
                _ => None,
            },
            _ => None,
        })
    }

    /// For `obj.name(...)`: the callable and the receiver to pass first (Undef when the
    /// callable is already bound or is a plain attribute).
    pub fn load_method(&mut self, obj: Value, name: Value) -> Result<(Value, Value), Exc> {
        let plain = match obj {
            Value::Obj(r) => !matches!(
                self.heap.get(r),
                HeapObj::Module(_) | HeapObj::Class(_) | HeapObj::Function(_) | HeapObj::Exception(_)
            ),
            _ => true,
        };
        if plain {
            let cls = self.class_of(obj);
            if let Some(m) = self.class_lookup(cls, name) {
                if let Value::Obj(mr) = m {
                    if matches!(self.heap.get(mr), HeapObj::Builtin(b) if b.this.is_undef())
                        && !self.derived_shadows(obj, name)
                    {
                        return Ok((m, obj));
                    }
                }
            }
        }
        let v = self.get_attr(obj, name)?;
        Ok((v, Value::Undef))
    }

    /// For `obj.name(...)` on any object: the callable and receiver (`Undef` when the callable
    /// is already bound), or the call that produces the callable.
    pub(crate) fn load_method_flow(&mut self, obj: Value, name: Value) -> Result<Result<(Value, Value), Attr>, Exc> {
        if let Value::Obj(r) = obj {
            match *self.heap.get(r) {
                HeapObj::Instance { class, .. } => {
                    if let Some(m @ Value::Obj(mr)) = self.class_lookup(class, name) {
                        if matches!(self.heap.get(mr), HeapObj::Function(_)) && self.instance_get(r, name).is_none() {
                            return Ok(Ok((m, obj)));
                        }
                    }
                }
                HeapObj::Super { .. } => {}
                _ => return self.load_method(obj, name).map(Ok),
            }
        } else {
            return self.load_method(obj, name).map(Ok);
        }
        Ok(match self.get_attr_flow(obj, name)? {
            Attr::Value(v) => Ok((v, Value::Undef)),
            call => Err(call),
        })
    }

    pub fn set_attr(&mut self, obj: Value, name: Value, v: Value) -> Result<(), Exc> {
        if let Value::Obj(r) = obj {
            let n = self.str_of(name).unwrap_or("").to_string();
            match self.heap.get(r) {
                HeapObj::Module(m) => {
                    let d = m.dict;
                    return self.dict_set(d, name, v);
                }
                HeapObj::Deque(_) if n == "maxlen" => return Err(self.deque_maxlen_not_writable()),
                HeapObj::Dict(d) if n == "default_factory" && !self.default_factory(obj).is_undef() => {
                    let _ = d;
                    if let HeapObj::Dict(d) = self.heap.get_mut(r) {
                        if let Some(x) = d.extra.as_mut() {
                            x.default_factory = v;
                        }
                    }
                    return Ok(());
                }
                HeapObj::Function(f) => {
                    let d = match f.dict {
                        Some(d) => d,
                        None => {
                            let d = self.new_dict().as_obj().unwrap_or(self.builtins);
                            if let HeapObj::Function(f) = self.heap.get_mut(r) {
                                f.dict = Some(d);
                            }
                            d
                        }
                    };
                    if n == "__name__" || n == "__qualname__" {
                        if self.str_of(v).is_none() {
                            return Err(self.type_error(&format!("{n} must be set to a string object")));
                        }
                        if let HeapObj::Function(f) = self.heap.get_mut(r) {
                            if n == "__name__" {
                                f.name = v;
                            } else {
                                f.qualname = v;
                            }
                        }
                        return Ok(());
                    }
                    return self.dict_set(d, name, v);
                }
                HeapObj::Exception(e) => {
                    let dict = e.dict;
                    match n.as_str() {
                        "__cause__" | "__context__" => {
                            let ok = v.is_none()
                                || matches!(v, Value::Obj(o) if matches!(self.heap.get(o), HeapObj::Exception(_)));
                            if !ok {
                                return Err(self.type_error(&format!(
                                    "exception {} must be None or derive from BaseException",
                                    if n == "__cause__" { "cause" } else { "context" }
                                )));
                            }
                            if let HeapObj::Exception(e) = self.heap.get_mut(r) {
                                if n == "__cause__" {
                                    e.cause = v;
                                    e.suppress_context = true;
                                } else {
                                    e.context = v;
                                }
                            }
                            return Ok(());
                        }
                        "__suppress_context__" => {
                            let b = self.truthy(v)?;
                            if let HeapObj::Exception(e) = self.heap.get_mut(r) {
                                e.suppress_context = b;
                            }
                            return Ok(());
                        }
                        "args" => {
                            let items = self.sequence_items(v).unwrap_or_default();
                            let t = self.new_tuple(items);
                            if let HeapObj::Exception(e) = self.heap.get_mut(r) {
                                e.args = t;
                            }
                            return Ok(());
                        }
                        _ => {
                            let d = match dict {
                                Some(d) => d,
                                None => {
                                    let d = self.new_dict().as_obj().unwrap_or(self.builtins);
                                    if let HeapObj::Exception(e) = self.heap.get_mut(r) {
                                        e.dict = Some(d);
                                    }
                                    d
                                }
                            };
                            return self.dict_set(d, name, v);
                        }
                    }
                }
                HeapObj::Instance { class, .. } => {
                    if !self.is_user_class(*class) {
                        // `object()`, NotImplemented, tracebacks: no attribute dict.
                        let t = self.type_name(obj);
                        return Err(self.attribute_error(&format!("'{t}' object has no attribute '{n}'")));
                    }
                    if n == "__class__" || n == "__dict__" {
                        return Err(self.exc_msg(
                            ExcKind::NotImplementedError,
                            &format!("coro: assigning {n} is not supported yet"),
                        ));
                    }
                    return self.instance_set(r, name, v);
                }
                HeapObj::Class(c) => {
                    if c.heap_type {
                        let d = c.dict;
                        // Each class records its special methods when it is created.
                        if crate::special::SPECIALS.iter().any(|(s, _)| *s == n) || n == "__class__" {
                            return Err(self.exc_msg(
                                ExcKind::NotImplementedError,
                                &format!("coro: assigning {n} on a class is not supported yet"),
                            ));
                        }
                        return self.dict_set(d, name, v);
                    }
                    let cn = c.name.clone();
                    return Err(self.type_error(&format!("cannot set '{n}' attribute of immutable type '{cn}'")));
                }
                _ => {
                    if let Some(d) = self.derived(obj) {
                        if self.derived_setattr(d, name, v)? {
                            return Ok(());
                        }
                    }
                }
            }
        }
        let has = self.get_attr(obj, name).is_ok();
        let t = self.type_name(obj);
        let n = self.str_of(name).unwrap_or("?").to_string();
        if has {
            Err(self.attribute_error(&format!("'{t}' object attribute '{n}' is read-only")))
        } else {
            Err(self.attribute_error(&format!("'{t}' object has no attribute '{n}'")))
        }
    }

    pub fn del_attr(&mut self, obj: Value, name: Value) -> Result<(), Exc> {
        let dict = match obj {
            Value::Obj(r) => match self.heap.get(r) {
                HeapObj::Module(m) => Some(m.dict),
                HeapObj::Function(f) => f.dict,
                HeapObj::Exception(e) => e.dict,
                HeapObj::Instance { .. } => {
                    if self.instance_del(r, name)? {
                        return Ok(());
                    }
                    None
                }
                HeapObj::Class(c) if c.heap_type => Some(c.dict),
                _ => self.derived(obj).and_then(|d| d.dict),
            },
            _ => None,
        };
        if let Some(d) = dict {
            if self.dict_get_str(d, name).is_some() {
                return self.del_item(Value::Obj(d), name);
            }
        }
        if self.is_deque(obj) && self.str_of(name) == Some("maxlen") {
            return Err(self.deque_maxlen_not_writable());
        }
        Err(self.no_attr(obj, name))
    }
}

fn c_value(r: ObjRef) -> Value {
    Value::Obj(r)
}
