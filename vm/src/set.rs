//! The open-addressing hash table behind `set`, laid out and probed exactly as CPython 3.11's
//! `Objects/setobject.c`, so that iteration, `repr` and `pop()` visit elements in the same
//! order as CPython. Unlike `dict`, a CPython set has no insertion order: it iterates its slots
//! in index order, so every detail that decides which slot an element lands in is reproduced
//! here: the 8-slot start, runs of linear probes before perturbed jumps, dummy slots left by
//! removals (and which dummy an insertion reuses), when and to what size the table grows, the
//! order elements are re-inserted on a resize, the fast copy paths of `set_merge`, and the
//! construction order of each set operation.
//!
//! Like `Dict`, the table lives inside the heap while key comparison reads other heap objects,
//! so lookups take `&Heap`; the two-step `probe` / `insert_probed` pair lets a caller that only
//! has the set inside the heap look up first and mutate after.
//!
//! Orders also depend on how a set was built, so each Python-level operation has one way to be
//! composed, written on the functions below. In short: adding from a list, range or generator
//! (`set(it)`, `s.update(it)`, comprehensions, displays with a non-constant item) is one `add`
//! per item; from a set it is `merge` (or `copy` into a new set); from a dict it is `presize`
//! then one `add` per key; a display of constants is `folded_constant`; the binary operators
//! are the free functions at the end.

use crate::dict::{keys_equal, Probe};
use crate::heap::Heap;
use crate::value::Value;

/// CPython's `PySet_MINSIZE`: every set starts with (and shrinks back to) this many slots.
const MIN_SIZE: usize = 8;
/// Slots examined one after another before the probe sequence jumps (CPython's `LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// How fast the high hash bits enter the jumps (CPython's `PERTURB_SHIFT`).
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone, Copy, Debug)]
enum Slot {
    /// Never used since the table was (re)built: ends every probe sequence.
    Empty,
    /// Held an element that was removed: probes run past it, and insertions may reuse it.
    Dummy,
    Active {
        hash: u64,
        key: Value,
    },
}

/// A set's hash table, slot for slot what CPython 3.11 would hold after the same operations.
#[derive(Clone, Debug)]
pub struct SetTable {
    /// Always a power of two long, at least `MIN_SIZE`, with at least one `Empty` slot.
    slots: Vec<Slot>,
    /// Active plus dummy slots (CPython's `fill`): what the growth rule counts.
    fill: usize,
    /// Active slots (CPython's `used`).
    used: usize,
    /// Where the next `pop` starts scanning (CPython's `finger`); survives clears and resizes.
    finger: usize,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable::new()
    }
}

/// The slots CPython visits for `hash` in a table of `mask + 1` slots: the home slot and, when
/// they fit before the end of the table, the `LINEAR_PROBES` slots after it; then a jump
/// mixing in five more high bits of the hash each time, and another run. Endless: the caller
/// stops at an empty slot, and the jumps alone reach every slot once `perturb` is spent.
struct ProbeSeq {
    mask: usize,
    perturb: u64,
    /// Start of the current run.
    base: usize,
    /// Offset within the run of the next slot to yield.
    step: usize,
    /// Last offset of the current run.
    run: usize,
}

impl ProbeSeq {
    fn new(hash: u64, mask: usize) -> ProbeSeq {
        let base = (hash as usize) & mask;
        ProbeSeq { mask, perturb: hash, base, step: 0, run: run_len(base, mask) }
    }
}

/// How many slots follow `base` in its linear run: none when the run would pass the table's end
/// (CPython does not wrap a run around).
fn run_len(base: usize, mask: usize) -> usize {
    if base + LINEAR_PROBES <= mask {
        LINEAR_PROBES
    } else {
        0
    }
}

impl Iterator for ProbeSeq {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.step > self.run {
            self.perturb >>= PERTURB_SHIFT;
            self.base = self.base.wrapping_mul(5).wrapping_add(1).wrapping_add(self.perturb as usize) & self.mask;
            self.step = 0;
            self.run = run_len(self.base, self.mask);
        }
        let i = self.base + self.step;
        self.step += 1;
        Some(i)
    }
}

