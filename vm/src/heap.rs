//! The collected heap: a vector of object slots indexed by `ObjRef`, a free list, and a
//! mark-sweep collector. Collection runs only at safepoints of the dispatch loop, where every
//! live value is reachable from the roots the VM passes in (frames, suspended generators,
//! modules, loaded code, host handles), so native code can hold `Value`s freely between
//! safepoints. Cycles (a task and its callbacks) are reclaimed like any other garbage.

use crate::frame::Frame;
use crate::object::{HeapObj, IterState};
use crate::value::{ObjRef, Value};
use std::collections::HashMap;

/// What makes a builtin-typed object (a list, tuple, str or dict) an instance of a user
/// subclass: its class and, unless the class has `__slots__`, its attribute dict. The object
/// itself stays the builtin object, so every native operation works on it unchanged.
#[derive(Clone, Copy)]
pub struct Derived {
    pub class: ObjRef,
    pub dict: Option<ObjRef>,
}

pub struct Heap {
    objs: Vec<HeapObj>,
    marks: Vec<bool>,
    free: Vec<u32>,
    /// Builtin-typed objects of user subclasses, by slot. Most programs have none, so a
    /// check costs one `is_empty` on the common path. An entry lives as long as its object.
    pub derived: HashMap<u32, Derived>,
    /// Objects allocated since the last collection.
    pub allocated_since_gc: usize,
    /// Collect when `allocated_since_gc` passes this; grows with the live set.
    pub threshold: usize,
    pub live: usize,
    /// Estimated bytes held by live objects (for the memory limit).
    pub bytes: usize,
    /// The memory limit in (estimated) bytes: passing it makes the next safepoint collect, and
    /// if the live heap is still above it the script gets MemoryError. `usize::MAX`: none.
    pub limit: usize,
    pub collections: u64,
}

const MIN_THRESHOLD: usize = 100_000;

impl Default for Heap {
    fn default() -> Self {
        Self::new()
    }
}

impl Heap {
    pub fn new() -> Self {
        Heap {
            objs: Vec::new(),
            marks: Vec::new(),
            free: Vec::new(),
            derived: HashMap::new(),
            allocated_since_gc: 0,
            threshold: MIN_THRESHOLD,
            live: 0,
            bytes: 0,
            limit: usize::MAX,
            collections: 0,
        }
    }

    #[inline]
    pub fn alloc(&mut self, obj: HeapObj) -> ObjRef {
        let bytes = approx_size(&obj);
        self.alloc_sized(obj, bytes)
    }

    /// The reference the next `alloc` returns (so an object can be made knowing its own).
    #[inline]
    pub fn next_ref(&self) -> ObjRef {
        ObjRef(self.free.last().copied().unwrap_or(self.objs.len() as u32))
    }

    /// `alloc` of an object whose `approx_size` the caller knows.
    #[inline]
    pub fn alloc_sized(&mut self, obj: HeapObj, bytes: usize) -> ObjRef {
        self.alloc_with(bytes, || obj)
    }

    /// `alloc_sized` of the object `make` builds, built straight into its slot. An object
    /// passed in is first built on the caller's stack a field at a time (a tag byte, then
    /// words) and then copied to the slot in 16-byte moves, which cannot be forwarded from those
    /// stores and wait for them: perf put half the time of the scheduler's allocations there.
    #[inline(always)]
    pub fn alloc_with(&mut self, bytes: usize, make: impl FnOnce() -> HeapObj) -> ObjRef {
        self.allocated_since_gc += 1;
        self.live += 1;
        self.bytes += bytes;
        if self.bytes > self.limit {
            self.threshold = 0;
        }
        if let Some(i) = self.free.pop() {
            let slot = &mut self.objs[i as usize];
            debug_assert!(matches!(slot, HeapObj::Free));
            // SAFETY: `slot` is a valid, aligned `HeapObj`; a free-list slot holds `Free`,
            // which owns nothing, so overwriting it without dropping it leaks nothing.
            unsafe { std::ptr::write(slot, make()) };
            ObjRef(i)
        } else {
            self.objs.push(make());
            self.marks.push(false);
            ObjRef(self.objs.len() as u32 - 1)
        }
    }

    /// Allocates a class, making its dict a class dict (whose changes invalidate cached class
    /// lookups). Set the MRO with `set_mro`.
    pub fn alloc_class(&mut self, class: crate::object::Class) -> ObjRef {
        if let HeapObj::Dict(d) = self.get_mut(class.dict) {
            d.watch();
        }
        self.alloc(HeapObj::Class(Box::new(class)))
    }

    /// Sets a class's MRO (cached class lookups made before are dropped).
    pub fn set_mro(&mut self, cls: ObjRef, mro: Vec<ObjRef>) {
        if let HeapObj::Class(c) = self.get_mut(cls) {
            c.mro = mro;
        }
        crate::dict::bump_class_epoch();
    }

