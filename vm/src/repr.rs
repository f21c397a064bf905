//! `repr()` and `str()` of builtin values, and `format()` with a spec. Containers are walked
//! with an explicit stack (never native recursion), showing `[...]`/`{...}` for containers that
//! contain themselves, as CPython does.

use crate::object::HeapObj;
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{numfmt, Exc, Vm};

enum Piece {
    Val(Value),
    Text(&'static str),
    Owned(String),
    Leave,
}

impl Vm {
    pub fn repr_string(&mut self, v: Value) -> Result<String, Exc> {
        let mut out = String::new();
        let mut work = vec![Piece::Val(v)];
        let mut active: Vec<ObjRef> = Vec::new();
        while let Some(p) = work.pop() {
            let v = match p {
                Piece::Text(t) => {
                    out.push_str(t);
                    continue;
                }
                Piece::Owned(t) => {
                    out.push_str(&t);
                    continue;
                }
                Piece::Leave => {
                    active.pop();
                    continue;
                }
                Piece::Val(v) => v,
            };
            let Value::Obj(r) = v else {
                self.scalar_repr(v, &mut out);
                continue;
            };
            let (open, close, items): (&'static str, &'static str, Vec<Value>) = match self.heap.get(r) {
                HeapObj::List(l) => ("[", "]", l.clone()),
                HeapObj::Tuple(t) => ("(", if t.len() == 1 { ",)" } else { ")" }, t.to_vec()),
                HeapObj::Set(s) => {
                    if s.is_empty() {
                        out.push_str("set()");
                        continue;
                    }
                    ("{", "}", s.iter().map(|(_, k)| k).collect())
                }
                HeapObj::Dict(d) => {
                    let pairs: Vec<(Value, Value)> = d.iter().map(|e| (e.key, e.value)).collect();
                    // A user subclass of dict (without a `__repr__`) shows as a dict.
                    let (dd, od) = (self.types.defaultdict, self.types.ordered_dict);
                    let extra = d
                        .extra
                        .as_ref()
                        .filter(|x| x.class == dd || x.class == od)
                        .map(|x| (x.class == dd, x.default_factory));
                    if active.contains(&r) {
                        out.push_str("{...}");
                        continue;
                    }
                    if active.len() > self.recursion_limit {
                        return Err(self.exc_msg(
                            ExcKind::RecursionError,
                            "maximum recursion depth exceeded while getting the repr of an object",
                        ));
                    }
                    active.push(r);
                    work.push(Piece::Leave);
                    match extra {
                        // OrderedDict([(k, v), ...]), as CPython 3.11 shows it.
                        Some((false, _)) => {
                            if pairs.is_empty() {
                                out.push_str("OrderedDict()");
                                continue;
                            }
                            out.push_str("OrderedDict([");
                            work.push(Piece::Text("])"));
                            for (i, (k, val)) in pairs.into_iter().enumerate().rev() {
                                work.push(Piece::Text(")"));
                                work.push(Piece::Val(val));
                                work.push(Piece::Text(", "));
                                work.push(Piece::Val(k));
                                work.push(Piece::Text(if i > 0 { ", (" } else { "(" }));
                            }
                            continue;
                        }
                        Some((true, factory)) => {
                            out.push_str("defaultdict(");
                            work.push(Piece::Text("})"));
                            pieces_of_pairs(&mut work, pairs);
                            work.push(Piece::Text(", {"));
                            work.push(Piece::Val(factory));
                            continue;
                        }
                        None => {}
                    }
                    out.push('{');
                    work.push(Piece::Text("}"));
                    pieces_of_pairs(&mut work, pairs);
                    continue;
                }
                HeapObj::Deque(d) => {
                    // CPython: `deque([...])` or `deque([...], maxlen=N)`; a deque inside
                    // itself shows as `[...]`.
                    if active.contains(&r) {
                        out.push_str("[...]");
                        continue;
                    }
                    let close = match d.maxlen {
                        Some(m) => format!("], maxlen={m})"),
                        None => "])".to_string(),
                    };
                    let items: Vec<Value> = d.items.iter().copied().collect();
                    if active.len() > self.recursion_limit {
                        return Err(self.exc_msg(
                            ExcKind::RecursionError,
                            "maximum recursion depth exceeded while getting the repr of an object",
                        ));
                    }
                    active.push(r);
                    out.push_str("deque([");
                    work.push(Piece::Leave);
                    work.push(Piece::Owned(close));
                    for (i, item) in items.into_iter().enumerate().rev() {
                        work.push(Piece::Val(item));
                        if i > 0 {
                            work.push(Piece::Text(", "));
                        }
                    }
                    continue;
                }
                HeapObj::DictView { dict, kind } => {
                    let (d, k) = (*dict, *kind);
                    let name = match k {
                        crate::object::VIEW_KEYS => "dict_keys(",
                        crate::object::VIEW_VALUES => "dict_values(",
                        _ => "dict_items(",
                    };
                    let items = crate::builtins::containers::view_items(self, d, k);
                    let l = self.new_list(items);
                    out.push_str(name);
                    work.push(Piece::Text(")"));
                    work.push(Piece::Val(l));
                    continue;
                }
                _ => {
                    let s = self.object_repr(r)?;
                    out.push_str(&s);
                    continue;
                }
            };
            if active.contains(&r) {
                out.push_str(if open == "[" { "[...]" } else { "(...)" });
                continue;
            }
            if active.len() > self.recursion_limit {
                return Err(self.exc_msg(
                    ExcKind::RecursionError,
                    "maximum recursion depth exceeded while getting the repr of an object",
                ));
            }
            active.push(r);
            out.push_str(open);
            work.push(Piece::Leave);
            work.push(Piece::Text(close));
            for (i, item) in items.into_iter().enumerate().rev() {
                work.push(Piece::Val(item));
                if i > 0 {
                    work.push(Piece::Text(", "));
                }
            }
        }
        Ok(out)
    }