impl SetTable {
    /// An empty set with CPython's initial 8 slots.
    pub fn new() -> Self {
        SetTable { slots: vec![Slot::Empty; MIN_SIZE], fill: 0, used: 0, finger: 0 }
    }

    /// Number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether the set has no elements.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    #[inline]
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Finds `key` (with precomputed `hash`): `Found(slot)` for the slot holding an equal
    /// element, else `Vacant`. Equality is `keys_equal`, tried only on equal hashes.
    pub fn probe(&self, heap: &Heap, key: Value, hash: u64) -> Probe {
        for i in ProbeSeq::new(hash, self.mask()) {
            match self.slots[i] {
                Slot::Empty => return Probe::Vacant,
                Slot::Active { hash: h, key: k } if h == hash && (k.is(key) || keys_equal(heap, k, key)) => {
                    return Probe::Found(i)
                }
                _ => {}
            }
        }
        Probe::Vacant
    }

    /// The stored element equal to `key`, if any (it may differ from `key`, as `1` and `1.0`).
    pub fn get(&self, heap: &Heap, key: Value, hash: u64) -> Option<Value> {
        match self.probe(heap, key, hash) {
            Probe::Found(i) => self.entry_at(i).map(|(_, k)| k),
            Probe::Vacant => None,
        }
    }

    /// Whether an element equal to `key` is present.
    pub fn contains(&self, heap: &Heap, key: Value, hash: u64) -> bool {
        matches!(self.probe(heap, key, hash), Probe::Found(_))
    }

    /// Adds `key` after a `probe` for it returned `p`, in the slot CPython's `set_add_entry`
    /// picks; a `Found` probe leaves the set unchanged (the element already there stays).
    /// `p` must come from this table, unmodified since.
    pub fn insert_probed(&mut self, p: Probe, hash: u64, key: Value) {
        if let Probe::Vacant = p {
            self.insert_new(hash, key);
        }
    }

    /// Adds `key` unless an equal element is present; true when it was added.
    pub fn add(&mut self, heap: &Heap, key: Value, hash: u64) -> bool {
        let p = self.probe(heap, key, hash);
        self.insert_probed(p, hash, key);
        matches!(p, Probe::Vacant)
    }

    /// `set_add_entry` for a key known to be absent. Walking the probe sequence again needs no
    /// comparisons: with the key absent, the walk ends at the first empty slot, exactly where
    /// CPython's comparing walk ends.
    fn insert_new(&mut self, hash: u64, key: Value) {
        let mask = self.mask();
        // CPython 3.11 remembers the *last* dummy on the way (it overwrites `freeslot` at each
        // one), and reuses it without counting toward growth.
        let mut freeslot = None;
        let mut empty = 0;
        for i in ProbeSeq::new(hash, mask) {
            match self.slots[i] {
                Slot::Empty => {
                    empty = i;
                    break;
                }
                Slot::Dummy => freeslot = Some(i),
                Slot::Active { .. } => {}
            }
        }
        self.used += 1;
        if let Some(i) = freeslot {
            self.slots[i] = Slot::Active { hash, key };
            return;
        }
        self.slots[empty] = Slot::Active { hash, key };
        self.fill += 1;
        if self.fill * 5 >= mask * 3 {
            self.resize(self.growth_target());
        }
    }

    /// The `minused` CPython passes to `set_table_resize` when an insertion fills the table.
    fn growth_target(&self) -> usize {
        if self.used > 50_000 {
            self.used * 2
        } else {
            self.used * 4
        }
    }