    #[inline]
    pub fn get(&self, r: ObjRef) -> &HeapObj {
        &self.objs[r.index()]
    }

    #[inline]
    pub fn get_mut(&mut self, r: ObjRef) -> &mut HeapObj {
        &mut self.objs[r.index()]
    }

    /// Replaces an object's contents, returning the old ones (used to move a dict or frame out
    /// temporarily while other heap objects are consulted).
    pub fn replace(&mut self, r: ObjRef, obj: HeapObj) -> HeapObj {
        std::mem::replace(&mut self.objs[r.index()], obj)
    }

    /// A container grew in place by about `bytes` (an append, an insertion): counted now, so
    /// that a loop that only grows a list or dict reaches the memory limit (the next
    /// safepoint collects, recounts, and raises MemoryError if the live heap is over it).
    #[inline]
    pub fn grew(&mut self, bytes: usize) {
        self.bytes += bytes;
        if self.bytes > self.limit {
            self.threshold = 0;
        }
    }

    /// The most bytes one more allocation may take: what the memory limit leaves, and never
    /// more than 16 GiB (past that a request is a script's mistake, and asking the system for
    /// it would abort the process).
    pub fn room(&self) -> usize {
        (1usize << 34).min(self.limit.saturating_sub(self.bytes))
    }

    /// Frees object `r` now, outside a collection, for an object the VM knows nothing else
    /// refers to (a private `yield from` generator that has returned), and hands back its
    /// contents: its slot is reused while still in cache, and it does not count toward the
    /// next collection.
    pub fn free_now(&mut self, r: ObjRef) -> HeapObj {
        let old = std::mem::replace(&mut self.objs[r.index()], HeapObj::Free);
        if !matches!(old, HeapObj::Free) {
            self.bytes = self.bytes.saturating_sub(approx_size(&old));
            self.live -= 1;
            self.allocated_since_gc = self.allocated_since_gc.saturating_sub(1);
            self.free.push(r.0);
        }
        old
    }

    #[inline]
    pub fn should_collect(&self) -> bool {
        self.allocated_since_gc >= self.threshold
    }

    /// Number of slots in use (for tests and stats).
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Marks everything reachable from `roots` and the given frames, then frees the rest.
    pub fn collect<'f>(&mut self, roots: &[Value], frames: impl Iterator<Item = &'f Frame>) {
        let mut gray: Vec<ObjRef> = Vec::new();
        for v in roots {
            self.mark_value(*v, &mut gray);
        }
        for f in frames {
            f.trace(&mut |v| {
                if let Value::Obj(r) = v {
                    if !self.marks[r.index()] {
                        self.marks[r.index()] = true;
                        gray.push(r);
                    }
                }
            });
        }
        // One buffer for every object's children (a vector per object was a malloc each).
        let mut children: Vec<Value> = Vec::new();
        // Every live object passes through the gray list once: it is counted there, while the
        // tracing has it in cache (a separate pass in the sweep read each generator's frame
        // again, a cache miss per live generator).
        let mut bytes = 0;
        loop {
            while let Some(r) = gray.pop() {
                children.clear();
                let obj = &self.objs[r.index()];
                bytes += approx_size(obj);
                trace_obj(obj, &mut |v| children.push(v));
                for c in children.iter() {
                    self.mark_value(*c, &mut gray);
                }
            }
            // A live derived object keeps its class and attribute dict alive.
            let pending: Vec<Value> = self
                .derived
                .iter()
                .filter(|(k, _)| self.marks[**k as usize])
                .flat_map(|(_, d)| [Some(d.class), d.dict])
                .flatten()
                .filter(|r| !self.marks[r.index()])
                .map(Value::Obj)
                .collect();
            if pending.is_empty() {
                break;
            }
            for v in pending {
                self.mark_value(v, &mut gray);
            }
        }
        if !self.derived.is_empty() {
            let marks = &self.marks;
            self.derived.retain(|k, _| marks[*k as usize]);
        }
        let mut live = 0;
        for i in 0..self.objs.len() {
            if self.marks[i] {
                self.marks[i] = false;
                live += 1;
            } else if !matches!(self.objs[i], HeapObj::Free) {
                self.objs[i] = HeapObj::Free;
                self.free.push(i as u32);
            }
        }
        self.live = live;
        self.bytes = bytes;
        self.allocated_since_gc = 0;
        // Still over the limit: the next safepoint (or host entry) collects again, so memory
        // the script releases after its MemoryError is counted as free as soon as possible.
        self.threshold = if bytes > self.limit { 0 } else { MIN_THRESHOLD.max(live) };
        self.collections += 1;
        // A freed class or name string may have its slot reused.
        crate::dict::bump_class_epoch();
    }

    #[inline]
    fn mark_value(&mut self, v: Value, gray: &mut Vec<ObjRef>) {
        if let Value::Obj(r) = v {
            if !self.marks[r.index()] {
                self.marks[r.index()] = true;
                gray.push(r);
            }
        }
    }
}

