//! Watching the dispatch loop for `coro profile` and `coro trace`. When an `Observer` is
//! installed, the loop runs its observing instance (`run_loop::<true>` in `interp.rs`), which
//! calls in here before every instruction, at the start of a run and whenever an exception
//! unwinds a frame; the ordinary instance has none of these calls.
//!
//! The VM switches frames in many places (calls, returns, natives asking for a call or a resume,
//! yields, `yield from`, unwinding), so instead of hooks at each, the observer keeps a shadow of
//! the Python-level stack and compares it with the running frame at each instruction: a frame
//! one level deeper whose caller is the old top was entered (a call, or a resume of a generator),
//! a frame found lower in the shadow was returned to (a return, a yield, an exception), and a
//! frame replacing the top at the same depth is a `yield from` delegation or its end. The last
//! instruction of the old frame says which. Frames are identified by the address of their box,
//! which is stable while a frame lives (a generator's frame keeps its box while suspended).
//! Transfers go to the tracer (`trace.rs`); instructions and times go to the profiler
//! (`profile.rs`).

use crate::frame::{Frame, Link};
use crate::object::{GenState, HeapObj, LoadedCode};
use crate::profile::Profile;
use crate::trace::{brief, Trace};
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};
use coro_compiler::opcode::Op;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

/// Index of a code object in `Observer::funcs`.
pub type FuncId = usize;

/// What a code object is the body of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FuncKind {
    Module,
    Class,
    Function,
    Generator,
}

/// A code object that ran.
pub struct Func {
    pub code: Rc<LoadedCode>,
    /// The dotted path (`outer.inner`, `Class.method`), `<module>` for a module body.
    pub name: String,
    pub kind: FuncKind,
    /// The VM's own Python-written builtins (and class bodies): the tracer looks through them.
    pub hidden: bool,
    /// Generator objects of this function seen so far.
    pub instances: u32,
}

/// Who takes part in a transfer: a function (all its activations) or one generator object
/// (the `n`th of its function).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Who {
    Func(FuncId),
    Gen(FuncId, u32),
}

/// How a generator was resumed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Resume {
    /// `next()`, a `for` loop, `__next__`.
    Next,
    Send,
    Throw,
    Close,
}

/// A control transfer between two frames.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum How {
    /// A function frame was entered.
    Call,
    /// A generator frame was entered.
    Resume(Resume),
    /// A function returned.
    Return,
    /// A generator yielded to its resumer.
    Yield,
    /// A generator returned to its resumer; `Link` said how the resumer takes it.
    Finish(FinishedBy),
    /// An exception left the frame.
    Raise,
    /// `yield from`: the delegator handed control to its delegate.
    Delegate,
    /// The delegate returned: the `yield from` in its delegator has its value.
    DelegateReturn,
    /// The delegate raised into its delegator.
    DelegateRaise,
}

/// What a generator's return meant to its resumer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FinishedBy {
    /// `next()`/`send()`: StopIteration(value).
    StopIteration,
    /// A `for` loop ends.
    LoopEnd,
    /// `next(gen, default)` gives the default.
    Default,
    /// `close()` returns.
    Closed,
}

/// One frame of the shadow stack.
struct Entry {
    frame: *const Frame,
    /// `vm.frames.len()` while this frame runs.
    depth: usize,
    func: FuncId,
    gen: Option<ObjRef>,
    who: Who,
    /// The nearest visible participant: `who`, or for a hidden frame the one below it.
    shown: Option<Who>,
    /// For a generator running as a `yield from` delegate: its delegators, the chain's root first.
    chain: Vec<(FuncId, Who)>,
    /// The profiler's stack node (root first: the frames below, the chain, this one).
    node: u32,
}

/// The instruction the observer saw last.
#[derive(Default)]
struct Last {
    frame: Option<*const Frame>,
    op: Option<Op>,
    /// `Return`/`Yield`: the value (tracing only).
    value: Option<String>,
    /// `Return`: the frame's link.
    link: Option<Link>,
    /// Call instructions: the callee's name when it is a native, and its first argument
    /// (tracing only).
    callee: Option<&'static str>,
    arg: Option<String>,
}

/// The state of one generator object the observer has seen.
struct GenInfo {
    func: FuncId,
    who: Who,
    started: bool,
}