    /// `set_table_resize`: rebuilds the table at the smallest power of two (from 8) above
    /// `minused`, dropping dummies and re-inserting active slots in old slot order.
    fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        // Staying at the minimum size with nothing to purge is a no-op in CPython.
        if size == MIN_SIZE && self.slots.len() == MIN_SIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        self.fill = self.used;
        for s in old {
            if let Slot::Active { hash, key } = s {
                self.insert_clean(hash, key);
            }
        }
    }

    /// `set_insert_clean`: places a key known to be absent in a table without dummies, at the
    /// first empty slot of its probe sequence; leaves `fill`/`used` to the caller.
    fn insert_clean(&mut self, hash: u64, key: Value) {
        for i in ProbeSeq::new(hash, self.mask()) {
            if let Slot::Empty = self.slots[i] {
                self.slots[i] = Slot::Active { hash, key };
                return;
            }
        }
    }

    /// Removes the element in slot `i` (from a `Found` probe), leaving a dummy as CPython does
    /// (the table never shrinks on removal). `None` when the slot holds no element.
    pub fn remove_at(&mut self, i: usize) -> Option<Value> {
        match self.slots.get(i).copied() {
            Some(Slot::Active { key, .. }) => {
                self.slots[i] = Slot::Dummy;
                self.used -= 1;
                Some(key)
            }
            _ => None,
        }
    }

    /// Removes an element equal to `key`; true when there was one (`set.discard`).
    pub fn discard(&mut self, heap: &Heap, key: Value, hash: u64) -> bool {
        match self.probe(heap, key, hash) {
            Probe::Found(i) => self.remove_at(i).is_some(),
            Probe::Vacant => false,
        }
    }

    /// `set.pop()`: removes and returns the first element at or after the finger, wrapping
    /// around, and moves the finger past it, so repeated pops walk the table as CPython's do.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        loop {
            if let Slot::Active { key, .. } = self.slots[i] {
                self.slots[i] = Slot::Dummy;
                self.used -= 1;
                self.finger = i + 1;
                return Some(key);
            }
            i = if i == mask { 0 } else { i + 1 };
        }
    }

    /// `set.clear()`: back to 8 empty slots. The pop finger is kept, as in CPython.
    pub fn clear(&mut self) {
        self.slots = vec![Slot::Empty; MIN_SIZE];
        self.fill = 0;
        self.used = 0;
    }

    /// Elements as `(hash, key)` in slot order: CPython's iteration (and so `repr`) order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, Value)> + '_ {
        self.slots.iter().filter_map(|s| match *s {
            Slot::Active { hash, key } => Some((hash, key)),
            _ => None,
        })
    }

    /// The element in slot `i`, or `None` for an empty or dummy slot or `i` past the end.
    pub fn entry_at(&self, i: usize) -> Option<(u64, Value)> {
        match self.slots.get(i) {
            Some(Slot::Active { hash, key }) => Some((*hash, *key)),
            _ => None,
        }
    }

    /// The first element in slot `from` or later, with its slot, for an iterator keeping a
    /// cursor (CPython's `set_next`: continue from the returned slot + 1). A table rebuilt
    /// meanwhile is simply scanned from the same index, as CPython's iterator does.
    pub fn next_from(&self, from: usize) -> Option<(usize, Value)> {
        (from..self.slots.len()).find_map(|i| self.entry_at(i).map(|(_, k)| (i, k)))
    }

    /// Number of slots (the bound for `entry_at`/`next_from` cursors).
    pub fn raw_len(&self) -> usize {
        self.slots.len()
    }

    /// The one up-front resize CPython does before bulk-adding `incoming` elements: used by
    /// `merge`, and by `set_update_internal` before adding a dict's keys (call with the dict's
    /// length, then add its keys in dict order with their stored hashes).
    pub fn presize(&mut self, incoming: usize) {
        if (self.fill + incoming) * 5 >= self.mask() * 3 {
            self.resize((self.used + incoming) * 2);
        }
    }

    /// `set_merge`: adds every element of another set (`update`, `|=`, `SET_UPDATE` and
    /// `set(s)` when the source is a set). After one up-front resize, an empty target copies
    /// `other` slot for slot when the sizes match and `other` has no dummies, or re-places its
    /// elements in `other`'s slot order; otherwise each is added in `other`'s slot order.
    /// `s.update(s)` is a no-op in CPython: a caller merging a set into itself must skip it.
    pub fn merge(&mut self, heap: &Heap, other: &SetTable) {
        if other.used == 0 {
            return;
        }
        self.presize(other.used);
        if self.fill == 0 {
            self.merge_into_empty(other);
            return;
        }
        for (hash, key) in other.iter() {
            self.add(heap, key, hash);
        }
    }

    /// The two fast paths of `set_merge` for an empty (already resized) target; neither
    /// compares keys.
    fn merge_into_empty(&mut self, other: &SetTable) {
        if self.slots.len() == other.slots.len() && other.fill == other.used {
            self.slots.copy_from_slice(&other.slots);
        } else {
            for (hash, key) in other.iter() {
                self.insert_clean(hash, key);
            }
        }
        self.fill = other.used;
        self.used = other.used;
    }

    /// `set.copy()`, `set(s)`, `frozenset(s)` and `{*s}`: a new set merged from this one.
    /// Its layout can differ from this table's (it is sized for the current length).
    pub fn copy(&self) -> SetTable {
        let mut t = SetTable::new();
        if self.used > 0 {
            t.presize(self.used);
            t.merge_into_empty(self);
        }
        t
    }

    /// Takes `body`'s table while keeping this set's pop finger: what CPython's
    /// `set_swap_bodies` leaves in the target of `&=` and `intersection_update` (including
    /// `s &= s`, whose body is `s.copy()`).
    pub fn replace_body(&mut self, body: SetTable) {
        self.slots = body.slots;
        self.fill = body.fill;
        self.used = body.used;
    }

    /// `set_difference_update_internal` for a set `other` (`-=`, `difference_update`, and the
    /// second step of `a - b` when `a` is much larger): discards `other`'s elements, then
    /// `purge_dummies`. Removal order does not affect the layout, so CPython's detour through
    /// an intersection when `other` is 8 times larger needs no counterpart. `s -= s` is
    /// `s.clear()` in CPython: the caller must special-case it.
    pub fn difference_update(&mut self, heap: &Heap, other: &SetTable) {
        for (hash, key) in other.iter() {
            self.discard(heap, key, hash);
        }
        self.purge_dummies();
    }

    /// The end of CPython's `difference_update` (for any iterable, so a caller discarding a
    /// list's items must call this after the last one): when more than a quarter of the slots
    /// are dummies, the table is rebuilt as if it had just filled up. This can reorder even a
    /// set nothing was removed from by this call.
    pub fn purge_dummies(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            self.resize(self.growth_target());
        }
    }

    /// `set_symmetric_difference_update` for a set `other` (`^=`): in `other`'s slot order,
    /// each element is discarded when present and added when not. `s ^= s` is `s.clear()` in
    /// CPython: the caller must special-case it.
    pub fn symmetric_difference_update(&mut self, heap: &Heap, other: &SetTable) {
        for (hash, key) in other.iter() {
            match self.probe(heap, key, hash) {
                Probe::Found(i) => {
                    self.remove_at(i);
                }
                Probe::Vacant => self.insert_new(hash, key),
            }
        }
    }

    /// `intersection_update` / `&=` with a set: this set takes the body of
    /// `intersection(self, other)`.
    pub fn intersection_update(&mut self, heap: &Heap, other: &SetTable) {
        let body = intersection(heap, self, other);
        self.replace_body(body);
    }

    /// Calls `f` on every element (for the collector).
    pub fn trace(&self, f: &mut dyn FnMut(Value)) {
        for (_, key) in self.iter() {
            f(key);
        }
    }

    /// Approximate heap bytes owned by the table.
    pub fn approx_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>()
    }
}

