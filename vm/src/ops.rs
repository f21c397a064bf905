//! Operators on builtin values: arithmetic (ints promote to big ints instead of overflowing),
//! comparisons and equality (iterative, so self-referential and deeply nested containers are
//! safe), truthiness, membership, subscripts and slices, and iteration of the native iterators.

use crate::dict;
use crate::object::{HeapObj, IterState};
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{numfmt, Exc, Vm};
use coro_compiler::opcode::{BinOpKind, Op};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Big ints that fit in i64 become inline ints (coro never keeps a small BigInt).
pub fn normalize_bigint(vm: &mut Vm, n: BigInt) -> Value {
    match n.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::Obj(vm.heap.alloc(HeapObj::BigInt(Box::new(n)))),
    }
}

/// Largest result, in bits, that arithmetic may build before raising MemoryError; keeps a
/// script from exhausting the host with `1 << 2**40` or `10**10**10`.
const MAX_INT_BITS: u64 = 1 << 32;

enum Num {
    I(BigInt),
    F(f64),
}

/// The longest range whose items are materialised at once; longer ones are iterated.
const RANGE_ITEMS_MAX: usize = 100_000_000;

impl Vm {
    /// The int value of an int/bool/BigInt, as a BigInt.
    pub fn to_bigint(&self, v: Value) -> Option<BigInt> {
        match v {
            Value::Int(i) => Some(BigInt::from(i)),
            Value::Bool(b) => Some(BigInt::from(b as i64)),
            Value::Obj(r) => match self.heap.get(r) {
                HeapObj::BigInt(b) => Some((**b).clone()),
                _ => None,
            },
            _ => None,
        }
    }

    fn to_num(&self, v: Value) -> Option<Num> {
        match v {
            Value::Float(f) => Some(Num::F(f)),
            _ => self.to_bigint(v).map(Num::I),
        }
    }

    /// The value of an int that fits in i64, including an instance of an int subclass (a heap
    /// int even when small).
    pub fn small_int(&self, v: Value) -> Option<i64> {
        match v {
            Value::Int(i) => Some(i),
            Value::Bool(b) => Some(b as i64),
            Value::Obj(r) => match self.heap.get(r) {
                HeapObj::BigInt(b) => b.to_i64(),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn is_int(&self, v: Value) -> bool {
        match v {
            Value::Int(_) | Value::Bool(_) => true,
            Value::Obj(r) => matches!(self.heap.get(r), HeapObj::BigInt(_)),
            _ => false,
        }
    }

    /// A float from an int or float value (OverflowError for huge ints).
    pub fn to_f64(&mut self, v: Value) -> Result<Option<f64>, Exc> {
        Ok(match v {
            Value::Float(f) => Some(f),
            Value::Int(i) => Some(i as f64),
            Value::Bool(b) => Some(b as i64 as f64),
            Value::Obj(r) => match self.heap.get(r) {
                HeapObj::BigInt(b) => match numfmt::bigint_to_f64(b) {
                    Some(f) => Some(f),
                    None => return Err(self.overflow_error("int too large to convert to float")),
                },
                _ => None,
            },
            _ => None,
        })
    }

    /// An index (`__index__`): ints and bools; `what` names the argument for big-int overflow.
    pub fn to_index(&mut self, v: Value, _what: &str) -> Result<i64, Exc> {
        match v {
            Value::Int(i) => Ok(i),
            Value::Bool(b) => Ok(b as i64),
            Value::Obj(r) if matches!(self.heap.get(r), HeapObj::BigInt(_)) => match self.small_int(v) {
                Some(i) => Ok(i),
                None => Err(self.exc_msg(ExcKind::IndexError, "cannot fit 'int' into an index-sized integer")),
            },
            _ => {
                let t = self.type_name(v);
                Err(self.type_error(&format!("'{t}' object cannot be interpreted as an integer")))
            }
        }
    }

    fn unsupported(&mut self, sym: &str, a: Value, b: Value) -> Exc {
        // CPython names both spellings of power in its message.
        let sym = if sym == "**" { "** or pow()" } else { sym };
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        self.type_error(&format!("unsupported operand type(s) for {sym}: '{ta}' and '{tb}'"))
    }

    pub fn binary_op(&mut self, kind: BinOpKind, a: Value, b: Value) -> Result<Value, Exc> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            if let Some(v) = self.int_fast(kind, x, y)? {
                return Ok(v);
            }
        }
        if let (Some(x), Some(y)) = (self.to_num(a), self.to_num(b)) {
            return self.numeric(kind, x, y, a, b);
        }
        self.sequence_op(kind, a, b)
    }

    fn int_fast(&mut self, kind: BinOpKind, x: i64, y: i64) -> Result<Option<Value>, Exc> {
        Ok(match kind {
            BinOpKind::Add => x.checked_add(y).map(Value::Int),
            BinOpKind::Sub => x.checked_sub(y).map(Value::Int),
            BinOpKind::Mul => x.checked_mul(y).map(Value::Int),
            BinOpKind::FloorDiv => {
                if y == 0 {
                    return Err(self.zero_division("integer division or modulo by zero"));
                }
                x.checked_div_euclid(y).map(|_| Value::Int(Integer::div_floor(&x, &y)))
            }
            BinOpKind::Mod => {
                if y == 0 {
                    return Err(self.zero_division("integer modulo by zero"));
                }
                x.checked_rem(y).map(|_| Value::Int(x.mod_floor(&y)))
            }
            BinOpKind::And => Some(Value::Int(x & y)),
            BinOpKind::Or => Some(Value::Int(x | y)),
            BinOpKind::Xor => Some(Value::Int(x ^ y)),
            BinOpKind::RShift if y >= 0 => Some(Value::Int(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            })),
            BinOpKind::LShift if (0..63).contains(&y) => {
                let r = x.checked_shl(y as u32).filter(|r| r >> y == x);
                r.map(Value::Int)
            }
            _ => None,
        })
    }

