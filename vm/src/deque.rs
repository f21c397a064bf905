//! `collections.deque`: a double-ended queue (a `VecDeque` of values) with an optional maximum
//! length; its constructor, methods, item access, iteration, repetition and concatenation,
//! with CPython 3.11's behaviour and messages.
//!
//! Looking for an item with `==` (count, index, remove, `in`, comparisons) stays native unless
//! some item's class defines `__eq__` (or the searched value has a user `__repr__` an error
//! message would need); then the prelude runs the loop (`_seq_count`, `_deque_index`,
//! `_deque_remove`, `_contains`, `_deque_compare`), which notices a deque mutated by an
//! `__eq__` as CPython does. Extending from an iterable that is not a native sequence (a
//! generator, an object with `__iter__`) is `_deque_extend` in the prelude.

use crate::builtins::{split_args, NResult};
use crate::interp::Ret;
use crate::object::{HeapObj, IterState, NativeFn};
use crate::special::bits;
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};
use std::collections::VecDeque;

/// A deque's contents.
pub struct DequeObj {
    pub items: VecDeque<Value>,
    pub maxlen: Option<usize>,
    /// Counts the changes CPython counts (appends, pops, rotations, insertions, deletions,
    /// clearing; not `d[i] = x` nor `reverse()`): iterators and the prelude's search loops
    /// compare it to report "deque mutated during iteration".
    pub state: u64,
}

impl DequeObj {
    pub fn new(maxlen: Option<usize>) -> Self {
        DequeObj { items: VecDeque::new(), maxlen, state: 0 }
    }

    /// Appends on the right; a full deque drops its leftmost item.
    #[inline]
    pub fn push_back(&mut self, v: Value) {
        self.state = self.state.wrapping_add(1);
        if let Some(m) = self.maxlen {
            if self.items.len() >= m {
                if m == 0 {
                    return;
                }
                self.items.pop_front();
            }
        }
        self.items.push_back(v);
    }

    /// Appends on the left; a full deque drops its rightmost item.
    #[inline]
    pub fn push_front(&mut self, v: Value) {
        self.state = self.state.wrapping_add(1);
        if let Some(m) = self.maxlen {
            if self.items.len() >= m {
                if m == 0 {
                    return;
                }
                self.items.pop_back();
            }
        }
        self.items.push_front(v);
    }

    pub(crate) fn bump(&mut self) {
        self.state = self.state.wrapping_add(1);
    }
}

/// The methods of `collections.deque`.
pub const DEQUE_METHODS: &[(&str, NativeFn)] = &[
    ("append", append),
    ("appendleft", appendleft),
    ("pop", pop),
    ("popleft", popleft),
    ("extend", extend),
    ("extendleft", extendleft),
    ("clear", clear),
    ("copy", copy),
    ("__copy__", copy),
    ("count", count),
    ("index", index),
    ("insert", insert),
    ("remove", remove),
    ("reverse", reverse),
    ("rotate", rotate),
];

/// Hidden natives the prelude's deque loops use.
pub const PRELUDE_NATIVES: &[(&str, NativeFn)] = &[("_deque_state", state_native)];

fn deque_ref(vm: &Vm, v: Value) -> Option<ObjRef> {
    match v {
        Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::Deque(_)) => Some(r),
        _ => None,
    }
}

/// What `deque_of` gives for an object that is not a deque (callers check the kind first).
static EMPTY: DequeObj = DequeObj { items: VecDeque::new(), maxlen: None, state: 0 };

fn deque_mut(vm: &mut Vm, r: ObjRef) -> Option<&mut DequeObj> {
    match vm.heap.get_mut(r) {
        HeapObj::Deque(d) => Some(d),
        _ => None,
    }
}

fn deque_of(vm: &Vm, r: ObjRef) -> &DequeObj {
    match vm.heap.get(r) {
        HeapObj::Deque(d) => d,
        _ => &EMPTY,
    }
}