    fn scalar_repr(&self, v: Value, out: &mut String) {
        match v {
            Value::Undef | Value::None => out.push_str("None"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&numfmt::float_repr(f)),
            Value::Obj(_) => {}
        }
    }

    /// Repr of a non-container heap object.
    fn object_repr(&mut self, r: ObjRef) -> Result<String, Exc> {
        let addr = 0x7f00_0000_0000u64 + (r.0 as u64) * 16;
        if self.user_text_method(Value::Obj(r), false).is_some() {
            // Callers that can run Python (print, repr, str, format, f-strings) go through the
            // prelude first; anything else gets a clean error rather than the default repr.
            return Err(
                self.exc_msg(ExcKind::NotImplementedError, "coro: a user __repr__ cannot be called from here yet")
            );
        }
        if r == self.types.not_implemented {
            return Ok("NotImplemented".into());
        }
        Ok(match self.heap.get(r) {
            HeapObj::Instance { class, .. } => match self.class(*class) {
                Some(c) => format!("<{}.{} object at 0x{addr:x}>", c.module, c.qualname),
                None => format!("<object at 0x{addr:x}>"),
            },
            HeapObj::ClassMethod(f) | HeapObj::StaticMethod(f) => {
                let kind =
                    if matches!(self.heap.get(r), HeapObj::ClassMethod(_)) { "classmethod" } else { "staticmethod" };
                let inner = self.repr_string(*f)?;
                format!("<{kind}({inner})>")
            }
            HeapObj::Property(_) => format!("<property object at 0x{addr:x}>"),
            HeapObj::Super { class, this } => {
                let (class, this) = (*class, *this);
                let c = self.repr_string(Value::Obj(class))?;
                let t = self.type_name(this);
                format!("<super: {c}, <{t} object>>")
            }
            HeapObj::Str(s) => str_repr(&s.s),
            HeapObj::BigInt(b) => match numfmt::int_to_decimal_checked(b) {
                Ok(s) => s,
                Err(_) => return Err(self.value_error(&numfmt::int_to_str_limit_message())),
            },
            HeapObj::Range { start, stop, step } => {
                if r == self.types.ellipsis {
                    "Ellipsis".to_string()
                } else if *step == 1 {
                    format!("range({start}, {stop})")
                } else {
                    format!("range({start}, {stop}, {step})")
                }
            }
            HeapObj::BigRange(br) => {
                if br[2] == num_bigint::BigInt::from(1) {
                    format!("range({}, {})", br[0], br[1])
                } else {
                    format!("range({}, {}, {})", br[0], br[1], br[2])
                }
            }
            HeapObj::Slice(parts) => {
                let parts = **parts;
                let a = self.repr_string(parts[0])?;
                let b = self.repr_string(parts[1])?;
                let c = self.repr_string(parts[2])?;
                format!("slice({a}, {b}, {c})")
            }
            HeapObj::Function(f) => format!("<function {} at 0x{addr:x}>", self.str_of(f.qualname).unwrap_or("?")),
            HeapObj::Builtin(b) => {
                if b.this.is_undef() || crate::embed::is_host_fn(b) {
                    format!("<built-in function {}>", b.name)
                } else {
                    let t = self.type_name(b.this);
                    let ta = 0x7f00_0000_0000u64 + b.this.as_obj().map(|o| o.0 as u64 * 16).unwrap_or(0);
                    format!("<built-in method {} of {t} object at 0x{ta:x}>", b.name)
                }
            }
            HeapObj::BoundMethod { func, this } => {
                let (func, this) = (*func, *this);
                let q = match func {
                    Value::Obj(fr) => match self.heap.get(fr) {
                        HeapObj::Function(f) => self.str_of(f.qualname).unwrap_or("?").to_string(),
                        _ => "?".into(),
                    },
                    _ => "?".into(),
                };
                let o = self.repr_string(this)?;
                format!("<bound method {q} of {o}>")
            }
            HeapObj::Cell(_) => format!("<cell at 0x{addr:x}>"),
            HeapObj::Code(c) => format!(
                "<code object {} at 0x{addr:x}, file \"{}\", line {}>",
                c.code.name, c.code.filename, c.code.first_line
            ),
            HeapObj::Generator(g) => match g.type_name {
                Some(t) => match self.itertools_repr(r)? {
                    Some(s) => s,
                    None => format!("<{t} object at 0x{addr:x}>"),
                },
                None => {
                    format!("<generator object {} at 0x{addr:x}>", self.str_of(Value::Obj(g.qualname)).unwrap_or("?"))
                }
            },
            HeapObj::Exception(_) => self.builtin_exc_repr(Exc(r))?,
            HeapObj::Class(c) => {
                if &*c.module == "builtins" {
                    format!("<class '{}'>", c.qualname)
                } else {
                    format!("<class '{}.{}'>", c.module, c.qualname)
                }
            }
            HeapObj::Module(_) => self.module_repr(r),
            HeapObj::Iter(_) => {
                let t = self.type_name(Value::Obj(r));
                format!("<{t} object at 0x{addr:x}>")
            }
            _ => format!("<object at 0x{addr:x}>"),
        })
    }