/// The frozenset constant CPython 3.11 compiles a set display of constants into, when the
/// display is folded: `for x in {1, 2}` and comprehensions over such a display (any length)
/// iterate this table directly, and a display of three or more constants used as a value is
/// `folded_constant(..).copy()`. The compiler builds the frozenset from the items in source
/// order, then its constant merging rebuilds it from that set's own iteration order, so the
/// table is built twice. (CPython also reuses the first of several equal constant frozensets
/// in one module, layout included.)
pub fn folded_constant(heap: &Heap, items: &[(u64, Value)]) -> SetTable {
    let mut first = SetTable::new();
    for &(hash, key) in items {
        first.add(heap, key, hash);
    }
    let mut t = SetTable::new();
    for (hash, key) in first.iter() {
        t.add(heap, key, hash);
    }
    t
}

/// `a | b` and `a.union(b)` for sets: a copy of `a`, then `b` merged in. Passing the same
/// table twice (`a | a`) gives `a.copy()`, as CPython skips merging a set into its own copy.
pub fn union(heap: &Heap, a: &SetTable, b: &SetTable) -> SetTable {
    let mut r = a.copy();
    if !std::ptr::eq(a, b) {
        r.merge(heap, b);
    }
    r
}

/// `a & b` and `a.intersection(b)` for sets: CPython walks the smaller set (`b` on a tie) in
/// slot order, keeps the elements the other contains, and adds them (the walked set's element
/// objects) one by one. `a & a` is `a.copy()`.
pub fn intersection(heap: &Heap, a: &SetTable, b: &SetTable) -> SetTable {
    if std::ptr::eq(a, b) {
        return a.copy();
    }
    let (walk, other) = if b.len() > a.len() { (a, b) } else { (b, a) };
    let mut r = SetTable::new();
    for (hash, key) in walk.iter() {
        if other.contains(heap, key, hash) {
            r.add(heap, key, hash);
        }
    }
    r
}