/// The profiler and the tracer, with the shadow stack they share. Install with
/// `Vm::set_observer`, take back with `Vm::take_observer`.
pub struct Observer {
    pub funcs: Vec<Func>,
    by_code: HashMap<*const LoadedCode, FuncId>,
    stack: Vec<Entry>,
    gens: HashMap<ObjRef, GenInfo>,
    last: Last,
    /// The exception unwinding (tracing: its brief form).
    pending_exc: Option<String>,
    /// When the last frame switch happened (the running frame's self time starts there).
    switched_at: Instant,
    pub profile: Option<Profile>,
    pub trace: Option<Trace>,
}

impl Observer {
    /// An observer that profiles, traces, or both.
    pub fn new(profile: Option<Profile>, trace: Option<Trace>) -> Observer {
        Observer {
            funcs: Vec::new(),
            by_code: HashMap::new(),
            stack: Vec::new(),
            gens: HashMap::new(),
            last: Last::default(),
            pending_exc: None,
            switched_at: Instant::now(),
            profile,
            trace,
        }
    }

    /// Ends the observation: the frames still on the shadow stack stop their clocks now.
    pub fn finish(&mut self) {
        let now = Instant::now();
        self.charge_self_time(now);
        while let Some(e) = self.stack.pop() {
            self.deactivate(&e, now);
        }
    }

    fn func_of(&mut self, code: &Rc<LoadedCode>) -> FuncId {
        let key = Rc::as_ptr(code);
        if let Some(id) = self.by_code.get(&key) {
            return *id;
        }
        let c = &code.code;
        let kind = if c.flags.generator {
            FuncKind::Generator
        } else if c.flags.is_function {
            FuncKind::Function
        } else if &*c.name == "<module>" {
            FuncKind::Module
        } else {
            FuncKind::Class
        };
        let name = if kind == FuncKind::Module { "<module>".to_string() } else { coro_compiler::dis::dotted_path(c) };
        let hidden = c.flags.hidden || kind == FuncKind::Class;
        let id = self.funcs.len();
        self.funcs.push(Func { code: code.clone(), name, kind, hidden, instances: 0 });
        self.by_code.insert(key, id);
        id
    }

    /// Who generator `g` (of function `func`) is; `fresh` when it has not run yet (a new object
    /// may reuse the heap slot of a collected one).
    fn gen_who(&mut self, g: ObjRef, func: FuncId, fresh: bool) -> Who {
        if let Some(info) = self.gens.get_mut(&g) {
            if info.func == func && !(fresh && info.started) {
                info.started |= fresh;
                return info.who;
            }
        }
        self.funcs[func].instances += 1;
        let who = Who::Gen(func, self.funcs[func].instances);
        self.gens.insert(g, GenInfo { func, who, started: fresh });
        who
    }

    fn visible(&self, func: FuncId) -> bool {
        !self.funcs[func].hidden
    }

    /// The observing loop is about to execute `op` at `ip` in `f`.
    pub(crate) fn instr(&mut self, vm: &Vm, f: &Frame, ip: usize, op: Op) {
        let cur = f as *const Frame;
        let same = matches!(self.stack.last(), Some(t) if t.frame == cur && t.depth == vm.frames.len());
        if !same {
            self.switch(vm, f, ip);
        }
        let continues = self.last.frame == Some(cur);
        if continues && matches!(self.last.op, Some(Op::Call | Op::CallKw | Op::CallEx | Op::CallMethod)) {
            self.note_created(vm, f);
        }
        if let (Some(p), Some(top)) = (self.profile.as_mut(), self.stack.last()) {
            let prev = if continues { self.last.op } else { None };
            p.instr(top.func, top.node, ip, op, prev);
        }
        self.last = Last { frame: Some(cur), op: Some(op), ..Last::default() };
        match op {
            Op::Return => {
                self.last.link = Some(f.link);
                if self.trace.is_some() {
                    self.last.value = f.stack.last().map(|v| brief(vm, *v));
                }
            }
            Op::Yield if self.trace.is_some() => self.last.value = f.stack.last().map(|v| brief(vm, *v)),
            Op::Call | Op::CallMethod if self.trace.is_some() => self.note_callee(vm, f, op, ip),
            _ => {}
        }
    }

    /// An exception is unwinding through `f`.
    pub(crate) fn unwind(&mut self, vm: &Vm, f: &Frame, err: Exc) {
        let cur = f as *const Frame;
        if !matches!(self.stack.last(), Some(t) if t.frame == cur && t.depth == vm.frames.len()) {
            self.switch(vm, f, f.ip);
        }
        if self.trace.is_some() {
            self.pending_exc = Some(brief(vm, Value::Obj(err.0)));
        }
        self.last = Last::default();
    }

