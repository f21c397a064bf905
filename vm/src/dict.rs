//! The insertion-ordered hash table behind `dict`, `set`, module globals and class dicts, plus
//! hashing and key equality of builtin values (CPython's hash algorithms for numbers, so that
//! `hash(1) == hash(1.0) == hash(True)` and `hash(-1) == -2`).
//!
//! Layout follows CPython's compact dict: an `entries` vector in insertion order and an
//! open-addressing `indices` table pointing into it (only past `SMALL` entries: a small dict is
//! searched in order). Because a `Dict` lives inside the heap and
//! key comparison reads other heap objects, lookups (`probe`) take `&Heap` and a separate step
//! (`insert_probed`) mutates.

use crate::heap::Heap;
use crate::object::HeapObj;
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::sync::atomic::{AtomicU64, Ordering};

/// Bumped whenever a class dict (a `watched` one) changes at all, and by every collection (which
/// may free a class and reuse its slot): class-attribute lookups the VM caches (`Vm::class_lookup`)
/// are valid while it stays the same. Process-wide, so VMs on other threads only cause spurious
/// misses; class dicts change rarely once a program has started.
static CLASS_EPOCH: AtomicU64 = AtomicU64::new(0);

#[inline]
pub fn class_epoch() -> u64 {
    CLASS_EPOCH.load(Ordering::Relaxed)
}

#[inline]
pub fn bump_class_epoch() {
    CLASS_EPOCH.fetch_add(1, Ordering::Relaxed);
}

#[derive(Clone, Copy)]
pub struct Entry {
    pub hash: u64,
    /// `Undef` marks a deleted entry.
    pub key: Value,
    pub value: Value,
}

#[derive(Default)]
pub struct Dict {
    entries: Vec<Entry>,
    indices: Vec<u32>,
    len: usize,
    /// Bumped whenever the set of keys or their positions change (not when a value is
    /// replaced), so a cached entry index (global names) can tell it is still valid.
    keys_version: u64,
    /// For `collections.defaultdict` and `OrderedDict` (dicts of another class): that class
    /// and the default factory.
    pub extra: Option<Box<DictExtra>>,
    /// A class's dict: every change bumps the class epoch.
    watched: bool,
}

impl Clone for Dict {
    /// A copy is an ordinary dict, even of a class dict.
    fn clone(&self) -> Self {
        Dict {
            entries: self.entries.clone(),
            indices: self.indices.clone(),
            len: self.len,
            keys_version: self.keys_version,
            extra: self.extra.clone(),
            watched: false,
        }
    }
}

/// What a dict of a `collections` class carries besides its entries.
#[derive(Clone)]
pub struct DictExtra {
    pub class: crate::value::ObjRef,
    /// `defaultdict.default_factory` (None for OrderedDict).
    pub default_factory: Value,
}

/// Up to this many entries (deleted ones included) a dict has no index table: a lookup scans
/// the entries, which for so few is about as fast as hashing into a table, and saves the
/// table's allocation (most instance dicts and keyword-argument dicts are this small).
const SMALL: usize = 8;

const EMPTY: u32 = u32::MAX;
const DELETED: u32 = u32::MAX - 1;

/// Where a key is, or where it would go.
#[derive(Clone, Copy, Debug)]
pub enum Probe {
    Found(usize),
    Vacant,
}

