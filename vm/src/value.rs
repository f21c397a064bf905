//! `Value`: what lives in locals, operand stacks, containers and constants. Immediate values
//! (None, bools, small ints, floats) are stored inline; everything else is an `ObjRef`, an index
//! into the collected heap. `Value` is `Copy` and 16 bytes; the collector finds every live
//! reference by tracing from the roots, so copies need no bookkeeping.

/// Index of an object in the heap. Valid while the object is reachable from a root.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjRef(pub u32);

impl ObjRef {
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// `repr(C, u64)` makes the tag a full word and puts every payload at offset 8. With Rust's default
/// layout `Bool`'s payload sits at byte 1, so each copy of a `Value` became two overlapping
/// 8-byte moves that stall store-to-load forwarding on every operand-stack push and pop
/// (measured with perf on a counting loop: the two hottest instructions of the loop).
#[derive(Clone, Copy, Debug)]
#[repr(C, u64)]
pub enum Value {
    /// An unbound local or empty cell; never visible to scripts.
    Undef,
    None,
    Bool(bool),
    /// An int that fits in i64; larger ones are heap `BigInt`s (never a BigInt that fits).
    Int(i64),
    Float(f64),
    Obj(ObjRef),
}

impl Value {
    #[inline]
    pub fn is_undef(self) -> bool {
        matches!(self, Value::Undef)
    }

    #[inline]
    pub fn is_none(self) -> bool {
        matches!(self, Value::None)
    }

    #[inline]
    pub fn as_obj(self) -> Option<ObjRef> {
        match self {
            Value::Obj(r) => Some(r),
            _ => None,
        }
    }

    /// Identity, as Python's `is` sees it.
    #[inline(always)]
    pub fn is(self, other: Value) -> bool {
        match (self, other) {
            (Value::Undef, Value::Undef) | (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are cached in CPython; coro treats every equal inline int as identical.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => a == b,
            _ => false,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}

impl From<ObjRef> for Value {
    fn from(r: ObjRef) -> Self {
        Value::Obj(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_at_most_16_bytes() {
        assert!(std::mem::size_of::<Value>() <= 16);
    }
}