    /// A run of the loop starts with `f` (the host's frame): the shadow stack is rebuilt.
    pub(crate) fn run_start(&mut self, vm: &Vm, f: &Frame) {
        let now = Instant::now();
        self.charge_self_time(now);
        self.resync(vm, f, f.ip, now);
        if let (Some(p), Some(top)) = (self.profile.as_mut(), self.stack.last()) {
            p.entered(top.func);
        }
        self.last = Last::default();
    }

    /// Records the name of a native callee and its first argument (`send(v)`, `throw(E)`).
    fn note_callee(&mut self, vm: &Vm, f: &Frame, op: Op, ip: usize) {
        let n = f.code.bytes.get(ip + 1).copied().unwrap_or(0) as usize;
        let len = f.stack.len();
        let (callee, first) = match op {
            Op::Call if len > n => (f.stack[len - n - 1], (n > 0).then(|| f.stack[len - n])),
            Op::CallMethod if len > n + 1 => {
                let base = len - n - 2;
                let (callee, this) = (f.stack[base], f.stack[base + 1]);
                // The arguments proper start above the receiver slot whatever it holds.
                (if callee.is_undef() { this } else { callee }, (n > 0).then(|| f.stack[base + 2]))
            }
            _ => return,
        };
        if let Value::Obj(r) = callee {
            if let HeapObj::Builtin(b) = vm.heap.get(r) {
                self.last.callee = Some(b.name);
                self.last.arg = first.map(|v| brief(vm, v));
            }
        }
    }

    /// After a call in the same frame: a generator object on top of the stack that has not run
    /// was just created.
    fn note_created(&mut self, vm: &Vm, f: &Frame) {
        let Some(Value::Obj(g)) = f.stack.last().copied() else { return };
        let HeapObj::Generator(x) = vm.heap.get(g) else { return };
        if x.state != GenState::Created {
            return;
        }
        let func = self.func_of(&x.code);
        if matches!(self.gens.get(&g), Some(i) if i.func == func && !i.started) {
            return;
        }
        self.gen_who(g, func, false);
        if let Some(p) = self.profile.as_mut() {
            p.gen_created();
        }
    }

    fn charge_self_time(&mut self, now: Instant) {
        if let (Some(p), Some(top)) = (self.profile.as_mut(), self.stack.last()) {
            p.self_time(top.func, now.duration_since(self.switched_at));
        }
        self.switched_at = now;
    }

    /// The running frame is not the shadow's top: work out what happened.
    fn switch(&mut self, vm: &Vm, f: &Frame, ip: usize) {
        let now = Instant::now();
        self.charge_self_time(now);
        let cur = f as *const Frame;
        let depth = vm.frames.len();
        let Some(top) = self.stack.last() else {
            self.resync(vm, f, ip, now);
            return;
        };
        let caller = vm.frames.last().map(|b| &**b as *const Frame);
        if depth == top.depth + 1 && caller == Some(top.frame) {
            self.enter(vm, f, ip, now);
        } else if let Some(i) = self.stack.iter().rposition(|e| e.frame == cur && e.depth == depth) {
            while self.stack.len() > i + 1 {
                self.exit(vm, f, now);
            }
        } else if depth == top.depth && self.stack.len() >= 2 {
            self.replace(vm, f, ip, now);
        } else {
            self.resync(vm, f, ip, now);
        }
    }

    /// Rebuilds the shadow stack from the VM's frames, reporting no transfers.
    fn resync(&mut self, vm: &Vm, f: &Frame, ip: usize, now: Instant) {
        while let Some(e) = self.stack.pop() {
            self.deactivate(&e, now);
        }
        for (depth, fr) in vm.frames.iter().enumerate() {
            let e = self.entry(vm, fr, depth, fr.ip);
            self.activate(&e, now);
            self.stack.push(e);
        }
        let e = self.entry(vm, f, vm.frames.len(), ip);
        self.activate(&e, now);
        self.stack.push(e);
    }