impl Dict {
    pub fn new() -> Self {
        Dict::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        let mut d = Dict { entries: Vec::with_capacity(n), ..Dict::default() };
        if n > SMALL {
            d.indices = vec![EMPTY; (n * 3 / 2).next_power_of_two().max(8)];
        }
        d
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Makes this a class dict: from now on every change bumps the class epoch.
    pub fn watch(&mut self) {
        self.watched = true;
        bump_class_epoch();
    }

    #[inline]
    fn changed(&self) {
        if self.watched {
            bump_class_epoch();
        }
    }

    /// Finds `key` (with precomputed `hash`).
    pub fn probe(&self, heap: &Heap, key: Value, hash: u64) -> Probe {
        if self.indices.is_empty() {
            // A small dict: its few entries are searched in order (deleted ones have no key).
            for (i, e) in self.entries.iter().enumerate() {
                if e.hash == hash && !e.key.is_undef() && (e.key.is(key) || keys_equal(heap, e.key, key)) {
                    return Probe::Found(i);
                }
            }
            return Probe::Vacant;
        }
        let mask = self.indices.len() - 1;
        let mut i = (hash as usize) & mask;
        let mut perturb = hash;
        loop {
            let idx = self.indices[i];
            if idx == EMPTY {
                return Probe::Vacant;
            }
            if idx != DELETED {
                let e = &self.entries[idx as usize];
                if e.hash == hash && (e.key.is(key) || keys_equal(heap, e.key, key)) {
                    return Probe::Found(idx as usize);
                }
            }
            // CPython's perturbed probing: visits every slot and spreads clustered hashes.
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    pub fn get(&self, heap: &Heap, key: Value, hash: u64) -> Option<Value> {
        match self.probe(heap, key, hash) {
            Probe::Found(i) => Some(self.entries[i].value),
            Probe::Vacant => None,
        }
    }

    /// Inserts after a `probe` that returned `p` for this key (no heap access needed).
    pub fn insert_probed(&mut self, p: Probe, hash: u64, key: Value, value: Value) {
        self.changed();
        match p {
            Probe::Found(i) => self.entries[i].value = value,
            Probe::Vacant => {
                self.keys_version = self.keys_version.wrapping_add(1);
                let small = self.indices.is_empty() && self.entries.len() < SMALL;
                if !small && (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
                    self.grow();
                }
                let idx = self.entries.len() as u32;
                self.entries.push(Entry { hash, key, value });
                if !self.indices.is_empty() {
                    self.place(hash, idx);
                }
                self.len += 1;
            }
        }
    }

    fn place(&mut self, hash: u64, idx: u32) {
        let mask = self.indices.len() - 1;
        let mut i = (hash as usize) & mask;
        let mut perturb = hash;
        while self.indices[i] != EMPTY && self.indices[i] != DELETED {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
        self.indices[i] = idx;
    }

    fn grow(&mut self) {
        // Compact away deleted entries, then rebuild the index at a size with room to spare.
        if self.len < self.entries.len() {
            self.entries.retain(|e| !e.key.is_undef());
        }
        if self.entries.len() < SMALL {
            // Room again for one more entry without an index.
            self.indices = Vec::new();
            return;
        }
        let size = ((self.len + 1) * 3).next_power_of_two().max(8);
        self.indices = vec![EMPTY; size];
        for i in 0..self.entries.len() {
            let h = self.entries[i].hash;
            self.place(h, i as u32);
        }
    }

    /// Removes the entry at `i` (from a `Found` probe), returning its key and value.
    pub fn remove_at(&mut self, i: usize) -> (Value, Value) {
        self.changed();
        self.keys_version = self.keys_version.wrapping_add(1);
        let e = self.entries[i];
        if !self.indices.is_empty() {
            let mask = self.indices.len() - 1;
            let mut slot = (e.hash as usize) & mask;
            let mut perturb = e.hash;
            while self.indices[slot] != i as u32 {
                perturb >>= 5;
                slot = (slot.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
            }
            self.indices[slot] = DELETED;
        }
        self.entries[i].key = Value::Undef;
        self.entries[i].value = Value::Undef;
        self.len -= 1;
        if self.len == 0 {
            self.clear();
        }
        (e.key, e.value)
    }

    pub fn clear(&mut self) {
        self.changed();
        self.keys_version = self.keys_version.wrapping_add(1);
        self.entries.clear();
        self.indices.clear();
        self.len = 0;
    }

    /// Positions of the live entries, in insertion order.
    pub fn iter_positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.entries.iter().enumerate().filter(|(_, e)| !e.key.is_undef()).map(|(i, _)| i)
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.entries.iter().filter(|e| !e.key.is_undef())
    }

    /// The entry at raw position `i` (which may be deleted), for iterators that keep a cursor.
    pub fn entry_at(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i)
    }

    pub fn raw_len(&self) -> usize {
        self.entries.len()
    }

    /// The last live entry (for `popitem`).
    pub fn last_index(&self) -> Option<usize> {
        self.entries.iter().rposition(|e| !e.key.is_undef())
    }

    pub fn first_index(&self) -> Option<usize> {
        self.entries.iter().position(|e| !e.key.is_undef())
    }

    /// The layout counter (see `keys_version`).
    #[inline]
    pub fn keys_version(&self) -> u64 {
        self.keys_version
    }

    /// The value of the live entry at `i` (an index from a `Found` probe).
    #[inline]
    pub fn value_at(&self, i: usize) -> Value {
        self.entries.get(i).map(|e| e.value).unwrap_or(Value::Undef)
    }

    /// Replaces the value of the live entry at `i` (the keys are unchanged).
    #[inline]
    pub fn set_value_at(&mut self, i: usize, v: Value) {
        self.changed();
        if let Some(e) = self.entries.get_mut(i) {
            e.value = v;
        }
    }

    pub fn trace(&self, f: &mut dyn FnMut(Value)) {
        for e in &self.entries {
            f(e.key);
            f(e.value);
        }
        if let Some(x) = &self.extra {
            f(Value::Obj(x.class));
            f(x.default_factory);
        }
    }

    pub fn approx_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>() + self.indices.capacity() * 4
    }
}

/// CPython's modulus for numeric hashes: 2**61 - 1.
const MODULUS: u64 = (1 << 61) - 1;

/// Python's `hash()` of an i64.
pub fn hash_i64(n: i64) -> i64 {
    let m = (n.unsigned_abs() % MODULUS) as i64;
    let h = if n < 0 { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_bigint(n: &BigInt) -> i64 {
    let m = (n.abs() % BigInt::from(MODULUS)).to_i64().unwrap_or(0);
    let h = if n.is_negative() { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Python's `hash()` of a float (CPython's `_Py_HashDouble`, with nan hashing to 0 as coro has
/// no object identity for floats).
pub fn hash_f64(x: f64) -> i64 {
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(x.abs());
    let sign: i64 = if x < 0.0 { -1 } else { 1 };
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | (h >> (61 - 28));
        m *= 268435456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) };
    h = ((h << e) & MODULUS) | (h >> (61 - e));
    let r = (h as i64) * sign;
    if r == -1 {
        -2
    } else {
        r
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// Hash of a string's text (FNV-1a; Python's string hashes are randomised per process anyway).
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // Keep clear of -1 as an i64 (Python reserves it).
    if h == u64::MAX {
        h - 1
    } else {
        h
    }
}

/// FNV-1a as a `Hasher`, for the VM's maps keyed by short names (the interned-string table):
/// several times cheaper than the default SipHash, and those keys come from code, not from
/// untrusted input that could aim for collisions at scale.
#[derive(Default)]
pub struct StrHasher(u64);

impl std::hash::Hasher for StrHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// CPython's tuple hash (xxHash-based) over element hashes.
pub fn hash_tuple(hashes: impl ExactSizeIterator<Item = u64>) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let len = hashes.len() as u64;
    let mut acc = P5;
    for h in hashes {
        acc = acc.wrapping_add(h.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(len ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        1546275796
    } else {
        acc as i64
    }
}

/// `hash_value`'s error for an instance of a user class with `__hash__ = None` (the VM names
/// the class).
pub const UNHASHABLE_INSTANCE: &str = "<unhashable instance>";
/// `hash_value`'s error for an instance whose class defines both `__eq__` and `__hash__`: its
/// hash and equality are Python code, which dict and set operations do not call yet.
pub const PYTHON_HASH: &str = "<python __hash__>";

fn identity_hash(r: crate::value::ObjRef) -> u64 {
    (r.0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 4
}

/// An instance hashes by identity unless its class made it unhashable or defines its own
/// equality and hash.
fn instance_hash(heap: &Heap, r: crate::value::ObjRef, class: crate::value::ObjRef) -> Result<u64, &'static str> {
    use crate::special::bits;
    let s = match heap.get(class) {
        HeapObj::Class(c) => c.specials,
        _ => 0,
    };
    if s & bits::UNHASHABLE != 0 {
        Err(UNHASHABLE_INSTANCE)
    } else if s & bits::HASH != 0 && s & bits::EQ != 0 {
        Err(PYTHON_HASH)
    } else {
        Ok(identity_hash(r))
    }
}

/// A builtin-typed instance of a user class (`derived.rs`) hashes as its builtin value, unless
/// its class made it unhashable or defines its own `__hash__` (Python code, which dict and set
/// operations do not call yet).
#[inline(never)]
fn derived_hash_check(heap: &Heap, r: crate::value::ObjRef) -> Result<(), &'static str> {
    use crate::special::bits;
    let Some(d) = heap.derived.get(&r.0) else { return Ok(()) };
    let s = match heap.get(d.class) {
        HeapObj::Class(c) => c.specials,
        _ => 0,
    };
    if s & bits::UNHASHABLE != 0 || matches!(heap.get(r), HeapObj::List(_) | HeapObj::Dict(_)) {
        Err(UNHASHABLE_INSTANCE)
    } else if s & bits::HASH != 0 {
        Err(PYTHON_HASH)
    } else {
        Ok(())
    }
}

/// Hash of a builtin value, or `Err(type name)` when it is unhashable. Strings cache their hash.
pub fn hash_value(heap: &Heap, v: Value) -> Result<u64, &'static str> {
    Ok(match v {
        Value::Int(n) => hash_i64(n) as u64,
        Value::Bool(b) => b as u64,
        Value::Float(f) => hash_f64(f) as u64,
        Value::None => 0xfca8_6420,
        Value::Undef => 0,
        Value::Obj(r) => match heap.get(r) {
            HeapObj::Str(s) => {
                let h = s.hash.get();
                if h != 0 {
                    h
                } else {
                    // Only a str that passed this check caches its hash.
                    if !heap.derived.is_empty() {
                        derived_hash_check(heap, r)?;
                    }
                    let h = hash_str(&s.s).max(1);
                    s.hash.set(h);
                    h
                }
            }
            HeapObj::BigInt(b) => {
                if !heap.derived.is_empty() {
                    derived_hash_check(heap, r)?;
                }
                hash_bigint(b) as u64
            }
            HeapObj::Tuple(items) => {
                if !heap.derived.is_empty() {
                    derived_hash_check(heap, r)?;
                }
                let mut hs = Vec::with_capacity(items.len());
                for it in items.iter() {
                    hs.push(hash_value(heap, *it)?);
                }
                hash_tuple(hs.into_iter()) as u64
            }
            HeapObj::Range { start, stop, step } => {
                hash_tuple([*start as u64, *stop as u64, *step as u64].into_iter()) as u64
            }
            HeapObj::List(_) | HeapObj::Dict(_) if heap.derived.contains_key(&r.0) => return Err(UNHASHABLE_INSTANCE),
            HeapObj::List(_) => return Err("list"),
            HeapObj::Deque(_) => return Err("collections.deque"),
            HeapObj::Dict(_) => return Err("dict"),
            HeapObj::Set(_) => return Err("set"),
            HeapObj::Slice(_) => return Err("slice"),
            HeapObj::DictView { .. } => return Err("dict_keys"),
            HeapObj::Instance { class, .. } => instance_hash(heap, r, *class)?,
            HeapObj::Exception(e) => instance_hash(heap, r, e.class)?,
            // Everything else hashes by identity.
            _ => identity_hash(r),
        },
    })
}

/// Equality of builtin values as dict keys and `==` see it (numbers across int/float/bool,
/// strings by content, tuples elementwise). Containers that hold themselves cannot be keys, so
/// the recursion here is bounded by tuple nesting.
pub fn keys_equal(heap: &Heap, a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => int_eq_float(x, y),
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Bool(x), Value::Int(y)) | (Value::Int(y), Value::Bool(x)) => x as i64 == y,
        (Value::Bool(x), Value::Float(y)) | (Value::Float(y), Value::Bool(x)) => (x as i64 as f64) == y,
        (Value::None, Value::None) => true,
        // An int subclass's value is a heap int even when small (`derived.rs`).
        (Value::Int(i), Value::Obj(x)) | (Value::Obj(x), Value::Int(i)) => {
            matches!(heap.get(x), HeapObj::BigInt(b) if **b == BigInt::from(i))
        }
        (Value::Bool(v), Value::Obj(x)) | (Value::Obj(x), Value::Bool(v)) => {
            matches!(heap.get(x), HeapObj::BigInt(b) if **b == BigInt::from(v as i64))
        }
        (Value::Obj(x), Value::Obj(y)) => {
            if x == y {
                return true;
            }
            match (heap.get(x), heap.get(y)) {
                (HeapObj::Str(p), HeapObj::Str(q)) => p.s == q.s,
                (HeapObj::BigInt(p), HeapObj::BigInt(q)) => p == q,
                (HeapObj::Tuple(p), HeapObj::Tuple(q)) => {
                    p.len() == q.len() && p.iter().zip(q.iter()).all(|(m, n)| m.is(*n) || keys_equal(heap, *m, *n))
                }
                (
                    HeapObj::Range { start: s1, stop: e1, step: t1 },
                    HeapObj::Range { start: s2, stop: e2, step: t2 },
                ) => range_eq((*s1, *e1, *t1), (*s2, *e2, *t2)),
                _ => false,
            }
        }
        (Value::Obj(x), Value::Float(f)) | (Value::Float(f), Value::Obj(x)) => match heap.get(x) {
            HeapObj::BigInt(b) => bigint_eq_float(b, f),
            _ => false,
        },
        _ => false,
    }
}

pub fn int_eq_float(i: i64, f: f64) -> bool {
    if f.fract() != 0.0 || !f.is_finite() {
        return false;
    }
    if f.abs() < 9.007_199_254_740_992e15 {
        return i as f64 == f;
    }
    BigInt::from(i) == crate::numfmt::float_is_integer_to_bigint(f).unwrap_or_else(BigInt::zero)
}

pub fn bigint_eq_float(b: &BigInt, f: f64) -> bool {
    f.is_finite() && f.fract() == 0.0 && crate::numfmt::float_is_integer_to_bigint(f).map(|g| &g == b).unwrap_or(false)
}

/// Ranges are equal when they produce the same sequence.
pub fn range_eq(a: (i64, i64, i64), b: (i64, i64, i64)) -> bool {
    let la = crate::builtins::range_len(a.0, a.1, a.2);
    let lb = crate::builtins::range_len(b.0, b.1, b.2);
    if la != lb {
        return false;
    }
    if la == 0 {
        return true;
    }
    if a.0 != b.0 {
        return false;
    }
    la == 1 || a.2 == b.2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_hashes_match_cpython() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(1 << 61), 1);
        assert_eq!(hash_f64(1.0), 1);
        assert_eq!(hash_f64(1.5), 1152921504606846977);
        assert_eq!(hash_f64(0.1), 230584300921369408);
        assert_eq!(hash_f64(-2.0), -2);
        assert_eq!(hash_f64(f64::INFINITY), 314159);
    }