/// The deque a method was called on, with CPython's descriptor errors for anything else
/// (`deque.append(5, 1)`, `deque.pop()`).
#[inline]
fn receiver(vm: &mut Vm, args: &[Value], name: &str) -> Result<ObjRef, Exc> {
    match args.first() {
        Some(&v) => match deque_ref(vm, v) {
            Some(r) => Ok(r),
            None => {
                let t = vm.type_name(v);
                Err(vm.type_error(&format!(
                    "descriptor '{name}' for 'collections.deque' objects doesn't apply to a '{t}' object"
                )))
            }
        },
        None => Err(vm.type_error(&format!("unbound method deque.{name}() needs an argument"))),
    }
}

fn no_kwargs(vm: &mut Vm, kwnames: &[Value], name: &str) -> Result<(), Exc> {
    if kwnames.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(&format!("deque.{name}() takes no keyword arguments")))
    }
}

/// A method taking no arguments (CPython's METH_NOARGS).
#[inline]
fn noargs(vm: &mut Vm, args: &[Value], kwnames: &[Value], name: &str) -> Result<ObjRef, Exc> {
    let r = receiver(vm, args, name)?;
    no_kwargs(vm, kwnames, name)?;
    if args.len() != 1 {
        return Err(vm.type_error(&format!("deque.{name}() takes no arguments ({} given)", args.len() - 1)));
    }
    Ok(r)
}

/// A method taking one argument (CPython's METH_O).
#[inline]
fn onearg(vm: &mut Vm, args: &[Value], kwnames: &[Value], name: &str) -> Result<ObjRef, Exc> {
    let r = receiver(vm, args, name)?;
    no_kwargs(vm, kwnames, name)?;
    if args.len() != 2 {
        return Err(vm.type_error(&format!("deque.{name}() takes exactly one argument ({} given)", args.len() - 1)));
    }
    Ok(r)
}