    /// A shadow entry for frame `f` running at `depth`, about to execute `ip`.
    fn entry(&mut self, vm: &Vm, f: &Frame, depth: usize, ip: usize) -> Entry {
        let func = self.func_of(&f.code);
        let mut chain = Vec::new();
        let who = match f.gen {
            Some(g) => {
                let mut cur = g;
                while let Some(p) = vm.gen(cur).and_then(|x| x.delegator) {
                    if chain.len() > vm.recursion_limit {
                        break;
                    }
                    if let Some(code) = vm.gen(p).map(|x| x.code.clone()) {
                        let pf = self.func_of(&code);
                        let pw = self.gen_who(p, pf, false);
                        chain.push((pf, pw));
                    }
                    cur = p;
                }
                chain.reverse();
                self.gen_who(g, func, ip == 0)
            }
            None => Who::Func(func),
        };
        let below = self.stack.last();
        let shown = if self.visible(func) {
            Some(who)
        } else {
            chain.iter().rev().find(|(pf, _)| self.visible(*pf)).map(|(_, w)| *w).or(below.and_then(|b| b.shown))
        };
        let mut node = below.map(|b| b.node).unwrap_or(0);
        if let Some(p) = self.profile.as_mut() {
            for (pf, _) in &chain {
                node = p.child(node, *pf);
            }
            node = p.child(node, func);
        }
        Entry { frame: f as *const Frame, depth, func, gen: f.gen, who, shown, chain, node }
    }

    fn activate(&mut self, e: &Entry, now: Instant) {
        if let Some(p) = self.profile.as_mut() {
            for (pf, _) in &e.chain {
                p.activate(*pf, now);
            }
            p.activate(e.func, now);
        }
    }

    fn deactivate(&mut self, e: &Entry, now: Instant) {
        if let Some(p) = self.profile.as_mut() {
            p.deactivate(e.func, now);
            for (pf, _) in e.chain.iter().rev() {
                p.deactivate(*pf, now);
            }
        }
    }

    /// `f` was entered from the shadow's top: a call or a resume.
    fn enter(&mut self, vm: &Vm, f: &Frame, ip: usize, now: Instant) {
        let e = self.entry(vm, f, vm.frames.len(), ip);
        self.activate(&e, now);
        let how = match e.gen {
            None => How::Call,
            Some(_) => How::Resume(match f.link {
                Link::Close => Resume::Close,
                Link::Send => match self.last.callee {
                    Some("send") => Resume::Send,
                    Some("throw") => Resume::Throw,
                    _ => Resume::Next,
                },
                _ => Resume::Next,
            }),
        };
        if let Some(p) = self.profile.as_mut() {
            p.entered(e.func);
            if let Some(g) = e.gen {
                p.gen_resumed(&Self::chain_gens(vm, g));
            }
        }
        if self.trace.is_some() {
            let detail = match how {
                How::Call => Some(self.call_args(vm, f)),
                How::Resume(Resume::Send) | How::Resume(Resume::Throw) => self.last.arg.take(),
                _ => None,
            };
            let from = self.stack.last().and_then(|b| b.shown);
            self.record(from, &e, how, detail, true);
        }
        self.stack.push(e);
    }

    /// The parameters a function was called with, from its frame's first locals.
    fn call_args(&self, vm: &Vm, f: &Frame) -> String {
        let c = &f.code.code;
        let n = (c.argcount + c.kwonlyargcount) as usize + c.flags.varargs as usize + c.flags.varkw as usize;
        let args: Vec<String> = f.stack.iter().take(n.min(f.stack.len())).map(|v| brief(vm, *v)).collect();
        args.join(", ")
    }

    /// The shadow's top frame left; `f` (lower in the shadow) runs now.
    fn exit(&mut self, vm: &Vm, f: &Frame, now: Instant) {
        let Some(e) = self.stack.pop() else { return };
        self.deactivate(&e, now);
        let by_last = self.last.frame == Some(e.frame);
        let last_op = if by_last { self.last.op } else { None };
        let how = match (last_op, e.gen) {
            (Some(Op::Return), None) => How::Return,
            (Some(Op::Return), Some(_)) => How::Finish(match self.last.link {
                Some(Link::ForIter(_)) => FinishedBy::LoopEnd,
                Some(Link::NextDefault(_)) => FinishedBy::Default,
                Some(Link::Close) => FinishedBy::Closed,
                _ => FinishedBy::StopIteration,
            }),
            (Some(Op::Yield | Op::YieldFrom), Some(_)) => How::Yield,
            _ => How::Raise,
        };
        if let (Some(p), Some(g)) = (self.profile.as_mut(), e.gen) {
            match how {
                How::Yield => {
                    let gens: Vec<ObjRef> = Self::chain_gens(vm, g);
                    p.gen_yielded(&gens);
                }
                _ => p.gen_finished(g),
            }
        }
        if self.trace.is_some() {
            let detail = match how {
                How::Return | How::Finish(_) => self.last.value.take(),
                How::Yield if last_op == Some(Op::Yield) => self.last.value.take(),
                How::Yield => f.stack.last().map(|v| brief(vm, *v)),
                _ => self.pending_exc.clone(),
            };
            let to = self.stack.last().and_then(|b| b.shown);
            self.record_exit(&e, to, how, detail);
        }
        self.last = Last::default();
    }