/// Calls `f` on every value an object references.
fn trace_obj(obj: &HeapObj, f: &mut dyn FnMut(Value)) {
    match obj {
        HeapObj::Str(_) | HeapObj::BigInt(_) | HeapObj::Range { .. } | HeapObj::BigRange(_) | HeapObj::Free => {}
        HeapObj::List(items) => items.iter().for_each(|v| f(*v)),
        HeapObj::Tuple(items) => items.iter().for_each(|v| f(*v)),
        HeapObj::Dict(d) => d.trace(f),
        HeapObj::Set(t) => t.trace(f),
        HeapObj::Slice(parts) => parts.iter().for_each(|v| f(*v)),
        HeapObj::Function(func) => {
            f(Value::Obj(func.globals));
            f(func.name);
            f(func.qualname);
            func.defaults.iter().for_each(|v| f(*v));
            f(func.kwdefaults);
            func.closure.iter().for_each(|c| f(Value::Obj(*c)));
            f(func.module);
            f(func.annotations);
            if let Some(d) = func.dict {
                f(Value::Obj(d));
            }
        }
        HeapObj::Builtin(b) => f(b.this),
        HeapObj::BoundMethod { func, this } => {
            f(*func);
            f(*this);
        }
        HeapObj::Cell(v) => f(*v),
        HeapObj::Code(_) => {}
        HeapObj::Generator(g) => {
            f(Value::Obj(g.name));
            f(Value::Obj(g.qualname));
            if let Some(fr) = &g.frame {
                fr.trace(&mut |v| f(v));
            }
            // (Not `leaf`: a cached leaf is in the chain, or is found stale by its serial.)
            for r in [g.delegate, g.delegator].into_iter().flatten() {
                f(Value::Obj(r));
            }
        }
        HeapObj::Exception(e) => {
            f(Value::Obj(e.class));
            f(e.args);
            f(e.cause);
            f(e.context);
            if let Some(d) = e.dict {
                f(Value::Obj(d));
            }
        }
        HeapObj::Class(c) => {
            c.bases.iter().chain(c.mro.iter()).chain(c.metaclass.iter()).for_each(|r| f(Value::Obj(*r)));
            f(Value::Obj(c.dict));
            c.layout.iter().for_each(|v| f(*v));
        }
        HeapObj::Module(m) => f(Value::Obj(m.dict)),
        HeapObj::Instance { class, dict, values } => {
            f(Value::Obj(*class));
            if let Some(d) = dict {
                f(Value::Obj(*d));
            }
            values.iter().for_each(|v| f(*v));
        }
        HeapObj::ClassMethod(v) | HeapObj::StaticMethod(v) => f(*v),
        HeapObj::Property(p) => p.iter().for_each(|v| f(*v)),
        HeapObj::Super { class, this } => {
            f(Value::Obj(*class));
            f(*this);
        }
        HeapObj::Iter(it) => match *it {
            IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => f(Value::Obj(seq)),
            IterState::Str { s, .. } => f(Value::Obj(s)),
            IterState::Dict { dict, .. } => f(Value::Obj(dict)),
            IterState::Set { set, .. } => f(Value::Obj(set)),
            IterState::Deque { deque, .. } => f(Value::Obj(deque)),
            IterState::Range { .. } | IterState::BigRange(_) | IterState::Exhausted => {}
        },
        HeapObj::DictView { dict, .. } => f(Value::Obj(*dict)),
        HeapObj::Deque(d) => d.items.iter().for_each(|v| f(*v)),
    }
}

/// `approx_size` of a generator beyond the slot, with a frame whose stack holds `stack` values.
#[inline]
pub fn generator_size(stack: Option<usize>) -> usize {
    128 + stack.map_or(0, |n| n * 16 + 96)
}

/// A rough byte count of an object, for the memory limit and statistics.
#[inline]
pub fn approx_size(obj: &HeapObj) -> usize {
    let base = std::mem::size_of::<HeapObj>();
    base + match obj {
        HeapObj::Str(s) => s.s.len(),
        HeapObj::BigInt(b) => (b.bits() / 8) as usize,
        HeapObj::List(v) => v.capacity() * 16,
        HeapObj::Deque(d) => d.items.capacity() * 16,
        HeapObj::Tuple(v) => v.len() * 16,
        HeapObj::Dict(d) => d.approx_bytes(),
        HeapObj::Set(t) => t.approx_bytes(),
        HeapObj::Instance { values, .. } => values.capacity() * 16,
        HeapObj::Generator(g) => generator_size(g.frame.as_ref().map(|f| f.stack.capacity())),
        _ => 32,
    }
}