/// An index argument as CPython's `n` format reads it (`insert`, `rotate`).
fn ssize_arg(vm: &mut Vm, v: Value) -> Result<i64, Exc> {
    match v {
        Value::Int(i) => Ok(i),
        Value::Bool(b) => Ok(b as i64),
        _ if vm.is_int(v) => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        _ => {
            let t = vm.type_name(v);
            Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

/// A slice index as `_PyEval_SliceIndexNotNone` reads it: big ints clamp.
fn slice_index_arg(vm: &mut Vm, v: Value) -> Result<i64, Exc> {
    match v {
        Value::Int(i) => Ok(i),
        Value::Bool(b) => Ok(b as i64),
        _ => match vm.to_bigint(v) {
            Some(n) => Ok(if n.sign() == num_bigint::Sign::Minus { i64::MIN } else { i64::MAX }),
            None => Err(vm.type_error("slice indices must be integers or have an __index__ method")),
        },
    }
}

/// `deque(iterable=(), maxlen=None)`.
pub fn construct(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    if args.len() > 2 {
        return Err(vm.type_error(&format!("deque() takes at most 2 arguments ({} given)", args.len())));
    }
    let (pos, kws) = split_args(vm, args, kwnames);
    let mut iterable = pos.first().copied();
    let mut maxlen_v = pos.get(1).copied();
    for (k, v) in kws {
        let (slot, index) = match k.as_str() {
            "iterable" => (&mut iterable, 1),
            "maxlen" => (&mut maxlen_v, 2),
            _ => return Err(vm.type_error(&format!("'{k}' is an invalid keyword argument for deque()"))),
        };
        if slot.is_some() {
            return Err(vm.type_error(&format!("argument for deque() given by name ('{k}') and position ({index})")));
        }
        *slot = Some(v);
    }
    let maxlen = match maxlen_v {
        None | Some(Value::None) => None,
        Some(v) => {
            let n = match v {
                Value::Int(i) => i,
                Value::Bool(b) => b as i64,
                _ if vm.is_int(v) => return Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
                _ => return Err(vm.type_error("an integer is required")),
            };
            if n < 0 {
                return Err(vm.value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
    };
    let d = Value::Obj(vm.heap.alloc(HeapObj::Deque(Box::new(DequeObj::new(maxlen)))));
    let Some(src) = iterable else {
        return Ok(d.into());
    };
    match vm.sequence_items(src) {
        Some(items) => {
            if let Some(dq) = d.as_obj().and_then(|r| deque_mut(vm, r)) {
                for v in items {
                    dq.push_back(v);
                }
                dq.state = 0;
            }
            Ok(d.into())
        }
        None => {
            crate::builtins::not_iterable_check(vm, src)?;
            Ok(Ret::TailCall(vm.prelude_fn("_deque_extend"), vec![d, src, Value::Bool(false), d]))
        }
    }
}

fn append(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let r = onearg(vm, args, kwnames, "append")?;
    if let Some(d) = deque_mut(vm, r) {
        d.push_back(args[1]);
    }
    // Counted toward the memory limit as it grows (see `Heap::grew`).
    vm.heap.grew(16);
    Ok(Value::None.into())
}

fn appendleft(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let r = onearg(vm, args, kwnames, "appendleft")?;
    if let Some(d) = deque_mut(vm, r) {
        d.push_front(args[1]);
    }
    // Counted toward the memory limit as it grows (see `Heap::grew`).
    vm.heap.grew(16);
    Ok(Value::None.into())
}

fn pop_end(vm: &mut Vm, args: &[Value], kwnames: &[Value], left: bool) -> NResult {
    let r = noargs(vm, args, kwnames, if left { "popleft" } else { "pop" })?;
    let v = deque_mut(vm, r).and_then(|d| {
        let v = if left { d.items.pop_front() } else { d.items.pop_back() };
        if v.is_some() {
            d.bump();
        }
        v
    });
    match v {
        Some(v) => Ok(v.into()),
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

fn pop(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    pop_end(vm, args, kwnames, false)
}

fn popleft(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    pop_end(vm, args, kwnames, true)
}

fn extend_end(vm: &mut Vm, args: &[Value], kwnames: &[Value], left: bool) -> NResult {
    let r = onearg(vm, args, kwnames, if left { "extendleft" } else { "extend" })?;
    let src = args[1];
    // A native sequence's items are copied first, so `d.extend(d)` doubles d.
    let Some(items) = vm.sequence_items(src) else {
        crate::builtins::not_iterable_check(vm, src)?;
        let f = vm.prelude_fn("_deque_extend");
        return Ok(Ret::TailCall(f, vec![args[0], src, Value::Bool(left), Value::None]));
    };
    vm.heap.grew(items.len() * 16);
    // With maxlen 0 CPython only consumes the iterable (the deque does not change).
    if let Some(d) = deque_mut(vm, r).filter(|d| d.maxlen != Some(0)) {
        for v in items {
            if left {
                d.push_front(v);
            } else {
                d.push_back(v);
            }
        }
    }
    Ok(Value::None.into())
}

fn extend(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    extend_end(vm, args, kwnames, false)
}

fn extendleft(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    extend_end(vm, args, kwnames, true)
}

fn clear(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let r = noargs(vm, args, kwnames, "clear")?;
    if let Some(d) = deque_mut(vm, r).filter(|d| !d.items.is_empty()) {
        d.items.clear();
        d.bump();
    }
    Ok(Value::None.into())
}

fn copy(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let r = noargs(vm, args, kwnames, "copy")?;
    Ok(vm.copy_deque(r).into())
}

fn count(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let r = onearg(vm, args, kwnames, "count")?;
    let x = args[1];
    let items: Vec<Value> = deque_of(vm, r).items.iter().copied().collect();
    if vm.eq_in_python(&items, x) {
        return Ok(Ret::TailCall(vm.prelude_fn("_seq_count"), vec![args[0], x]));
    }
    let mut n = 0;
    for v in items {
        if v.is(x) || vm.values_equal(v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n).into())
}

/// Whether finding `x` among `items` needs the prelude: a user `__eq__` to call, or a user
/// `__repr__` for the "x is not in deque" message.
fn search_in_python(vm: &mut Vm, items: &[Value], x: Value) -> bool {
    vm.eq_in_python(items, x) || vm.needs_python_text(x, bits::REPR)
}

fn not_found(vm: &mut Vm, x: Value) -> Exc {
    match vm.repr_string(x) {
        Ok(s) => vm.value_error(&format!("{s} is not in deque")),
        Err(e) => e,
    }
}

fn index(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let r = receiver(vm, args, "index")?;
    no_kwargs(vm, kwnames, "index")?;
    let n_args = args.len() - 1;
    if n_args == 0 {
        return Err(vm.type_error("index() takes at least 1 argument (0 given)"));
    }
    if n_args > 3 {
        return Err(vm.type_error(&format!("index() takes at most 3 arguments ({n_args} given)")));
    }
    let x = args[1];
    let start = match args.get(2) {
        Some(v) => slice_index_arg(vm, *v)?,
        None => 0,
    };
    let stop = match args.get(3) {
        Some(v) => slice_index_arg(vm, *v)?,
        None => i64::MAX,
    };
    let items: Vec<Value> = deque_of(vm, r).items.iter().copied().collect();
    let n = items.len() as i64;
    // CPython's clamping: negative bounds count from the end, then both fall inside 0..=n.
    let norm = |i: i64| if i < 0 { i.saturating_add(n).max(0) } else { i };
    let stop = norm(stop).min(n);
    let start = norm(start).min(stop);
    if search_in_python(vm, &items, x) {
        let f = vm.prelude_fn("_deque_index");
        return Ok(Ret::TailCall(f, vec![args[0], x, Value::Int(start), Value::Int(stop)]));
    }
    for i in start..stop {
        let v = items[i as usize];
        if v.is(x) || vm.values_equal(v, x)? {
            return Ok(Value::Int(i).into());
        }
    }
    Err(not_found(vm, x))
}

fn insert(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let r = receiver(vm, args, "insert")?;
    no_kwargs(vm, kwnames, "insert")?;
    if args.len() != 3 {
        return Err(vm.type_error(&format!("insert() takes exactly 2 arguments ({} given)", args.len() - 1)));
    }
    let i = ssize_arg(vm, args[1])?;
    let d = deque_of(vm, r);
    let n = d.items.len() as i64;
    if d.maxlen == Some(d.items.len()) {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    let pos = if i < 0 { i.saturating_add(n).max(0) } else { i.min(n) };
    if let Some(d) = deque_mut(vm, r) {
        d.items.insert(pos as usize, args[2]);
        d.bump();
    }
    Ok(Value::None.into())
}

fn remove(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let r = onearg(vm, args, kwnames, "remove")?;
    let x = args[1];
    let items: Vec<Value> = deque_of(vm, r).items.iter().copied().collect();
    if search_in_python(vm, &items, x) {
        return Ok(Ret::TailCall(vm.prelude_fn("_deque_remove"), vec![args[0], x]));
    }
    for (i, v) in items.into_iter().enumerate() {
        if v.is(x) || vm.values_equal(v, x)? {
            if let Some(d) = deque_mut(vm, r) {
                d.items.remove(i);
                d.bump();
            }
            return Ok(Value::None.into());
        }
    }
    Err(not_found(vm, x))
}

fn reverse(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let r = noargs(vm, args, kwnames, "reverse")?;
    if let Some(d) = deque_mut(vm, r) {
        d.items.make_contiguous().reverse();
    }
    Ok(Value::None.into())
}

fn rotate(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let r = receiver(vm, args, "rotate")?;
    no_kwargs(vm, kwnames, "rotate")?;
    if args.len() > 2 {
        return Err(vm.type_error(&format!("deque.rotate expected at most 1 argument, got {}", args.len() - 1)));
    }
    let steps = match args.get(1) {
        Some(v) => ssize_arg(vm, *v)?,
        None => 1,
    };
    if let Some(d) = deque_mut(vm, r).filter(|d| d.items.len() > 1) {
        d.bump();
        let k = steps.rem_euclid(d.items.len() as i64) as usize;
        d.items.rotate_right(k);
    }
    Ok(Value::None.into())
}

/// `_deque_state(d)`: the deque's mutation count.
fn state_native(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let r = receiver(vm, args, "_deque_state")?;
    Ok(Value::Int(deque_of(vm, r).state as i64).into())
}

impl Vm {
    pub(crate) fn is_deque(&self, v: Value) -> bool {
        deque_ref(self, v).is_some()
    }

    /// The items of a deque (empty for anything else).
    pub(crate) fn deque_items(&self, v: Value) -> Vec<Value> {
        match deque_ref(self, v) {
            Some(r) => deque_of(self, r).items.iter().copied().collect(),
            None => Vec::new(),
        }
    }

    /// A new deque with `r`'s items and maxlen.
    pub(crate) fn copy_deque(&mut self, r: ObjRef) -> Value {
        let d = deque_of(self, r);
        let copy = DequeObj { items: d.items.clone(), maxlen: d.maxlen, state: 0 };
        Value::Obj(self.heap.alloc(HeapObj::Deque(Box::new(copy))))
    }

    /// Appends natively iterable items to a deque (`d += items`); false when `src` must be
    /// iterated in Python.
    pub(crate) fn deque_extend_native(&mut self, r: ObjRef, src: Value) -> Result<bool, Exc> {
        let Some(items) = self.sequence_items(src) else {
            crate::builtins::not_iterable_check(self, src)?;
            return Ok(false);
        };
        if let Some(d) = deque_mut(self, r).filter(|d| d.maxlen != Some(0)) {
            for v in items {
                d.push_back(v);
            }
        }
        Ok(true)
    }

    /// `a + b` for a deque `a`: a copy of `a` (with its maxlen) extended by deque `b`.
    pub(crate) fn deque_concat(&mut self, a: ObjRef, b: Value) -> Result<Value, Exc> {
        if !self.is_deque(b) {
            let t = self.type_name(b);
            return Err(self.type_error(&format!("can only concatenate deque (not \"{t}\") to deque")));
        }
        let items = self.deque_items(b);
        let out = self.copy_deque(a);
        if let Some(d) = out.as_obj().and_then(|r| deque_mut(self, r)) {
            for v in items {
                d.push_back(v);
            }
            d.state = 0;
        }
        Ok(out)
    }

    /// The items of `n` copies of deque `r` that a deque of its maxlen keeps (the last ones).
    fn deque_repeated(&mut self, r: ObjRef, n: i64) -> Result<VecDeque<Value>, Exc> {
        let d = deque_of(self, r);
        let len = d.items.len();
        let n = n.max(0) as usize;
        let total = len.checked_mul(n);
        let keep = match (d.maxlen, total) {
            (Some(m), Some(t)) => t.min(m),
            (Some(m), None) => m,
            (None, Some(t)) => t,
            (None, None) => usize::MAX,
        };
        let budget = (1usize << 34).min(self.heap.limit.saturating_sub(self.heap.bytes)) / 16;
        if keep > budget {
            return Err(self.memory_error());
        }
        let mut out: VecDeque<Value> = VecDeque::new();
        if out.try_reserve_exact(keep).is_err() {
            return Err(self.memory_error());
        }
        if keep > 0 {
            // The kept items are the tail of the repetition: they start at the item that
            // `keep` before the end of a whole number of copies.
            let first = (len - keep % len) % len;
            let d = deque_of(self, r);
            out.extend(d.items.iter().cycle().skip(first).take(keep).copied());
        }
        Ok(out)
    }

    /// `d * n`: a new deque with d's maxlen.
    pub(crate) fn deque_repeat(&mut self, r: ObjRef, n: i64) -> Result<Value, Exc> {
        let items = self.deque_repeated(r, n)?;
        let maxlen = deque_of(self, r).maxlen;
        let out = DequeObj { items, maxlen, state: 0 };
        Ok(Value::Obj(self.heap.alloc(HeapObj::Deque(Box::new(out)))))
    }

    /// `d *= n`.
    pub(crate) fn deque_repeat_in_place(&mut self, r: ObjRef, n: i64) -> Result<(), Exc> {
        let len = deque_of(self, r).items.len();
        if n == 1 || (len == 0 && n > 0) {
            return Ok(());
        }
        let items = self.deque_repeated(r, n)?;
        if let Some(d) = deque_mut(self, r) {
            if !(d.items.is_empty() && items.is_empty()) {
                d.bump();
            }
            d.items = items;
        }
        Ok(())
    }

    /// The deque index `k` as CPython's `sq_item` takes it (no slices).
    fn deque_index(&mut self, r: ObjRef, k: Value) -> Result<usize, Exc> {
        let i = match k {
            Value::Int(i) => i,
            Value::Bool(b) => b as i64,
            _ if self.is_int(k) => return Err(self.index_error("cannot fit 'int' into an index-sized integer")),
            _ => {
                let t = self.type_name(k);
                return Err(self.type_error(&format!("sequence index must be integer, not '{t}'")));
            }
        };
        let n = deque_of(self, r).items.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(self.index_error("deque index out of range"));
        }
        Ok(j as usize)
    }

    /// `d[k]`.
    pub(crate) fn deque_get_item(&mut self, r: ObjRef, k: Value) -> Result<Value, Exc> {
        let i = self.deque_index(r, k)?;
        Ok(deque_of(self, r).items.get(i).copied().unwrap_or(Value::None))
    }

    /// `d[k] = v` (not a mutation iterators notice, as in CPython).
    pub(crate) fn deque_set_item(&mut self, r: ObjRef, k: Value, v: Value) -> Result<(), Exc> {
        let i = self.deque_index(r, k)?;
        if let Some(slot) = deque_mut(self, r).and_then(|d| d.items.get_mut(i)) {
            *slot = v;
        }
        Ok(())
    }

    /// `del d[k]`.
    pub(crate) fn deque_del_item(&mut self, r: ObjRef, k: Value) -> Result<(), Exc> {
        let i = self.deque_index(r, k)?;
        if let Some(d) = deque_mut(self, r) {
            d.items.remove(i);
            d.bump();
        }
        Ok(())
    }

    /// A forward or reverse iterator over deque `r`.
    pub(crate) fn deque_iter(&mut self, r: ObjRef, reverse: bool) -> Value {
        let d = deque_of(self, r);
        let len = d.items.len();
        let index = if reverse { len.saturating_sub(1) } else { 0 };
        let state = IterState::Deque { deque: r, index, remaining: len, state: d.state, reverse };
        Value::Obj(self.heap.alloc(HeapObj::Iter(state)))
    }

    /// Advances a deque iterator. A mutation of the deque since iteration began is an error
    /// on every later call, even past the end, as in CPython.
    pub(crate) fn deque_iter_next(&mut self, it: ObjRef) -> Result<Option<Value>, Exc> {
        let HeapObj::Iter(st) = self.heap.get(it) else { return Ok(None) };
        let IterState::Deque { deque, index, remaining, state, reverse } = *st else { return Ok(None) };
        let d = deque_of(self, deque);
        if d.state != state {
            if let HeapObj::Iter(IterState::Deque { remaining, .. }) = self.heap.get_mut(it) {
                *remaining = 0;
            }
            return Err(self.runtime_error("deque mutated during iteration"));
        }
        if remaining == 0 {
            return Ok(None);
        }
        let v = d.items.get(index).copied();
        if let HeapObj::Iter(IterState::Deque { index, remaining, .. }) = self.heap.get_mut(it) {
            *remaining -= 1;
            if reverse {
                *index = index.wrapping_sub(1);
            } else {
                *index += 1;
            }
        }
        Ok(v)
    }

    /// Whether `a += b` extends a list or deque from an iterable only Python can iterate (a
    /// generator, an object with `__iter__`): the prelude's `_inplace_extend` does it.
    pub(crate) fn inplace_extends_in_python(&self, a: Value, b: Value) -> bool {
        let (Value::Obj(ra), Value::Obj(rb)) = (a, b) else { return false };
        matches!(self.heap.get(ra), HeapObj::List(_) | HeapObj::Deque(_))
            && (matches!(self.heap.get(rb), HeapObj::Generator(_)) || self.iterates_in_python(b))
    }

    /// `d.maxlen`.
    pub(crate) fn deque_maxlen(&self, r: ObjRef) -> Value {
        match deque_of(self, r).maxlen {
            Some(m) => Value::Int(m as i64),
            None => Value::None,
        }
    }

    /// Whether comparing two deques needs the prelude (an item has comparison methods).
    pub(crate) fn deque_compares_in_python(&self, v: Value) -> bool {
        match deque_ref(self, v) {
            Some(r) => deque_of(self, r).items.iter().any(|x| self.specials(*x) & bits::COMPARE != 0),
            None => false,
        }
    }

    /// The error for assigning or deleting `d.maxlen`.
    pub(crate) fn deque_maxlen_not_writable(&mut self) -> Exc {
        self.exc_msg(ExcKind::AttributeError, "attribute 'maxlen' of 'collections.deque' objects is not writable")
    }
}
