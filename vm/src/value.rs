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

/// The tags of `Value`'s variants (its `repr(C, u64)` discriminants, in declaration order).
pub(crate) const TAG_UNDEF: u64 = 0;
pub(crate) const TAG_NONE: u64 = 1;
#[cfg(test)]
pub(crate) const TAG_BOOL: u64 = 2;
pub(crate) const TAG_INT: u64 = 3;
pub(crate) const TAG_FLOAT: u64 = 4;
pub(crate) const TAG_OBJ: u64 = 5;

/// Writes the value with tag `tag` (one of the `TAG_*` above) and payload bits `payload` to
/// `p` as one 16-byte store. Writing a value made on the spot stores its tag and payload
/// separately, and the next copy of the slot (a 16-byte load, as in `StoreFast`) then cannot be
/// forwarded from those two stores: it waits for them to reach the cache (on a counting loop,
/// half the loop's time sat on that copy).
///
/// # Safety
/// `p` must be valid for a 16-byte write; `payload` must be valid for the tag (0 or 1 for a
/// bool; anything for None, whose payload is padding).
#[inline(always)]
pub(crate) unsafe fn store_packed(p: *mut Value, tag: u64, payload: u64) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{__m128i, _mm_set_epi64x, _mm_storeu_si128};
        // SAFETY: SSE2 is part of x86_64; the caller vouches for `p` and the bits.
        unsafe { _mm_storeu_si128(p.cast::<__m128i>(), _mm_set_epi64x(payload as i64, tag as i64)) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let q = p.cast::<u64>();
        // SAFETY: as above.
        unsafe {
            q.write(tag);
            q.add(1).write(payload);
        }
    }
}

/// Pushes the value with tag `tag` and payload bits `payload` (as for `store_packed`) on
/// `stack` with one 16-byte store.
#[inline(always)]
pub(crate) fn push_packed(stack: &mut Vec<Value>, tag: u64, payload: u64) {
    if stack.len() == stack.capacity() {
        stack.reserve(1);
    }
    let n = stack.len();
    // SAFETY: slot `n` is within the capacity; the callers pass a tag with a payload valid
    // for it (an object index, or None's ignored payload), so the slot then holds a valid value.
    unsafe {
        store_packed(stack.as_mut_ptr().add(n), tag, payload);
        stack.set_len(n + 1);
    }
}

/// Pushes object `r` on `stack` with one 16-byte store (see `store_packed`).
#[inline(always)]
pub(crate) fn push_obj(stack: &mut Vec<Value>, r: ObjRef) {
    push_packed(stack, TAG_OBJ, r.0 as u64);
}

/// Pushes `v`, a value just made (a native's result, a new object), on `stack`; None and
/// objects with one 16-byte store. A None made on the spot is written as its tag alone and an
/// object as tag and index, and copying either whole right after would wait on those stores
/// (see `store_packed`).
#[inline(always)]
pub(crate) fn push_fresh(stack: &mut Vec<Value>, v: Value) {
    match v {
        Value::None => push_packed(stack, TAG_NONE, 0),
        Value::Obj(r) => push_packed(stack, TAG_OBJ, r.0 as u64),
        v => stack.push(v),
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
    fn packed_stores_make_the_values_they_name() {
        let mut v = Value::Undef;
        let p: *mut Value = &mut v;
        unsafe { store_packed(p, TAG_INT, (-7i64) as u64) };
        assert!(matches!(v, Value::Int(-7)));
        unsafe { store_packed(p, TAG_BOOL, 1) };
        assert!(matches!(v, Value::Bool(true)));
        unsafe { store_packed(p, TAG_BOOL, 0) };
        assert!(matches!(v, Value::Bool(false)));
        unsafe { store_packed(p, TAG_NONE, 0) };
        assert!(matches!(v, Value::None));
        unsafe { store_packed(p, TAG_FLOAT, 2.5f64.to_bits()) };
        assert!(matches!(v, Value::Float(x) if x == 2.5));
        unsafe { store_packed(p, TAG_OBJ, 77) };
        assert!(matches!(v, Value::Obj(ObjRef(77))));
        unsafe { store_packed(p, TAG_UNDEF, 0) };
        assert!(matches!(v, Value::Undef));
        let mut stack = Vec::new();
        push_obj(&mut stack, ObjRef(3));
        push_fresh(&mut stack, Value::None);
        push_fresh(&mut stack, Value::Int(4));
        assert!(matches!(stack[..], [Value::Obj(ObjRef(3)), Value::None, Value::Int(4)]));
    }

    #[test]
    fn value_is_at_most_16_bytes() {
        assert!(std::mem::size_of::<Value>() <= 16);
    }
}
