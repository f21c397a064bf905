//! Special methods of user classes (`__eq__`, `__len__`, `__iter__`, `__add__`, ...): which ones
//! a class has, and the natives the prelude's Python implementations of the protocols use.
//!
//! The dispatch loop never calls a special method from Rust. When an instruction meets an
//! instance whose class defines the method it needs, it calls a prelude function (`_binary_op`,
//! `_truth`, `_iter`, ...) or the method itself as an ordinary frame, and the result comes back
//! through the frame's `Link`. The protocols' rules (reflected operands, NotImplemented, the
//! result checks and their errors) are written in Python in the prelude, as CPython's are
//! written in C.
//!
//! Each class records, when it is created, which special methods its MRO provides (a bit
//! set), so an instruction decides with one load whether it needs Python. Special methods
//! cannot be assigned to a class after it is created, so the bits never go stale.

use crate::builtins::NResult;
use crate::object::HeapObj;
use crate::value::{ObjRef, Value};
use crate::Vm;
use coro_compiler::opcode::{BinOpKind, Op};

/// Bits of `Class::specials`.
pub mod bits {
    pub const EQ: u64 = 1 << 0;
    pub const NE: u64 = 1 << 1;
    pub const LT: u64 = 1 << 2;
    pub const LE: u64 = 1 << 3;
    pub const GT: u64 = 1 << 4;
    pub const GE: u64 = 1 << 5;
    /// A user `__hash__` function.
    pub const HASH: u64 = 1 << 6;
    /// `__hash__ = None` (set implicitly by defining `__eq__` alone): instances are unhashable.
    pub const UNHASHABLE: u64 = 1 << 7;
    pub const BOOL: u64 = 1 << 8;
    pub const LEN: u64 = 1 << 9;
    pub const ITER: u64 = 1 << 10;
    pub const NEXT: u64 = 1 << 11;
    pub const GETITEM: u64 = 1 << 12;
    pub const SETITEM: u64 = 1 << 13;
    pub const DELITEM: u64 = 1 << 14;
    pub const CONTAINS: u64 = 1 << 15;
    pub const CALL: u64 = 1 << 16;
    pub const ENTER: u64 = 1 << 17;
    pub const EXIT: u64 = 1 << 18;
    pub const FORMAT: u64 = 1 << 19;
    /// Any binary, reflected or in-place arithmetic method.
    pub const NUMERIC: u64 = 1 << 20;
    /// `__neg__`, `__pos__`, `__invert__` or `__abs__`.
    pub const UNARY: u64 = 1 << 21;
    pub const STR: u64 = 1 << 22;
    pub const REPR: u64 = 1 << 23;
    /// `__new__`: calling the class runs it (`derived.rs`).
    pub const NEW: u64 = 1 << 24;
    pub const COMPARE: u64 = EQ | NE | LT | LE | GT | GE;
    /// What `str(x)` may call.
    pub const TEXT_STR: u64 = STR | REPR;
    /// What `format(x, spec)` may call.
    pub const TEXT_FORMAT: u64 = STR | REPR | FORMAT;
}