/// `a - b` and `a.difference(b)` for sets. When `len(a) / 4` (rounded down) exceeds `len(b)`,
/// CPython copies `a` and discards `b`'s elements; otherwise it walks `a` in slot order adding
/// the elements `b` lacks to a new set.
pub fn difference(heap: &Heap, a: &SetTable, b: &SetTable) -> SetTable {
    if (a.len() >> 2) > b.len() {
        let mut r = a.copy();
        r.difference_update(heap, b);
        return r;
    }
    let mut r = SetTable::new();
    for (hash, key) in a.iter() {
        if !b.contains(heap, key, hash) {
            r.add(heap, key, hash);
        }
    }
    r
}

/// `a ^ b` and `a.symmetric_difference(b)` for sets: a copy of `b`, then
/// `symmetric_difference_update` with `a` (so `a`'s slot order decides what is added last).
pub fn symmetric_difference(heap: &Heap, a: &SetTable, b: &SetTable) -> SetTable {
    let mut r = b.copy();
    r.symmetric_difference_update(heap, a);
    r
}

#[cfg(test)]
mod tests {
    //! Every expected order below was printed by CPython 3.11 for the same operations.
    use super::*;
    use crate::dict::{hash_f64, hash_i64};

    fn h(n: i64) -> u64 {
        hash_i64(n) as u64
    }

    /// A set built by adding `items` one by one (`s.add`, `SET_ADD`, `set(list)`).
    fn build(heap: &Heap, items: &[i64]) -> SetTable {
        let mut t = SetTable::new();
        for &n in items {
            t.add(heap, Value::Int(n), h(n));
        }
        t
    }

    fn ints(t: &SetTable) -> Vec<i64> {
        t.iter()
            .map(|(_, k)| match k {
                Value::Int(n) => n,
                _ => i64::MIN,
            })
            .collect()
    }

    fn order_of(items: &[i64]) -> Vec<i64> {
        ints(&build(&Heap::new(), items))
    }

    #[test]
    fn small_int_orders() {
        assert_eq!(order_of(&[3, 1]), [1, 3]);
        assert_eq!(order_of(&[10, 2, 33]), [33, 10, 2]);
        assert_eq!(order_of(&[100, 8, 16, 0]), [8, 16, 100, 0]);
        assert_eq!(order_of(&[5, 13, 21]), [13, 21, 5]);
        assert_eq!(order_of(&[-1, -2, -3, -8, 7, -9, -16]), [7, -16, -2, -9, -8, -3, -1]);
    }

    #[test]
    fn shuffled_inserts() {
        // Small non-negative ints land in their own slots, whatever the insertion order.
        let shuffled = [11, 5, 17, 19, 9, 0, 16, 1, 15, 6, 10, 13, 14, 12, 7, 3, 8, 2, 18, 4];
        assert_eq!(order_of(&shuffled), (0..20).collect::<Vec<_>>());
        let thirteens = [104, 39, 78, 65, 195, 208, 26, 156, 0, 13, 169, 130, 247, 117, 182, 143, 52, 221, 234, 91];
        assert_eq!(
            order_of(&thirteens),
            [0, 130, 13, 143, 26, 156, 39, 169, 52, 182, 65, 195, 78, 208, 91, 221, 104, 234, 117, 247]
        );
    }