    /// The generators of a suspended chain whose leaf is `g`: `g` and its delegators.
    fn chain_gens(vm: &Vm, g: ObjRef) -> Vec<ObjRef> {
        let mut gens = vec![g];
        let mut cur = g;
        while let Some(p) = vm.gen(cur).and_then(|x| x.delegator) {
            if gens.len() > vm.recursion_limit {
                break;
            }
            gens.push(p);
            cur = p;
        }
        gens
    }

    /// `f` took the place of the shadow's top at the same depth: a `yield from` starting or
    /// ending.
    fn replace(&mut self, vm: &Vm, f: &Frame, ip: usize, now: Instant) {
        let Some(old) = self.stack.pop() else { return };
        self.deactivate(&old, now);
        let by_last = self.last.frame == Some(old.frame);
        let last_op = if by_last { self.last.op } else { None };
        let how = match last_op {
            Some(Op::YieldFrom) if f.gen.is_some() => How::Delegate,
            Some(Op::Return) if old.gen.is_some() => How::DelegateReturn,
            _ => How::DelegateRaise,
        };
        let e = self.entry(vm, f, vm.frames.len(), ip);
        self.activate(&e, now);
        if let Some(p) = self.profile.as_mut() {
            match how {
                How::Delegate => {
                    p.entered(e.func);
                    p.gen_delegated(e.chain.len());
                }
                _ => {
                    if let Some(g) = old.gen {
                        p.gen_finished(g);
                    }
                }
            }
        }
        if self.trace.is_some() {
            let detail = match how {
                How::DelegateReturn => self.last.value.take(),
                How::DelegateRaise => self.pending_exc.clone(),
                _ => None,
            };
            match how {
                How::Delegate => self.record(old.shown, &e, how, detail, false),
                _ => self.record_exit(&old, e.shown, how, detail),
            }
        }
        self.stack.push(e);
        self.last = Last::default();
    }

    /// A transfer into `e` from `from`.
    fn record(&mut self, from: Option<Who>, e: &Entry, how: How, detail: Option<String>, via_chain: bool) {
        if !self.visible(e.func) {
            return;
        }
        let Some(trace) = self.trace.as_mut() else { return };
        let via: Vec<Who> = if via_chain {
            e.chain.iter().filter(|(pf, _)| !self.funcs[*pf].hidden).map(|(_, w)| *w).collect()
        } else {
            Vec::new()
        };
        if let Some(from) = from {
            trace.record(from, e.who, how, detail, via);
        }
    }

    /// A transfer out of `e` to `to`.
    fn record_exit(&mut self, e: &Entry, to: Option<Who>, how: How, detail: Option<String>) {
        if !self.visible(e.func) {
            return;
        }
        let via: Vec<Who> = match how {
            How::Yield => e.chain.iter().filter(|(pf, _)| !self.funcs[*pf].hidden).map(|(_, w)| *w).collect(),
            _ => Vec::new(),
        };
        let (Some(trace), Some(to)) = (self.trace.as_mut(), to) else { return };
        trace.record(e.who, to, how, detail, via);
    }
}

impl Vm {
    /// Installs an observer: from the next run of the loop on, the observing instance runs.
    pub fn set_observer(&mut self, o: Observer) {
        self.observer = Some(Box::new(o));
    }

    /// Takes the observer back (finished: the clocks of frames still running stop).
    pub fn take_observer(&mut self) -> Option<Observer> {
        let mut o = self.observer.take()?;
        o.finish();
        Some(*o)
    }

    #[inline(never)]
    pub(crate) fn observe_instr(&mut self, f: &Frame, ip: usize, op: Op) {
        if let Some(mut o) = self.observer.take() {
            o.instr(self, f, ip, op);
            self.observer = Some(o);
        }
    }

    #[inline(never)]
    pub(crate) fn observe_unwind(&mut self, f: &Frame, err: Exc) {
        if let Some(mut o) = self.observer.take() {
            o.unwind(self, f, err);
            self.observer = Some(o);
        }
    }

    #[inline(never)]
    pub(crate) fn observe_run(&mut self, f: &Frame) {
        if let Some(mut o) = self.observer.take() {
            o.run_start(self, f);
            self.observer = Some(o);
        }
    }
}