/// The special methods coro supports, with their bits. Any other `__dunder__` in a class body is
/// refused when the class is created.
pub const SPECIALS: &[(&str, u64)] = &[
    ("__eq__", bits::EQ),
    ("__ne__", bits::NE),
    ("__lt__", bits::LT),
    ("__le__", bits::LE),
    ("__gt__", bits::GT),
    ("__ge__", bits::GE),
    ("__hash__", bits::HASH),
    ("__bool__", bits::BOOL),
    ("__len__", bits::LEN),
    ("__iter__", bits::ITER),
    ("__next__", bits::NEXT),
    ("__getitem__", bits::GETITEM),
    ("__setitem__", bits::SETITEM),
    ("__delitem__", bits::DELITEM),
    ("__contains__", bits::CONTAINS),
    ("__call__", bits::CALL),
    ("__enter__", bits::ENTER),
    ("__exit__", bits::EXIT),
    ("__format__", bits::FORMAT),
    ("__str__", bits::STR),
    ("__repr__", bits::REPR),
    ("__new__", bits::NEW),
    ("__neg__", bits::UNARY),
    ("__pos__", bits::UNARY),
    ("__invert__", bits::UNARY),
    ("__abs__", bits::UNARY),
    ("__add__", bits::NUMERIC),
    ("__sub__", bits::NUMERIC),
    ("__mul__", bits::NUMERIC),
    ("__truediv__", bits::NUMERIC),
    ("__floordiv__", bits::NUMERIC),
    ("__mod__", bits::NUMERIC),
    ("__pow__", bits::NUMERIC),
    ("__lshift__", bits::NUMERIC),
    ("__rshift__", bits::NUMERIC),
    ("__and__", bits::NUMERIC),
    ("__or__", bits::NUMERIC),
    ("__xor__", bits::NUMERIC),
    ("__matmul__", bits::NUMERIC),
    ("__radd__", bits::NUMERIC),
    ("__rsub__", bits::NUMERIC),
    ("__rmul__", bits::NUMERIC),
    ("__rtruediv__", bits::NUMERIC),
    ("__rfloordiv__", bits::NUMERIC),
    ("__rmod__", bits::NUMERIC),
    ("__rpow__", bits::NUMERIC),
    ("__rlshift__", bits::NUMERIC),
    ("__rrshift__", bits::NUMERIC),
    ("__rand__", bits::NUMERIC),
    ("__ror__", bits::NUMERIC),
    ("__rxor__", bits::NUMERIC),
    ("__rmatmul__", bits::NUMERIC),
    ("__iadd__", bits::NUMERIC),
    ("__isub__", bits::NUMERIC),
    ("__imul__", bits::NUMERIC),
    ("__itruediv__", bits::NUMERIC),
    ("__ifloordiv__", bits::NUMERIC),
    ("__imod__", bits::NUMERIC),
    ("__ipow__", bits::NUMERIC),
    ("__ilshift__", bits::NUMERIC),
    ("__irshift__", bits::NUMERIC),
    ("__iand__", bits::NUMERIC),
    ("__ior__", bits::NUMERIC),
    ("__ixor__", bits::NUMERIC),
    ("__imatmul__", bits::NUMERIC),
];

/// Index of a comparison in the prelude's tables (CPython's order: `<`, `<=`, `==`, `!=`, `>`,
/// `>=`).
pub fn compare_index(op: Op) -> i64 {
    match op {
        Op::Lt => 0,
        Op::Le => 1,
        Op::Eq => 2,
        Op::Ne => 3,
        Op::Gt => 4,
        _ => 5,
    }
}

fn compare_op_of(i: i64) -> Op {
    match i {
        0 => Op::Lt,
        1 => Op::Le,
        2 => Op::Eq,
        3 => Op::Ne,
        4 => Op::Gt,
        _ => Op::Ge,
    }
}

impl Vm {
    /// The special-method bits of `v`'s class when `v` is an instance of a user class (or a user
    /// exception); 0 for everything else.
    #[inline]
    pub(crate) fn specials(&self, v: Value) -> u64 {
        let Value::Obj(r) = v else { return 0 };
        let cls = match self.heap.get(r) {
            HeapObj::Instance { class, .. } => *class,
            HeapObj::Exception(e) => e.class,
            HeapObj::Class(c) => match c.metaclass {
                Some(m) => m,
                None => return 0,
            },
            _ if self.heap.derived.is_empty() => return 0,
            _ => return self.derived_specials(v),
        };
        match self.heap.get(cls) {
            HeapObj::Class(c) => c.specials,
            _ => 0,
        }
    }

    /// Whether iterating `v` takes Python: its class defines `__iter__`, or `__getitem__` (the
    /// old sequence protocol) without a builtin base, whose own iteration comes first.
    #[inline]
    pub(crate) fn iterates_in_python(&self, v: Value) -> bool {
        let s = self.specials(v);
        s & bits::ITER != 0 || (s & bits::GETITEM != 0 && self.derived(v).is_none())
    }

    /// Whether `x in v` takes Python: `__contains__`, or iteration in Python; a builtin base's
    /// own `__contains__` comes before a subclass's `__iter__` or `__getitem__`.
    #[inline]
    pub(crate) fn contains_in_python(&self, v: Value) -> bool {
        let s = self.specials(v);
        s & bits::CONTAINS != 0 || (s & (bits::ITER | bits::GETITEM) != 0 && self.derived(v).is_none())
    }