    fn numeric(&mut self, kind: BinOpKind, x: Num, y: Num, a: Value, b: Value) -> Result<Value, Exc> {
        match (x, y) {
            (Num::I(x), Num::I(y)) => self.bigint_op(kind, x, y, a, b),
            (x, y) => {
                let fx = match x {
                    Num::F(f) => f,
                    Num::I(i) => match numfmt::bigint_to_f64(&i) {
                        Some(f) => f,
                        None => return Err(self.overflow_error("int too large to convert to float")),
                    },
                };
                let fy = match y {
                    Num::F(f) => f,
                    Num::I(i) => match numfmt::bigint_to_f64(&i) {
                        Some(f) => f,
                        None => return Err(self.overflow_error("int too large to convert to float")),
                    },
                };
                self.float_op(kind, fx, fy, a, b)
            }
        }
    }

    fn float_op(&mut self, kind: BinOpKind, x: f64, y: f64, a: Value, b: Value) -> Result<Value, Exc> {
        Ok(Value::Float(match kind {
            BinOpKind::Add => x + y,
            BinOpKind::Sub => x - y,
            BinOpKind::Mul => x * y,
            BinOpKind::TrueDiv => {
                if y == 0.0 {
                    return Err(self.zero_division("float division by zero"));
                }
                x / y
            }
            BinOpKind::FloorDiv => {
                if y == 0.0 {
                    return Err(self.zero_division("float floor division by zero"));
                }
                numfmt::float_floordiv_mod(x, y).0
            }
            BinOpKind::Mod => {
                if y == 0.0 {
                    return Err(self.zero_division("float modulo"));
                }
                numfmt::float_floordiv_mod(x, y).1
            }
            BinOpKind::Pow => {
                if x == 0.0 && y < 0.0 {
                    return Err(self.zero_division("0.0 cannot be raised to a negative power"));
                }
                if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                    return Err(self.value_error("complex results are not supported"));
                }
                let r = x.powf(y);
                if r.is_infinite() && x.is_finite() && y.is_finite() {
                    return Err(self.exc_msg(ExcKind::OverflowError, "(34, 'Numerical result out of range')"));
                }
                r
            }
            _ => return Err(self.unsupported(kind.symbol(), a, b)),
        }))
    }

    /// MemoryError, before computing it, for an int of `bits` bits that is past
    /// `MAX_INT_BITS` or would not fit under the memory limit.
    fn check_int_bits(&mut self, bits: u64) -> Result<(), Exc> {
        if bits > MAX_INT_BITS {
            return Err(self.memory_error());
        }
        self.check_alloc((bits / 8) as usize)
    }

    fn bigint_op(&mut self, kind: BinOpKind, x: BigInt, y: BigInt, a: Value, b: Value) -> Result<Value, Exc> {
        let r = match kind {
            BinOpKind::Add => x + y,
            BinOpKind::Sub => x - y,
            BinOpKind::Mul => {
                self.check_int_bits(x.bits() + y.bits())?;
                x * y
            }
            BinOpKind::TrueDiv => {
                if y.is_zero() {
                    return Err(self.zero_division("division by zero"));
                }
                return match numfmt::int_true_div(&x, &y) {
                    Ok(f) => Ok(Value::Float(f)),
                    Err(e) => Err(match e {
                        numfmt::DivError::ZeroDivision => self.zero_division(e.message()),
                        numfmt::DivError::Overflow => self.overflow_error(e.message()),
                    }),
                };
            }
            BinOpKind::FloorDiv => {
                if y.is_zero() {
                    return Err(self.zero_division("integer division or modulo by zero"));
                }
                x.div_floor(&y)
            }
            BinOpKind::Mod => {
                if y.is_zero() {
                    return Err(self.zero_division("integer modulo by zero"));
                }
                x.mod_floor(&y)
            }
            BinOpKind::Pow => {
                if y.is_negative() {
                    let fx = self.to_f64(a)?.unwrap_or(0.0);
                    let fy = self.to_f64(b)?.unwrap_or(0.0);
                    return self.float_op(BinOpKind::Pow, fx, fy, a, b);
                }
                let Some(e) = y.to_u32() else {
                    if x.is_zero() || x.is_one() {
                        return Ok(normalize_bigint(self, x));
                    }
                    if x == BigInt::from(-1) {
                        return Ok(Value::Int(if y.is_even() { 1 } else { -1 }));
                    }
                    return Err(self.memory_error());
                };
                if x.is_zero() || x.is_one() || x == BigInt::from(-1) {
                    return Ok(normalize_bigint(self, num_traits::pow(x, e as usize)));
                }
                self.check_int_bits(x.bits().saturating_mul(e as u64))?;
                num_traits::pow(x, e as usize)
            }
            BinOpKind::LShift => {
                if y.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                if x.is_zero() {
                    return Ok(Value::Int(0));
                }
                let Some(s) = y.to_u64() else { return Err(self.memory_error()) };
                self.check_int_bits(x.bits().saturating_add(s))?;
                x << s
            }
            BinOpKind::RShift => {
                if y.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                match y.to_u64() {
                    Some(s) if s < x.bits() + 1 => x >> s,
                    _ => BigInt::from(if x.is_negative() { -1 } else { 0 }),
                }
            }
            BinOpKind::And | BinOpKind::Or | BinOpKind::Xor => {
                let r = match kind {
                    BinOpKind::And => x & y,
                    BinOpKind::Or => x | y,
                    _ => x ^ y,
                };
                if let (Value::Bool(_), Value::Bool(_)) = (a, b) {
                    return Ok(Value::Bool(!r.is_zero()));
                }
                r
            }
            BinOpKind::MatMul => return Err(self.unsupported("@", a, b)),
        };
        Ok(normalize_bigint(self, r))
    }

    fn sequence_op(&mut self, kind: BinOpKind, a: Value, b: Value) -> Result<Value, Exc> {
        let is_seq = |vm: &Vm, v: Value| matches!(v, Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::Str(_) | HeapObj::List(_) | HeapObj::Tuple(_) | HeapObj::Deque(_)));
        if kind == BinOpKind::Mul && is_seq(self, b) && !is_seq(self, a) && !self.is_int(a) {
            // `x * seq` with a non-int x: the sequence's repeat rejects x.
            let t = self.type_name(a);
            return Err(self.type_error(&format!("can't multiply sequence by non-int of type '{t}'")));
        }
        if kind == BinOpKind::Mul && is_seq(self, b) && self.is_int(a) && matches!(a, Value::Obj(_)) {
            // `n * seq` with n a heap int (an int subclass instance).
            return self.sequence_op(kind, b, a);
        }
        let (Value::Obj(ra), rb) = (a, b) else {
            if let (BinOpKind::Mul, Value::Obj(_)) = (kind, b) {
                if self.is_int(a) {
                    return self.sequence_op(kind, b, a);
                }
            }
            return Err(self.unsupported(kind.symbol(), a, b));
        };
        match (kind, self.heap.get(ra)) {
            (BinOpKind::Add, HeapObj::Str(x)) => {
                let Some(y) = self.str_of(rb) else {
                    let t = self.type_name(rb);
                    return Err(self.type_error(&format!("can only concatenate str (not \"{t}\") to str")));
                };
                let n = x.s.len() + y.len();
                if n > self.heap.room() {
                    return Err(self.memory_error());
                }
                let mut s = String::with_capacity(n);
                s.push_str(&x.s);
                s.push_str(y);
                Ok(self.new_string(s))
            }
            (BinOpKind::Add, HeapObj::List(x)) => {
                let Value::Obj(r2) = rb else {
                    return Err(self.concat_error("list", rb));
                };
                let HeapObj::List(y) = self.heap.get(r2) else {
                    return Err(self.concat_error("list", rb));
                };
                let mut v = x.clone();
                v.extend_from_slice(y);
                Ok(self.new_list(v))
            }
            (BinOpKind::Add, HeapObj::Tuple(x)) => {
                let Value::Obj(r2) = rb else {
                    return Err(self.concat_error("tuple", rb));
                };
                let HeapObj::Tuple(y) = self.heap.get(r2) else {
                    return Err(self.concat_error("tuple", rb));
                };
                let mut v = x.to_vec();
                v.extend_from_slice(y);
                Ok(self.new_tuple(v))
            }
            (BinOpKind::Add, HeapObj::Deque(_)) => self.deque_concat(ra, rb),
            (BinOpKind::Mul, HeapObj::Str(_) | HeapObj::List(_) | HeapObj::Tuple(_) | HeapObj::Deque(_)) => {
                if !self.is_int(rb) {
                    if let (Value::Obj(_), false) = (rb, self.is_int(rb)) {
                        let t = self.type_name(rb);
                        let ta = self.type_name(a);
                        return Err(self.type_error(
                            &format!("can't multiply sequence by non-int of type '{t}'").replace("{ta}", &ta),
                        ));
                    }
                    let t = self.type_name(rb);
                    return Err(self.type_error(&format!("can't multiply sequence by non-int of type '{t}'")));
                }
                let n = match rb {
                    Value::Int(n) => n,
                    Value::Bool(b) => b as i64,
                    _ => match self.small_int(rb) {
                        Some(n) => n,
                        None => return Err(self.overflow_error("cannot fit 'int' into an index-sized integer")),
                    },
                };
                self.repeat(ra, n)
            }
            (BinOpKind::Mod, HeapObj::Str(_)) => crate::builtins::percent::percent_format(self, a, b),
            (BinOpKind::Or | BinOpKind::And | BinOpKind::Sub | BinOpKind::Xor, HeapObj::Set(_)) => {
                crate::builtins::sets::set_binop(self, kind, a, b)
            }
            (BinOpKind::Or, HeapObj::Dict(_)) => crate::builtins::containers::dict_or(self, a, b),
            _ => Err(self.unsupported(kind.symbol(), a, b)),
        }
    }

    fn concat_error(&mut self, what: &str, b: Value) -> Exc {
        let t = self.type_name(b);
        self.type_error(&format!("can only concatenate {what} (not \"{t}\") to {what}"))
    }

    fn repeat(&mut self, r: ObjRef, n: i64) -> Result<Value, Exc> {
        if let HeapObj::Deque(_) = self.heap.get(r) {
            return self.deque_repeat(r, n);
        }
        let n = n.max(0) as usize;
        // CPython refuses a string whose length (in characters) would not fit an index-sized
        // integer as an OverflowError; any other result too big to make is a MemoryError.
        if let HeapObj::Str(s) = self.heap.get(r) {
            if (s.chars as usize).checked_mul(n).is_none_or(|len| len > isize::MAX as usize) {
                return Err(self.overflow_error("repeated string is too long"));
            }
        }
        let unit = match self.heap.get(r) {
            HeapObj::Str(s) => s.s.len(),
            HeapObj::List(l) => l.len() * 16,
            HeapObj::Tuple(t) => t.len() * 16,
            _ => 0,
        };
        // Refused before allocating: more than the memory limit leaves (or 16 GiB), or more than
        // the system will give (a failed allocation is a MemoryError, not an abort).
        self.check_alloc(unit.saturating_mul(n))?;
        enum Repeated {
            Str(String),
            List(Vec<Value>),
            Tuple(Vec<Value>),
        }
        let repeated = match self.heap.get(r) {
            HeapObj::Str(s) => {
                let total = s.s.len() * n;
                let mut out = String::new();
                out.try_reserve_exact(total).ok().map(|()| {
                    // One copy, then doubling: a few large copies however big `n` is.
                    if n > 0 {
                        out.push_str(&s.s);
                    }
                    while out.len() < total {
                        out.extend_from_within(..out.len().min(total - out.len()));
                    }
                    Repeated::Str(out)
                })
            }
            HeapObj::List(l) => repeat_values(l, n).map(Repeated::List),
            HeapObj::Tuple(t) => repeat_values(t, n).map(Repeated::Tuple),
            _ => return Ok(Value::None),
        };
        Ok(match repeated {
            None => return Err(self.memory_error()),
            Some(Repeated::Str(s)) => self.new_string(s),
            Some(Repeated::List(v)) => self.new_list(v),
            Some(Repeated::Tuple(v)) => self.new_tuple(v),
        })
    }

    /// `a op= b`: lists and sets change in place, everything else is `a op b`.
    pub fn inplace_op(&mut self, kind: BinOpKind, a: Value, b: Value) -> Result<Value, Exc> {
        if let Value::Obj(r) = a {
            match (kind, self.heap.get(r)) {
                (BinOpKind::Add, HeapObj::List(_)) => {
                    let items = match self.items_of(b)? {
                        Some(items) => items,
                        None => {
                            let t = self.type_name(b);
                            return Err(self.type_error(&format!("'{t}' object is not iterable")));
                        }
                    };
                    if let HeapObj::List(l) = self.heap.get_mut(r) {
                        l.extend(items);
                    }
                    return Ok(a);
                }
                (BinOpKind::Mul, HeapObj::List(l)) => {
                    let n = match b {
                        Value::Int(n) => n.max(0) as usize,
                        Value::Bool(x) => x as usize,
                        _ => return self.binary_op(kind, a, b),
                    };
                    let len = l.len();
                    self.check_items(len.saturating_mul(n))?;
                    let HeapObj::List(l) = self.heap.get(r) else { return Ok(a) };
                    let v = l.repeat(n);
                    if let HeapObj::List(l) = self.heap.get_mut(r) {
                        *l = v;
                    }
                    return Ok(a);
                }
                (BinOpKind::Or | BinOpKind::And | BinOpKind::Sub | BinOpKind::Xor, HeapObj::Set(_)) => {
                    crate::builtins::sets::set_inplace(self, kind, r, b)?;
                    return Ok(a);
                }
                (BinOpKind::Add, HeapObj::Deque(_)) => {
                    if !self.deque_extend_native(r, b)? {
                        // Reached only from a native (`operator.iadd`); `+=` on a generator
                        // goes through the prelude's `_inplace_extend`.
                        return Err(self.exc_msg(
                            ExcKind::NotImplementedError,
                            "coro: deque += an iterable that is not a builtin sequence is not supported here yet",
                        ));
                    }
                    return Ok(a);
                }
                (BinOpKind::Mul, HeapObj::Deque(_)) => {
                    let n = match b {
                        Value::Int(n) => n,
                        Value::Bool(x) => x as i64,
                        _ => return self.binary_op(kind, a, b),
                    };
                    self.deque_repeat_in_place(r, n)?;
                    return Ok(a);
                }
                _ => {}
            }
        }
        self.binary_op(kind, a, b).map_err(|e| {
            // The error names the augmented operator: "for +=:".
            const PREFIX: &str = "unsupported operand type(s) for ";
            let s = self.exc_str(e);
            match s.strip_prefix(PREFIX).and_then(|rest| rest.split_once(':')) {
                Some((_, types)) if self.exc_is(e, ExcKind::TypeError) => {
                    let fixed = format!("{PREFIX}{}=:{types}", kind.symbol());
                    self.type_error(&fixed)
                }
                _ => e,
            }
        })
    }

    pub fn unary_op(&mut self, op: Op, a: Value) -> Result<Value, Exc> {
        let name = match op {
            Op::Neg => "-",
            Op::Pos => "+",
            _ => "~",
        };
        match a {
            Value::Float(f) => match op {
                Op::Neg => Ok(Value::Float(-f)),
                Op::Pos => Ok(a),
                _ => Err(self.type_error("bad operand type for unary ~: 'float'")),
            },
            _ => match self.to_bigint(a) {
                Some(n) => {
                    let r = match op {
                        Op::Neg => -n,
                        Op::Pos => n,
                        _ => !n,
                    };
                    Ok(normalize_bigint(self, r))
                }
                None => {
                    let t = self.type_name(a);
                    Err(self.type_error(&format!("bad operand type for unary {name}: '{t}'")))
                }
            },
        }
    }

    /// Truth value of a builtin value.
    pub fn truthy(&mut self, v: Value) -> Result<bool, Exc> {
        Ok(match v {
            Value::Undef | Value::None => false,
            Value::Bool(b) => b,
            Value::Int(i) => i != 0,
            Value::Float(f) => f != 0.0,
            Value::Obj(r) => match self.heap.get(r) {
                HeapObj::Str(s) => !s.s.is_empty(),
                // Only an int subclass's value can be a small (or zero) heap int.
                HeapObj::BigInt(b) => !b.is_zero(),
                HeapObj::List(l) => !l.is_empty(),
                HeapObj::Deque(d) => !d.items.is_empty(),
                HeapObj::Tuple(t) => !t.is_empty(),
                HeapObj::Dict(d) => !d.is_empty(),
                HeapObj::Set(t) => !t.is_empty(),
                HeapObj::Range { start, stop, step } => crate::builtins::range_len(*start, *stop, *step) > 0,
                HeapObj::BigRange(br) => !crate::builtins::big_range_len(br).is_zero(),
                HeapObj::DictView { dict, .. } => match self.heap.get(*dict) {
                    HeapObj::Dict(d) => !d.is_empty(),
                    _ => false,
                },
                _ => true,
            },
        })
    }

    /// `==` for builtin values, without native recursion (an explicit work list walks nested
    /// containers; identical objects are equal without looking inside, as in CPython). Nesting
    /// deeper than the recursion limit is CPython's RecursionError, so comparing two
    /// self-containing lists stops there instead of walking 50 million levels.
    pub fn values_equal(&mut self, a: Value, b: Value) -> Result<bool, Exc> {
        if !matches!((a, b), (Value::Obj(_), Value::Obj(_))) {
            return Ok(dict::keys_equal(&self.heap, a, b));
        }
        let mut work: smallvec::SmallVec<[(Value, Value, usize); 8]> = smallvec::smallvec![(a, b, 0)];
        let mut steps: usize = 0;
        while let Some((x, y, depth)) = work.pop() {
            // Identical objects are equal without looking inside (CPython's shortcut); floats
            // have no identity here, so nan stays unequal to itself.
            if matches!(x, Value::Obj(_)) && x.is(y) {
                continue;
            }
            steps += 1;
            if steps > 50_000_000 || depth > self.recursion_limit {
                return Err(self.exc_msg(ExcKind::RecursionError, "maximum recursion depth exceeded in comparison"));
            }
            let (Value::Obj(rx), Value::Obj(ry)) = (x, y) else {
                if dict::keys_equal(&self.heap, x, y) {
                    continue;
                }
                return Ok(false);
            };
            match (self.heap.get(rx), self.heap.get(ry)) {
                (HeapObj::List(p), HeapObj::List(q)) => {
                    if p.len() != q.len() {
                        return Ok(false);
                    }
                    if work.len() > self.recursion_limit * 1000 {
                        return Err(
                            self.exc_msg(ExcKind::RecursionError, "maximum recursion depth exceeded in comparison")
                        );
                    }
                    work.extend(p.iter().copied().zip(q.iter().copied()).rev().map(|(x, y)| (x, y, depth + 1)));
                }
                (HeapObj::Tuple(p), HeapObj::Tuple(q)) => {
                    if p.len() != q.len() {
                        return Ok(false);
                    }
                    work.extend(p.iter().copied().zip(q.iter().copied()).rev().map(|(x, y)| (x, y, depth + 1)));
                }
                (HeapObj::Deque(p), HeapObj::Deque(q)) => {
                    if p.items.len() != q.items.len() {
                        return Ok(false);
                    }
                    if work.len() > self.recursion_limit * 1000 {
                        return Err(
                            self.exc_msg(ExcKind::RecursionError, "maximum recursion depth exceeded in comparison")
                        );
                    }
                    work.extend(
                        p.items.iter().copied().zip(q.items.iter().copied()).rev().map(|(x, y)| (x, y, depth + 1)),
                    );
                }
                (HeapObj::Dict(p), HeapObj::Dict(q)) => {
                    if p.len() != q.len() {
                        return Ok(false);
                    }
                    let od = self.types.ordered_dict;
                    let ordered = |d: &crate::dict::Dict| d.extra.as_ref().is_some_and(|x| x.class == od);
                    // Two OrderedDicts are equal only with their keys in the same order.
                    if ordered(p)
                        && ordered(q)
                        && !p.iter().zip(q.iter()).all(|(a, b)| dict::keys_equal(&self.heap, a.key, b.key))
                    {
                        return Ok(false);
                    }
                    let mut pairs = Vec::with_capacity(p.len());
                    for e in p.iter() {
                        match q.get(&self.heap, e.key, e.hash) {
                            Some(v) => pairs.push((e.value, v)),
                            None => return Ok(false),
                        }
                    }
                    work.extend(pairs.into_iter().rev().map(|(x, y)| (x, y, depth + 1)));
                }
                (HeapObj::Set(p), HeapObj::Set(q)) => {
                    if p.len() != q.len() || !p.iter().all(|(h, k)| q.contains(&self.heap, k, h)) {
                        return Ok(false);
                    }
                }
                (HeapObj::DictView { dict: d1, kind: k1 }, HeapObj::DictView { dict: d2, kind: k2 })
                    if k1 == k2 && *k1 != crate::object::VIEW_VALUES =>
                {
                    let (d1, d2, k) = (*d1, *d2, *k1);
                    let s1 = crate::builtins::containers::view_as_set(self, d1, k)?;
                    let s2 = crate::builtins::containers::view_as_set(self, d2, k)?;
                    work.push((s1, s2, depth + 1));
                }
                _ => {
                    if (self.specials(x) | self.specials(y)) & crate::special::bits::EQ != 0 {
                        return Err(self.python_compare_refused(x, y, "__eq__"));
                    }
                    if !dict::keys_equal(&self.heap, x, y) {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }

    pub fn compare_op(&mut self, op: Op, a: Value, b: Value) -> Result<Value, Exc> {
        match op {
            Op::Eq => Ok(Value::Bool(self.values_equal(a, b)?)),
            Op::Ne => Ok(Value::Bool(!self.values_equal(a, b)?)),
            _ => {
                let ord = self.compare_order(op, a, b)?;
                Ok(Value::Bool(match op {
                    Op::Lt => ord == Some(std::cmp::Ordering::Less),
                    Op::Le => matches!(ord, Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)),
                    Op::Gt => ord == Some(std::cmp::Ordering::Greater),
                    _ => matches!(ord, Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)),
                }))
            }
        }
    }

    /// Ordering for `<` and friends; `None` for unordered floats (nan). Sets use subset order.
    pub fn compare_order(&mut self, op: Op, a: Value, b: Value) -> Result<Option<std::cmp::Ordering>, Exc> {
        use std::cmp::Ordering;
        let sym = match op {
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            _ => ">=",
        };
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Ok(Some(x.cmp(&y)));
        }
        if let (Some(x), Some(y)) = (self.to_num(a), self.to_num(b)) {
            return Ok(match (x, y) {
                (Num::I(x), Num::I(y)) => Some(x.cmp(&y)),
                (Num::F(x), Num::F(y)) => x.partial_cmp(&y),
                (Num::I(i), Num::F(f)) => cmp_int_float(&i, f),
                (Num::F(f), Num::I(i)) => cmp_int_float(&i, f).map(Ordering::reverse),
            });
        }
        let mut x = a;
        let mut y = b;
        // Lexicographic order: find the first differing element, then compare that pair (a
        // loop, not recursion, so nesting depth costs no native stack).
        while let (Value::Obj(rx), Value::Obj(ry)) = (x, y) {
            let (p, q): (Vec<Value>, Vec<Value>) = match (self.heap.get(rx), self.heap.get(ry)) {
                (HeapObj::Str(s), HeapObj::Str(t)) => return Ok(Some(s.s.cmp(&t.s))),
                (HeapObj::List(p), HeapObj::List(q)) => (p.clone(), q.clone()),
                (HeapObj::Tuple(p), HeapObj::Tuple(q)) => (p.to_vec(), q.to_vec()),
                (HeapObj::Deque(p), HeapObj::Deque(q)) => {
                    (p.items.iter().copied().collect(), q.items.iter().copied().collect())
                }
                (HeapObj::Set(_), HeapObj::Set(_)) => return crate::builtins::sets::set_order(self, x, y),
                _ => break,
            };
            let mut diff = None;
            for (i, (m, n)) in p.iter().zip(q.iter()).enumerate() {
                if !self.values_equal(*m, *n)? {
                    diff = Some(i);
                    break;
                }
            }
            match diff {
                None => return Ok(Some(p.len().cmp(&q.len()))),
                Some(i) => {
                    x = p[i];
                    y = q[i];
                    if let (Some(m), Some(n)) = (self.to_num(x), self.to_num(y)) {
                        return Ok(match (m, n) {
                            (Num::I(m), Num::I(n)) => Some(m.cmp(&n)),
                            (Num::F(m), Num::F(n)) => m.partial_cmp(&n),
                            (Num::I(i), Num::F(f)) => cmp_int_float(&i, f),
                            (Num::F(f), Num::I(i)) => cmp_int_float(&i, f).map(Ordering::reverse),
                        });
                    }
                }
            }
        }
        if (self.specials(x) | self.specials(y)) & crate::special::bits::COMPARE != 0 {
            return Err(self.python_compare_refused(x, y, sym));
        }
        let (ta, tb) = (self.type_name(x), self.type_name(y));
        Err(self.type_error(&format!("'{sym}' not supported between instances of '{ta}' and '{tb}'")))
    }

    /// A native operation (a dict lookup, `list.index`, a comparison nested two containers
    /// deep) met objects whose comparison is Python code it cannot call.
    fn python_compare_refused(&mut self, x: Value, y: Value, what: &str) -> Exc {
        let (ta, tb) = (self.type_name(x), self.type_name(y));
        self.exc_msg(
            ExcKind::NotImplementedError,
            &format!("coro: comparing '{ta}' and '{tb}' objects ({what}) inside this operation is not supported yet"),
        )
    }

    /// `item in container` for native containers; `None` when the container must be iterated
    /// in Python (generators).
    pub fn contains_native(&mut self, container: Value, item: Value) -> Result<Option<bool>, Exc> {
        let Value::Obj(r) = container else {
            let t = self.type_name(container);
            return Err(self.type_error(&format!("argument of type '{t}' is not iterable")));
        };
        match self.heap.get(r) {
            HeapObj::Str(s) => {
                let Some(needle) = self.str_of(item) else {
                    let t = self.type_name(item);
                    return Err(self.type_error(&format!("'in <string>' requires string as left operand, not {t}")));
                };
                Ok(Some(s.s.contains(needle)))
            }
            HeapObj::List(_) | HeapObj::Tuple(_) | HeapObj::Deque(_) => {
                let items = match self.heap.get(r) {
                    HeapObj::Deque(d) => d.items.iter().copied().collect(),
                    _ => self.tuple_items(container),
                };
                let eq = crate::special::bits::EQ;
                if self.specials(item) & eq != 0 || items.iter().any(|v| self.specials(*v) & eq != 0) {
                    // Some comparison is a user __eq__: the prelude iterates with `==`.
                    return Ok(None);
                }
                for v in items {
                    if v.is(item) || self.values_equal(v, item)? {
                        return Ok(Some(true));
                    }
                }
                Ok(Some(false))
            }
            HeapObj::Dict(_) => {
                let h = self.hash(item)?;
                Ok(Some(match self.heap.get(r) {
                    HeapObj::Dict(d) => d.get(&self.heap, item, h).is_some(),
                    _ => false,
                }))
            }
            HeapObj::Set(_) => Ok(Some(self.set_contains(r, item)?)),
            HeapObj::DictView { dict, kind } => {
                let (d, k) = (*dict, *kind);
                let s = crate::builtins::containers::view_as_set(self, d, k)?;
                if k == crate::object::VIEW_VALUES {
                    let items = crate::builtins::containers::view_items(self, d, k);
                    for v in items {
                        if self.values_equal(v, item)? {
                            return Ok(Some(true));
                        }
                    }
                    return Ok(Some(false));
                }
                self.contains_native(s, item)
            }
            HeapObj::Range { start, stop, step } => {
                let (start, stop, step) = (*start, *stop, *step);
                let Value::Int(n) = item else {
                    if let Value::Bool(b) = item {
                        return self.contains_native(container, Value::Int(b as i64));
                    }
                    let items = self.range_items(start, stop, step)?;
                    for v in items {
                        if self.values_equal(v, item)? {
                            return Ok(Some(true));
                        }
                    }
                    return Ok(Some(false));
                };
                let inside = if step > 0 { n >= start && n < stop } else { n <= start && n > stop };
                Ok(Some(inside && (n as i128 - start as i128) % step as i128 == 0))
            }
            HeapObj::BigRange(br) => {
                let br = (**br).clone();
                let Some(n) = self.to_bigint(item) else { return Ok(Some(false)) };
                let (lo, hi, st) = (&br[0], &br[1], &br[2]);
                let inside = if st.is_positive() { &n >= lo && &n < hi } else { &n <= lo && &n > hi };
                Ok(Some(inside && ((&n - lo) % st).is_zero()))
            }
            HeapObj::Generator(_) | HeapObj::Iter(_) => Ok(None),
            _ => {
                let t = self.type_name(container);
                Err(self.type_error(&format!("argument of type '{t}' is not iterable")))
            }
        }
    }

    fn range_items(&mut self, start: i64, stop: i64, step: i64) -> Result<Vec<Value>, Exc> {
        let n = crate::builtins::range_len(start, stop, step);
        self.check_items(n)?;
        Ok((0..n).map(|i| Value::Int(start + i as i64 * step)).collect())
    }

    /// The items of a natively iterable value (list, tuple, str, dict keys, set, range,
    /// dict views, native iterators); `Ok(None)` when iterating needs Python code or is
    /// impossible. MemoryError, before anything is allocated, when they would not fit under
    /// the memory limit (`list(range(10**10))`).
    pub fn items_of(&mut self, v: Value) -> Result<Option<Vec<Value>>, Exc> {
        let Value::Obj(r) = v else { return Ok(None) };
        if self.specials(v) & crate::special::bits::ITER != 0 {
            // A builtin-type subclass with its own __iter__: iterated in Python.
            return Ok(None);
        }
        // What the items will take: 16 bytes each, and a new str object per character.
        let per_char = std::mem::size_of::<Value>() + std::mem::size_of::<HeapObj>() + 4;
        let bytes = match self.heap.get(r) {
            HeapObj::List(l) => l.len() * 16,
            HeapObj::Tuple(t) => t.len() * 16,
            HeapObj::Str(s) => s.s.len().saturating_mul(per_char),
            HeapObj::Dict(d) => d.len() * 16,
            HeapObj::Set(t) => t.len() * 16,
            HeapObj::Deque(d) => d.items.len() * 16,
            HeapObj::Range { start, stop, step } => match crate::builtins::range_len(*start, *stop, *step) {
                // Iterated, not materialised (`sum(range(10**9))`); `list()` of it grows
                // under the limit in Python.
                n if n > RANGE_ITEMS_MAX => return Ok(None),
                n => n * 16,
            },
            HeapObj::DictView { dict, .. } => match self.heap.get(*dict) {
                // Items views make a 2-tuple per entry.
                HeapObj::Dict(d) => d.len().saturating_mul(16 + std::mem::size_of::<HeapObj>() + 32),
                _ => 0,
            },
            _ => 0,
        };
        self.check_alloc(bytes)?;
        Ok(Some(match self.heap.get(r) {
            HeapObj::List(l) => l.clone(),
            HeapObj::Tuple(t) => t.to_vec(),
            HeapObj::Deque(d) => d.items.iter().copied().collect(),
            HeapObj::Str(s) => {
                let chars: Vec<String> = s.s.chars().map(|c| c.to_string()).collect();
                chars.into_iter().map(|c| self.new_string(c)).collect()
            }
            HeapObj::Dict(d) => d.iter().map(|e| e.key).collect(),
            HeapObj::Set(t) => t.iter().map(|(_, k)| k).collect(),
            HeapObj::Range { start, stop, step } => {
                let (a, b, c) = (*start, *stop, *step);
                self.range_items(a, b, c)?
            }
            HeapObj::DictView { dict, kind } => {
                let (d, k) = (*dict, *kind);
                crate::builtins::containers::view_items(self, d, k)
            }
            HeapObj::Iter(_) => {
                // Of unknown length (a huge `range` iterator): checked as it grows.
                let mut out = Vec::new();
                while let Some(x) = self.iter_next_native(r)? {
                    out.push(x);
                    if out.len() % 4096 == 0 {
                        self.check_items(out.len())?;
                    }
                }
                out
            }
            _ => return Ok(None),
        }))
    }

    /// [`Vm::items_of`] for callers that cannot report an error: `None` also when the items
    /// would not fit.
    pub fn sequence_items(&mut self, v: Value) -> Option<Vec<Value>> {
        self.items_of(v).ok().flatten()
    }

    /// Whether iterating `v` is possible at all (natively or in Python).
    pub fn is_iterable(&self, v: Value) -> bool {
        if self.specials(v) & (crate::special::bits::ITER | crate::special::bits::GETITEM) != 0 {
            return true;
        }
        match v {
            Value::Obj(r) => matches!(
                self.heap.get(r),
                HeapObj::List(_)
                    | HeapObj::Tuple(_)
                    | HeapObj::Deque(_)
                    | HeapObj::Str(_)
                    | HeapObj::Dict(_)
                    | HeapObj::Set(_)
                    | HeapObj::Range { .. }
                    | HeapObj::DictView { .. }
                    | HeapObj::Iter(_)
                    | HeapObj::Generator(_)
            ),
            _ => false,
        }
    }

    /// `iter(v)` for natives (zip, enumerate, itertools, ...). An object whose class defines
    /// `__iter__` or `__getitem__` gets a prelude generator that iterates it in Python, so the
    /// object's `__iter__` runs at the first `next()` rather than here; the `iter()` builtin and
    /// `for` call `__iter__` at once, as CPython does.
    pub fn get_iter(&mut self, v: Value) -> Result<Value, Exc> {
        if self.iterates_in_python(v) {
            let f = self.prelude_fn("_lazy_iter");
            let Value::Obj(fr) = f else { return Err(self.runtime_error("prelude missing _lazy_iter")) };
            let frame = self.function_frame(fr, &[v], &[])?;
            return Ok(self.new_generator(frame, None));
        }
        let Value::Obj(r) = v else {
            let t = self.type_name(v);
            return Err(self.type_error(&format!("'{t}' object is not iterable")));
        };
        let state = match self.heap.get(r) {
            HeapObj::List(_) | HeapObj::Tuple(_) => IterState::Seq { seq: r, index: 0, private: false },
            HeapObj::Str(_) => IterState::Str { s: r, byte: 0 },
            HeapObj::Range { start, stop, step } => IterState::Range { next: *start, stop: *stop, step: *step },
            HeapObj::BigRange(br) => IterState::BigRange(br.clone()),
            HeapObj::Dict(d) => IterState::Dict { dict: r, index: 0, kind: crate::object::VIEW_KEYS, len: d.len() },
            HeapObj::Set(d) => IterState::Set { set: r, index: 0, len: d.len() },
            HeapObj::DictView { dict, kind } => {
                let len = match self.heap.get(*dict) {
                    HeapObj::Dict(d) => d.len(),
                    _ => 0,
                };
                IterState::Dict { dict: *dict, index: 0, kind: *kind, len }
            }
            HeapObj::Iter(_) | HeapObj::Generator(_) => return Ok(v),
            HeapObj::Deque(_) => return Ok(self.deque_iter(r, false)),
            _ => {
                let t = self.type_name(v);
                return Err(self.type_error(&format!("'{t}' object is not iterable")));
            }
        };
        Ok(Value::Obj(self.heap.alloc(HeapObj::Iter(state))))
    }

    /// Advances a native iterator: `Some(item)` or `None` when exhausted.
    pub fn iter_next_native(&mut self, r: ObjRef) -> Result<Option<Value>, Exc> {
        let HeapObj::Iter(state) = self.heap.get(r) else {
            return Ok(None);
        };
        let step: Result<Option<Value>, &'static str> = match *state {
            IterState::Seq { seq, index, .. } => {
                let item = match self.heap.get(seq) {
                    HeapObj::List(l) => l.get(index).copied(),
                    HeapObj::Tuple(t) => t.get(index).copied(),
                    _ => None,
                };
                Ok(item)
            }
            IterState::Reversed { seq, index } => {
                let item = if index == 0 {
                    None
                } else {
                    match self.heap.get(seq) {
                        HeapObj::List(l) => l.get(index - 1).copied(),
                        HeapObj::Tuple(t) => t.get(index - 1).copied(),
                        _ => None,
                    }
                };
                Ok(item)
            }
            IterState::Str { s, byte } => {
                let c = match self.heap.get(s) {
                    HeapObj::Str(st) => st.s[byte.min(st.s.len())..].chars().next(),
                    _ => None,
                };
                match c {
                    Some(c) => {
                        let mut buf = [0u8; 4];
                        let v = self.new_str(c.encode_utf8(&mut buf));
                        if let HeapObj::Iter(IterState::Str { byte, .. }) = self.heap.get_mut(r) {
                            *byte += c.len_utf8();
                        }
                        return Ok(Some(v));
                    }
                    None => Ok(None),
                }
            }
            IterState::Range { next, stop, step } => {
                if (step > 0 && next < stop) || (step < 0 && next > stop) {
                    Ok(Some(Value::Int(next)))
                } else {
                    Ok(None)
                }
            }
            IterState::Dict { dict, index, kind, len } => match self.heap.get(dict) {
                HeapObj::Dict(d) => {
                    if d.len() != len {
                        Err("dictionary changed size during iteration")
                    } else {
                        let mut i = index;
                        while i < d.raw_len() && d.entry_at(i).map(|e| e.key.is_undef()).unwrap_or(true) {
                            i += 1;
                        }
                        match d.entry_at(i) {
                            Some(e) => {
                                let (k, v) = (e.key, e.value);
                                if let HeapObj::Iter(IterState::Dict { index, .. }) = self.heap.get_mut(r) {
                                    *index = i + 1;
                                }
                                return Ok(Some(match kind {
                                    crate::object::VIEW_KEYS => k,
                                    crate::object::VIEW_VALUES => v,
                                    _ => self.new_tuple(vec![k, v]),
                                }));
                            }
                            None => Ok(None),
                        }
                    }
                }
                _ => Ok(None),
            },
            IterState::Set { set, index, len } => match self.heap.get(set) {
                HeapObj::Set(t) => {
                    if t.len() != len {
                        Err("Set changed size during iteration")
                    } else {
                        match t.next_from(index) {
                            Some((slot, k)) => {
                                if let HeapObj::Iter(IterState::Set { index, .. }) = self.heap.get_mut(r) {
                                    *index = slot + 1;
                                }
                                return Ok(Some(k));
                            }
                            None => Ok(None),
                        }
                    }
                }
                _ => Ok(None),
            },
            IterState::BigRange(ref br) => {
                let (next, stop, step) = (&br[0], &br[1], &br[2]);
                if (step.is_positive() && next < stop) || (step.is_negative() && next > stop) {
                    let v = next.clone();
                    let out = normalize_bigint(self, v);
                    if let HeapObj::Iter(IterState::BigRange(b)) = self.heap.get_mut(r) {
                        let step = b[2].clone();
                        b[0] += step;
                    }
                    return Ok(Some(out));
                }
                Ok(None)
            }
            IterState::Deque { .. } => return self.deque_iter_next(r),
            IterState::Exhausted => Ok(None),
        };
        match step {
            Err(msg) => {
                if let HeapObj::Iter(st) = self.heap.get_mut(r) {
                    *st = IterState::Exhausted;
                }
                Err(self.runtime_error(msg))
            }
            Ok(None) => {
                if let HeapObj::Iter(st) = self.heap.get_mut(r) {
                    *st = IterState::Exhausted;
                }
                Ok(None)
            }
            Ok(Some(v)) => {
                if let HeapObj::Iter(st) = self.heap.get_mut(r) {
                    match &mut *st {
                        IterState::Seq { index, .. } => *index += 1,
                        IterState::Reversed { index, .. } => *index -= 1,
                        IterState::Range { next, step, .. } => *next = next.saturating_add(*step),
                        _ => {}
                    }
                }
                Ok(Some(v))
            }
        }
    }

    /// `ListExtend`/`SetUpdate`/`DictUpdate`/`DictMerge` for natively iterable sources; false
    /// when the source must be iterated in Python first.
    pub fn extend_native(&mut self, op: Op, target: Value, src: Value) -> Result<bool, Exc> {
        let Value::Obj(t) = target else {
            return Ok(true);
        };
        match op {
            Op::ListExtend | Op::SetUpdate => {
                // A set merges in table order, as CPython's set_update does (this decides the
                // order of a folded constant display).
                if op == Op::SetUpdate && matches!(src, Value::Obj(s) if matches!(self.heap.get(s), HeapObj::Set(_))) {
                    crate::builtins::sets::set_inplace(self, BinOpKind::Or, t, src)?;
                    return Ok(true);
                }
                let Some(items) = self.items_of(src)? else {
                    if self.is_iterable(src) {
                        return Ok(false);
                    }
                    let ty = self.type_name(src);
                    return Err(self.type_error(&format!("Value after * must be an iterable, not {ty}")));
                };
                if op == Op::ListExtend {
                    if let HeapObj::List(l) = self.heap.get_mut(t) {
                        l.extend(items);
                    }
                } else {
                    for v in items {
                        self.set_add(t, v)?;
                    }
                }
                Ok(true)
            }
            _ => {
                let pairs: Vec<(Value, Value)> = match src {
                    Value::Obj(s) => match self.heap.get(s) {
                        HeapObj::Dict(d) => d.iter().map(|e| (e.key, e.value)).collect(),
                        _ => {
                            let ty = self.type_name(src);
                            return Err(self.type_error(&format!("'{ty}' object is not a mapping")));
                        }
                    },
                    _ => {
                        let ty = self.type_name(src);
                        return Err(self.type_error(&format!("'{ty}' object is not a mapping")));
                    }
                };
                for (k, v) in pairs {
                    if op == Op::DictMerge {
                        if self.str_of(k).is_none() {
                            return Err(self.type_error("keywords must be strings"));
                        }
                        if self.dict_get(t, k)?.is_some() {
                            let name = self.str_of(k).unwrap_or("").to_string();
                            return Err(self.type_error(&format!("got multiple values for keyword argument '{name}'")));
                        }
                    }
                    self.dict_set(t, k, v)?;
                }
                Ok(true)
            }
        }
    }
}

fn cmp_int_float(i: &BigInt, f: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    let fl = f.floor();
    let fi = numfmt::float_is_integer_to_bigint(fl).unwrap_or_default();
    match i.cmp(&fi) {
        Ordering::Equal => Some(if f > fl { Ordering::Less } else { Ordering::Equal }),
        o => Some(o),
    }
}

/// `items * n` with a fallible allocation: None when the memory is not there.
fn repeat_values(items: &[Value], n: usize) -> Option<Vec<Value>> {
    let total = items.len().checked_mul(n)?;
    let mut out: Vec<Value> = Vec::new();
    out.try_reserve_exact(total).ok()?;
    // One copy, then doubling (as for strings).
    if n > 0 {
        out.extend_from_slice(items);
    }
    while out.len() < total {
        out.extend_from_within(..out.len().min(total - out.len()));
    }
    Some(out)
}