    /// `[(i * 37) % 1000 - 300 for i in range(n)]`, added in order.
    fn spread(n: i64) -> Vec<i64> {
        order_of(&(0..n).map(|i| (i * 37) % 1000 - 300).collect::<Vec<_>>())
    }

    #[test]
    fn growth() {
        assert_eq!(spread(5), [-189, -152, -300, -263, -226]);
        assert_eq!(
            spread(18),
            [33, -189, 292, 70, -152, 329, 107, -115, 144, -78, -300, 181, -41, -263, 218, -4, -226, 255]
        );
        assert_eq!(
            spread(77),
            [
                512, 513, 514, 31, 32, 33, 550, 551, 68, 69, 70, 587, 588, 105, 106, 107, 624, 625, 142, 143, 144, 661,
                662, 179, 180, 181, 698, 699, -300, 216, 217, 218, -265, -264, -263, 253, 254, 255, -228, -227, -226,
                290, 291, 292, -191, -190, -189, 327, 328, 329, -154, -153, -152, 364, 365, 366, -117, -116, -115, 401,
                402, 403, -80, -79, -78, 438, 439, 440, -43, -42, -41, 475, 476, 477, -6, -5, -4
            ]
        );
        assert_eq!(
            spread(300),
            [
                512, 513, 514, 245, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 546, 547, 548, 549, 550, 551, 545, 544,
                617, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 583, 584, 585, 586, 587, 588, 582, 581, 320, 321, 97,
                98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 620, 621, 622, 623, 624, 625, 619, 618, 430, 615, 652,
                431, 432, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 657, 658, 659, 660, 661, 662, 656,
                655, 541, 542, 171, 543, 173, 174, 175, 176, 177, 178, 179, 180, 181, 694, 695, 696, 697, 698, 699,
                693, 692, 616, 208, 209, 210, 211, -300, 213, 214, 215, 216, 217, 218, 212, 247, 654, 246, 653, 172,
                579, -274, -273, -272, -271, -270, -269, -268, -267, -266, -265, -264, -263, 250, 251, 252, 253, 254,
                255, 249, 248, 356, 580, 357, 358, -237, -236, -235, -234, -233, -232, -231, -230, -229, -228, -227,
                -226, 287, 288, 289, 290, 291, 292, 286, 285, 507, 467, 468, 469, -199, -198, -197, -196, -195, -194,
                -193, -192, -191, -190, -189, 324, 325, 326, 327, 328, 329, 323, 322, 319, 578, -162, -161, -160, -159,
                -158, -157, -156, -155, -154, -153, -152, 361, 362, 363, 364, 365, 366, 360, 359, -125, -124, -123,
                -122, -121, -120, -119, -118, -117, -116, -115, 398, 399, 400, 401, 402, 403, 397, 396, 284, 691, 283,
                690, -88, -87, -86, -85, -84, -83, -82, -81, -80, -79, -78, 435, 436, 437, 438, 439, 440, 434, 433,
                -14, 282, 393, 689, 394, 395, -51, -50, -49, -48, -47, -46, -45, -44, -43, -42, -41, 472, 473, 474,
                475, 476, 477, 471, 470, 504, 508, 505, 506, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, 509, 510, 511
            ]
        );
    }