    /// Whether either operand's class defines any of `mask`.
    #[inline]
    pub(crate) fn either_has(&self, a: Value, b: Value, mask: u64) -> bool {
        (self.specials(a) | self.specials(b)) & mask != 0
    }

    /// The `__getitem__`/`__setitem__`/`__delitem__` method for `c[k]` when `c` has it.
    #[inline]
    pub(crate) fn item_method(&mut self, c: Value, bit: u64, name: &str) -> Option<Value> {
        if self.specials(c) & bit == 0 {
            return None;
        }
        self.special_method(c, name)
    }

    /// The `__class_getitem__` a user class `c` has (for `c[k]`), if any.
    pub(crate) fn class_getitem(&mut self, c: Value) -> Option<Value> {
        let Value::Obj(r) = c else { return None };
        if !self.is_user_class(r) {
            return None;
        }
        let key = self.intern("__class_getitem__");
        self.class_lookup(r, key)
    }

    /// Whether a comparison needs the prelude: an operand with comparison methods, or two
    /// lists (or tuples, or deques) holding one, whose items must be compared in Python.
    pub(crate) fn compare_needs_python(&self, a: Value, b: Value) -> bool {
        if self.either_has(a, b, bits::COMPARE) {
            return true;
        }
        let (Value::Obj(ra), Value::Obj(rb)) = (a, b) else { return false };
        let same_sequences = matches!(
            (self.heap.get(ra), self.heap.get(rb)),
            (HeapObj::List(_), HeapObj::List(_))
                | (HeapObj::Tuple(_), HeapObj::Tuple(_))
                | (HeapObj::Deque(_), HeapObj::Deque(_))
        );
        same_sequences && (self.compares_in_python(a) || self.compares_in_python(b))
    }

    /// A traceback object for `__exit__`: an instance of the builtin `traceback` class, so it
    /// prints and compares as CPython's do; reading its frames is not supported yet.
    pub(crate) fn new_traceback(&mut self) -> Value {
        Value::Obj(self.new_instance(self.types.traceback))
    }

    /// Whether looking for `x` among `items` with `==` may run a user `__eq__`.
    pub(crate) fn eq_in_python(&self, items: &[Value], x: Value) -> bool {
        self.specials(x) & bits::EQ != 0 || items.iter().any(|v| self.specials(*v) & bits::EQ != 0)
    }

    /// Whether comparing `v` with `<` may run Python: it has comparison methods, or it is a
    /// list or tuple holding such an item.
    pub(crate) fn compares_in_python(&self, v: Value) -> bool {
        if self.specials(v) & bits::COMPARE != 0 {
            return true;
        }
        let Value::Obj(r) = v else { return false };
        match self.heap.get(r) {
            HeapObj::List(items) => items.iter().any(|x| self.specials(*x) & bits::COMPARE != 0),
            HeapObj::Tuple(items) => items.iter().any(|x| self.specials(*x) & bits::COMPARE != 0),
            HeapObj::Deque(_) => self.deque_compares_in_python(v),
            _ => false,
        }
    }

    /// The bits a class with this MRO has: for each special name, the first class of the MRO
    /// whose dict defines it decides (None for `__hash__` means unhashable).
    pub(crate) fn compute_specials(&mut self, mro: &[ObjRef]) -> u64 {
        let mut out = 0;
        for (name, bit) in SPECIALS {
            let key = self.intern(name);
            for k in mro {
                let Some(c) = self.class(*k) else { continue };
                if !c.heap_type {
                    if crate::derived::native_specials(c.kind) & bit != 0 {
                        // The builtin base's own method comes first (`derived.rs`).
                        break;
                    }
                    continue;
                }
                let dict = c.dict;
                if let Some(v) = self.dict_get_str(dict, key) {
                    if v.is_none() {
                        if *bit == bits::HASH {
                            out |= bits::UNHASHABLE;
                        }
                    } else {
                        out |= bit;
                    }
                    break;
                }
            }
        }
        out
    }