    /// `str(v)` as a Rust string.
    pub fn str_string(&mut self, v: Value) -> Result<String, Exc> {
        if let Value::Obj(r) = v {
            match self.heap.get(r) {
                HeapObj::Str(_) if self.specials(v) & crate::special::bits::STR != 0 => {}
                HeapObj::Str(s) => return Ok(s.s.to_string()),
                HeapObj::Exception(_) => return self.try_exc_str(Exc(r)),
                _ => {}
            }
        }
        if self.user_text_method(v, true).is_some() {
            return Err(
                self.exc_msg(ExcKind::NotImplementedError, "coro: a user __str__ cannot be called from here yet")
            );
        }
        self.repr_string(v)
    }

    pub fn to_str(&mut self, v: Value) -> Result<Value, Exc> {
        if self.str_of(v).is_some() {
            // An instance of a str subclass becomes a plain str, as in CPython.
            return Ok(crate::derived::plain_copy(self, v));
        }
        let s = self.str_string(v)?;
        Ok(self.new_string(s))
    }

    pub fn to_repr(&mut self, v: Value) -> Result<Value, Exc> {
        let s = self.repr_string(v)?;
        Ok(self.new_string(s))
    }

    pub fn to_ascii(&mut self, v: Value) -> Result<Value, Exc> {
        let s = self.repr_string(v)?;
        Ok(self.new_string(ascii_escape(&s)))
    }

    /// `format(v, spec)` for builtin values.
    pub fn format_value(&mut self, v: Value, spec: &str) -> Result<Value, Exc> {
        // A field wider than the memory limit leaves (`{:1000000000}`, or a float's
        // `.1000000000f` digits) is refused before it is built.
        if spec.len() > 5 {
            if let Ok(f) = numfmt::parse_format_spec(spec, None, "") {
                let digits = if matches!(v, Value::Float(_)) { f.precision.unwrap_or(0) } else { 0 };
                self.check_alloc(f.width.unwrap_or(0).saturating_add(digits))?;
            }
        }
        let r = match v {
            Value::Int(i) => numfmt::format_i64(i, spec),
            Value::Bool(b) if !spec.is_empty() => numfmt::format_i64(b as i64, spec),
            Value::Float(f) => numfmt::format_float(f, spec),
            Value::Obj(o) => match self.heap.get(o) {
                HeapObj::Str(s) => match numfmt::format_str(&s.s, spec) {
                    // An unchanged result is the object itself in CPython (a str subclass
                    // stays one), except for an empty spec, which means str(v).
                    Ok(out) if !spec.is_empty() && *out == *s.s => return Ok(v),
                    r => r,
                },
                HeapObj::BigInt(b) => numfmt::format_int(b, spec),
                _ => return self.format_generic(v, spec),
            },
            _ => return self.format_generic(v, spec),
        };
        match r {
            Ok(s) => Ok(self.new_string(s)),
            Err(numfmt::FmtError::Value(m)) => Err(self.value_error(&m)),
            Err(numfmt::FmtError::Overflow(m)) => Err(self.overflow_error(&m)),
            Err(numfmt::FmtError::Memory) => Err(self.memory_error()),
        }
    }

    fn format_generic(&mut self, v: Value, spec: &str) -> Result<Value, Exc> {
        if spec.is_empty() {
            return self.to_str(v);
        }
        let t = self.type_name(v);
        Err(self.type_error(&format!("unsupported format string passed to {t}.__format__")))
    }
}

/// `ascii()` of an object whose repr is `repr`: every non-ASCII char escaped.
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::new();
    for c in repr.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c);
        } else if n < 256 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// Python's repr of a string (escapes decided by Python's exact `str.isprintable`).
pub fn str_repr(s: &str) -> String {
    coro_compiler::dis::str_repr_with(s, crate::builtins::strings::py_isprintable)
}

/// The pieces of `k: v, k: v` (pushed in reverse: the work list is a stack).
fn pieces_of_pairs(work: &mut Vec<Piece>, pairs: Vec<(Value, Value)>) {
    for (i, (k, val)) in pairs.into_iter().enumerate().rev() {
        work.push(Piece::Val(val));
        work.push(Piece::Text(": "));
        work.push(Piece::Val(k));
        if i > 0 {
            work.push(Piece::Text(", "));
        }
    }
}