    #[test]
    fn insertion_reuses_the_last_dummy_on_its_path() {
        let heap = Heap::new();
        let mut s = build(&heap, &[0, 8, 16]);
        assert!(s.discard(&heap, Value::Int(0), h(0)));
        assert!(s.discard(&heap, Value::Int(8), h(8)));
        assert!(!s.discard(&heap, Value::Int(8), h(8)));
        s.add(&heap, Value::Int(24), h(24));
        s.add(&heap, Value::Int(1), h(1));
        assert_eq!(ints(&s), [24, 16, 1]);
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn pop_follows_the_finger() {
        let heap = Heap::new();
        let mut s = build(&heap, &[5, 13, 21, 3, 100, 64, 7]);
        let mut popped = Vec::new();
        for _ in 0..3 {
            popped.extend(s.pop());
        }
        s.add(&heap, Value::Int(1), h(1));
        s.add(&heap, Value::Int(13), h(13));
        for _ in 0..3 {
            popped.extend(s.pop());
        }
        let popped: Vec<i64> = popped.into_iter().map(|v| if let Value::Int(n) = v { n } else { 0 }).collect();
        assert_eq!(popped, [64, 3, 100, 5, 7, 13]);
        assert_eq!(ints(&s), [1, 21]);

        // The finger survives `clear()`.
        let mut s = build(&heap, &[1, 2, 3]);
        s.pop();
        s.clear();
        s.add(&heap, Value::Int(1), h(1));
        s.add(&heap, Value::Int(2), h(2));
        assert!(matches!(s.pop(), Some(Value::Int(2))));
        let mut empty = SetTable::new();
        assert!(empty.pop().is_none());
    }

    #[test]
    fn copies_and_merges() {
        let heap = Heap::new();
        let s = build(&heap, &[0, 8, 16, 24, 32]);
        assert_eq!(ints(&s), [0, 32, 8, 16, 24]);
        // A copy is sized for its length and re-placed in the source's slot order.
        assert_eq!(ints(&s.copy()), [0, 32, 16, 8, 24]);
        assert_eq!(ints(&build(&heap, &[8, 0, 5]).copy()), [8, 0, 5]);

        let mut m = build(&heap, &[5, 6]);
        m.merge(&heap, &build(&heap, &[13, 14, 21, 22]));
        assert_eq!(ints(&m), [5, 6, 21, 22, 13, 14]);

        // `s.update(dict.fromkeys([13, 14, 21, 22]))`.
        let mut d = build(&heap, &[5, 6]);
        d.presize(4);
        for n in [13, 14, 21, 22] {
            d.add(&heap, Value::Int(n), h(n));
        }
        assert_eq!(ints(&d), [5, 6, 21, 22, 13, 14]);
    }

    #[test]
    fn folded_literals() {
        let heap = Heap::new();
        let items: Vec<(u64, Value)> = [1, 46, 20, 63, 1989, 613].iter().map(|&n| (h(n), Value::Int(n))).collect();
        let folded = folded_constant(&heap, &items);
        // `[x for x in {1, 46, 20, 63, 1989, 613}]`
        assert_eq!(ints(&folded), [1, 613, 1989, 46, 20, 63]);
        // `print({1, 46, 20, 63, 1989, 613})`
        assert_eq!(ints(&folded.copy()), [1, 20, 613, 1989, 46, 63]);
    }

    #[test]
    fn binary_operations() {
        let heap = Heap::new();
        let a = build(&heap, &[1, 9, 17, 25, 4]);
        let b = build(&heap, &[33, 9, 2, 4, 41]);
        assert_eq!(ints(&union(&heap, &a, &b)), [1, 33, 2, 4, 9, 41, 17, 25]);
        assert_eq!(ints(&union(&heap, &b, &a)), [33, 2, 1, 4, 9, 41, 17, 25]);
        assert_eq!(ints(&intersection(&heap, &a, &b)), [9, 4]);
        assert_eq!(ints(&difference(&heap, &a, &b)), [1, 17, 25]);
        assert_eq!(ints(&difference(&heap, &b, &a)), [33, 2, 41]);
        assert_eq!(ints(&symmetric_difference(&heap, &a, &b)), [33, 2, 1, 17, 25, 41]);
        assert_eq!(ints(&symmetric_difference(&heap, &b, &a)), [1, 17, 33, 2, 41, 25]);

        let c = build(&heap, &[9, 4, 100, 200, 300, 1, 17]);
        assert_eq!(ints(&intersection(&heap, &a, &c)), [1, 4, 9, 17]);

        // Equal sizes: the right operand is walked.
        let p = build(&heap, &[8, 0, 5]);
        let q = build(&heap, &[0, 8, 6]);
        assert_eq!(ints(&intersection(&heap, &p, &q)), [0, 8]);
        assert_eq!(ints(&intersection(&heap, &q, &p)), [8, 0]);

        // A left operand over four times larger is copied, then the right one discarded.
        let mut big_items: Vec<i64> = (0..160).step_by(8).collect();
        big_items.extend([3, 11]);
        let big = build(&heap, &big_items);
        let small = build(&heap, &[16, 3, 64]);
        assert_eq!(
            ints(&difference(&heap, &big, &small)),
            [0, 128, 8, 136, 72, 11, 144, 80, 24, 152, 88, 120, 32, 96, 40, 104, 48, 112, 56]
        );

        // `a | a` and `a & a` are copies.
        let s = build(&heap, &[0, 8, 16, 24, 32]);
        assert_eq!(ints(&union(&heap, &s, &s)), [0, 32, 16, 8, 24]);
        assert_eq!(ints(&intersection(&heap, &s, &s)), [0, 32, 16, 8, 24]);
    }

    #[test]
    fn in_place_operations() {
        let heap = Heap::new();
        let mut a = build(&heap, &[1, 9, 17, 25, 4]);
        a.intersection_update(&heap, &build(&heap, &[4, 1, 9]));
        assert_eq!(ints(&a), [1, 4, 9]);

        let mut a = build(&heap, &[1, 9, 17, 25, 4]);
        a.symmetric_difference_update(&heap, &build(&heap, &[4, 33, 9, 2]));
        assert_eq!(ints(&a), [1, 33, 2, 17, 25]);

        // Two dummies in eight slots: `s -= set()` rebuilds the table.
        let mut s = build(&heap, &[4, 2]);
        s.discard(&heap, Value::Int(4), h(4));
        s.discard(&heap, Value::Int(2), h(2));
        s.add(&heap, Value::Int(8), h(8));
        s.add(&heap, Value::Int(5), h(5));
        assert_eq!(ints(&s), [8, 5]);
        s.difference_update(&heap, &SetTable::new());
        assert_eq!(ints(&s), [5, 8]);
    }

    #[test]
    fn floats_and_mixed_numbers() {
        let heap = Heap::new();
        let mut s = SetTable::new();
        for x in [2.5, 0.5, 1.5, -0.5, 3.0] {
            s.add(&heap, Value::Float(x), hash_f64(x) as u64);
        }
        let order: Vec<f64> = s.iter().map(|(_, k)| if let Value::Float(x) = k { x } else { f64::NAN }).collect();
        assert_eq!(order, [0.5, 1.5, 2.5, 3.0, -0.5]);

        // `{1, True, 1.0}` keeps the first.
        let mut s = build(&heap, &[1]);
        assert!(!s.add(&heap, Value::Bool(true), 1));
        assert!(!s.add(&heap, Value::Float(1.0), hash_f64(1.0) as u64));
        assert!(matches!(s.get(&heap, Value::Float(1.0), 1), Some(Value::Int(1))));
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn probe_insert_and_cursor() {
        let heap = Heap::new();
        let mut s = SetTable::new();
        for n in [10, 2, 33] {
            let p = s.probe(&heap, Value::Int(n), h(n));
            s.insert_probed(p, h(n), Value::Int(n));
        }
        let Probe::Found(i) = s.probe(&heap, Value::Int(10), h(10)) else {
            panic!("10 is in the set");
        };
        assert!(matches!(s.entry_at(i), Some((10, Value::Int(10)))));
        assert!(matches!(s.remove_at(i), Some(Value::Int(10))));
        assert!(s.remove_at(i).is_none());
        assert!(s.entry_at(i).is_none());
        assert!(!s.contains(&heap, Value::Int(10), h(10)));

        let mut seen = Vec::new();
        let mut pos = 0;
        while let Some((slot, key)) = s.next_from(pos) {
            seen.push(key);
            pos = slot + 1;
        }
        assert!(pos <= s.raw_len());
        assert!(matches!(seen[..], [Value::Int(33), Value::Int(2)]));

        let mut traced = 0;
        s.trace(&mut |_| traced += 1);
        assert_eq!(traced, 2);
        assert!(s.approx_bytes() > 0);
        s.clear();
        assert!(s.is_empty());
    }
}