    /// The object's `__iter__` when it is a generator function (`def __iter__(self): yield ...`):
    /// calling it makes a generator, which needs none of the protocol's result checks.
    pub(crate) fn generator_iter_method(&mut self, v: Value) -> Option<Value> {
        // An instance's class keeps the answer (a scheduler asks it at every `yield from
        // future`; the lookup was 114 instructions).
        let Value::Obj(r) = v else { return None };
        let class = match self.heap.get(r) {
            HeapObj::Instance { class, .. } => Some(*class),
            _ => None,
        };
        let epoch = crate::dict::class_epoch();
        if let Some(HeapObj::Class(c)) = class.map(|c| self.heap.get(c)) {
            let (at, m) = c.iter_cache.get();
            if at == epoch {
                return (!m.is_undef()).then_some(m);
            }
        }
        let found = self.special_method_key(v, self.iter_name, "__iter__").filter(|m| {
            matches!(m, Value::Obj(f) if matches!(self.heap.get(*f), HeapObj::Function(func) if func.code.code.flags.generator))
        });
        if let Some(HeapObj::Class(c)) = class.map(|c| self.heap.get(c)) {
            c.iter_cache.set((epoch, found.unwrap_or(Value::Undef)));
        }
        found
    }

    /// The special method `name` of `v`'s user class, unbound; None when the class (or an
    /// object that is not a user instance) has none.
    pub(crate) fn special_method(&mut self, v: Value, name: &str) -> Option<Value> {
        // Most values (ints, strs, lists) have no user class: no name to intern.
        let cls = self.user_class_of(v)?;
        let key = self.intern(name);
        self.special_lookup(cls, key, name)
    }

    /// `special_method` with the name already interned (`key`).
    pub(crate) fn special_method_key(&mut self, v: Value, key: Value, name: &str) -> Option<Value> {
        let cls = self.user_class_of(v)?;
        self.special_lookup(cls, key, name)
    }

    /// The class whose special methods apply to `v` when it can have user ones: a user
    /// instance's or exception's class, a class's metaclass, a derived object's class.
    fn user_class_of(&self, v: Value) -> Option<ObjRef> {
        let Value::Obj(r) = v else { return None };
        Some(match self.heap.get(r) {
            HeapObj::Instance { class, .. } => *class,
            HeapObj::Exception(e) => e.class,
            HeapObj::Class(c) => c.metaclass?,
            _ => self.derived(v)?.class,
        })
    }

    /// Special method `name` (interned as `key`) in `cls`'s MRO, through the class cache.
    fn special_lookup(&mut self, cls: ObjRef, key: Value, name: &str) -> Option<Value> {
        let Value::Obj(n) = key else { return None };
        let found = self.cached_class_lookup(cls, ObjRef(n.0 | crate::types::SPECIAL_KEY), |vm| {
            for &k in &vm.class(cls)?.mro {
                let Some(c) = vm.class(k) else { continue };
                if !c.heap_type {
                    let native = crate::derived::native_specials(c.kind);
                    if native != 0 && SPECIALS.iter().any(|(n, b)| *n == name && native & b != 0) {
                        // The builtin base's own method comes first (`derived.rs`).
                        return None;
                    }
                    continue;
                }
                if let Some(m) = vm.dict_get_str(c.dict, key) {
                    return Some(m);
                }
            }
            None
        });
        found.filter(|m| !m.is_none())
    }
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::None)
}

fn int_arg(args: &[Value], i: usize) -> i64 {
    match arg(args, i) {
        Value::Int(n) => n,
        _ => 0,
    }
}

/// `_special(obj, name)`: the unbound special method of obj's user class, or None.
fn special_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let name = vm.str_of(arg(args, 1)).unwrap_or("").to_string();
    Ok(vm.special_method(arg(args, 0), &name).unwrap_or(Value::None).into())
}

/// `_binary_native(a, b, kind)`: the builtin operation (its TypeError names both types).
fn binary_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let kind = BinOpKind::from_u32(int_arg(args, 2) as u32).unwrap_or(BinOpKind::Add);
    let (a, b) = (arg(args, 0), arg(args, 1));
    if kind == BinOpKind::Mod && vm.str_of(a).is_some() {
        // `%`-formatting, which may need the prelude to run user methods.
        return crate::builtins::percent::percent_call(vm, a, b);
    }
    Ok(vm.binary_op(kind, a, b)?.into())
}