    #[test]
    fn insert_probe_remove() {
        let heap = Heap::new();
        let mut d = Dict::new();
        for i in 0..1000i64 {
            let h = hash_i64(i) as u64;
            let p = d.probe(&heap, Value::Int(i), h);
            d.insert_probed(p, h, Value::Int(i), Value::Int(i * 2));
        }
        assert_eq!(d.len(), 1000);
        for i in (0..1000i64).step_by(2) {
            if let Probe::Found(ix) = d.probe(&heap, Value::Int(i), hash_i64(i) as u64) {
                d.remove_at(ix);
            }
        }
        assert_eq!(d.len(), 500);
        assert!(matches!(d.get(&heap, Value::Int(7), hash_i64(7) as u64), Some(Value::Int(14))));
        assert!(d.get(&heap, Value::Int(8), hash_i64(8) as u64).is_none());
        let order: Vec<i64> = d.iter().take(3).map(|e| if let Value::Int(n) = e.key { n } else { -1 }).collect();
        assert_eq!(order, vec![1, 3, 5]);
    }

    /// A dict moving between its small form (no index table) and the indexed one, with
    /// deletions on both sides of the boundary, agrees with a model map at every step.
    #[test]
    fn small_and_indexed_forms_agree() {
        let heap = Heap::new();
        let mut d = Dict::new();
        let mut model: std::collections::BTreeMap<i64, i64> = Default::default();
        let mut seed: u64 = 7;
        for step in 0..4000i64 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            // Keys from a small range, so that inserts, replacements and deletions all happen
            // while the dict grows past and shrinks below the small size.
            let k = ((seed >> 33) % 12) as i64;
            let h = hash_i64(k) as u64;
            let p = d.probe(&heap, Value::Int(k), h);
            if (seed >> 20).is_multiple_of(3) {
                if let Probe::Found(i) = p {
                    d.remove_at(i);
                }
                model.remove(&k);
            } else {
                d.insert_probed(p, h, Value::Int(k), Value::Int(step));
                model.insert(k, step);
            }
            assert_eq!(d.len(), model.len());
            for k in 0..12i64 {
                let got = d.get(&heap, Value::Int(k), hash_i64(k) as u64);
                let want = model.get(&k).map(|v| Value::Int(*v));
                assert!(
                    matches!((got, want), (None, None))
                        || matches!((got, want), (Some(Value::Int(a)), Some(Value::Int(b))) if a == b)
                );
            }
        }
    }
}