/// `_inplace_native(a, b, kind)`.
fn inplace_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let kind = BinOpKind::from_u32(int_arg(args, 2) as u32).unwrap_or(BinOpKind::Add);
    Ok(vm.inplace_op(kind, arg(args, 0), arg(args, 1))?.into())
}

/// `_compare_native(a, b, index)`: identity for `==`/`!=`, CPython's TypeError for orderings.
fn compare_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let (a, b) = (arg(args, 0), arg(args, 1));
    match compare_op_of(int_arg(args, 2)) {
        Op::Eq => Ok(Value::Bool(a.is(b)).into()),
        Op::Ne => Ok(Value::Bool(!a.is(b)).into()),
        op => {
            // Only reached with a user instance on one side: no ordering exists.
            let sym = match op {
                Op::Lt => "<",
                Op::Le => "<=",
                Op::Gt => ">",
                _ => ">=",
            };
            let (ta, tb) = (vm.type_name(a), vm.type_name(b));
            Err(vm.type_error(&format!("'{sym}' not supported between instances of '{ta}' and '{tb}'")))
        }
    }
}

/// `_unary_native(a, index)`: `-a`, `+a`, `~a` for builtin values (bad operand errors).
fn unary_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let op = match int_arg(args, 1) {
        0 => Op::Neg,
        1 => Op::Pos,
        _ => Op::Invert,
    };
    Ok(vm.unary_op(op, arg(args, 0))?.into())
}

/// `_len_result(n)`: checks what `__len__` returned, as CPython does.
fn len_result(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let n = arg(args, 0);
    match n {
        Value::Int(i) if i >= 0 => Ok(Value::Int(i).into()),
        Value::Bool(b) => Ok(Value::Int(b as i64).into()),
        Value::Int(_) => Err(vm.value_error("__len__() should return >= 0")),
        Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::BigInt(_)) => {
            let negative = matches!(vm.heap.get(r), HeapObj::BigInt(b) if b.sign() == num_bigint::Sign::Minus);
            if negative {
                Err(vm.value_error("__len__() should return >= 0"))
            } else {
                Err(vm.exc_msg(crate::types::ExcKind::OverflowError, "cannot fit 'int' into an index-sized integer"))
            }
        }
        _ => {
            let t = vm.type_name(n);
            Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

/// `_is_iterator(x)`: whether `next()` can advance x (a native iterator, a generator, or an
/// instance whose class has `__next__`).
fn is_iterator(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let x = arg(args, 0);
    let native = matches!(x, Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::Iter(_) | HeapObj::Generator(_)));
    Ok(Value::Bool(native || vm.specials(x) & bits::NEXT != 0).into())
}

/// `_hash_result(h)`: the hash of what `__hash__` returned (CPython reduces big ints).
fn hash_result(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let h = arg(args, 0);
    let is_int = match h {
        Value::Int(_) | Value::Bool(_) => true,
        Value::Obj(r) => matches!(vm.heap.get(r), HeapObj::BigInt(_)),
        _ => false,
    };
    if !is_int {
        return Err(vm.type_error("__hash__ method should return an integer"));
    }
    // A result that fits a machine word is the hash itself (-1 is reserved for errors in
    // CPython, so it becomes -2); a bigger int is hashed.
    let v = match h {
        Value::Int(-1) => -2,
        Value::Int(n) => n,
        Value::Bool(b) => b as i64,
        _ => vm.hash(h)? as i64,
    };
    Ok(Value::Int(v).into())
}

/// Hidden natives the prelude's special-method protocols call.
pub(crate) const SPECIAL_NATIVES: &[(&str, crate::object::NativeFn)] = &[
    ("_special", special_native),
    ("_binary_native", binary_native),
    ("_inplace_native", inplace_native),
    ("_compare_native", compare_native),
    ("_unary_native", unary_native),
    ("_len_result", len_result),
    ("_is_iterator", is_iterator),
    ("_hash_result", hash_result),
];
