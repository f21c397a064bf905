//! Heap frames. A frame is one activation of a code object: its instruction pointer, its locals
//! and operand stack in one vector (locals first), its cells, and what to do with its result
//! (`Link`). Frames move between the VM's frame stack and the generator that owns them, so
//! suspending a generator is moving one `Box<Frame>`.

use crate::object::LoadedCode;
use crate::value::{ObjRef, Value};
use std::rc::Rc;

/// How a frame's outcome reaches whoever started or resumed it.
#[derive(Clone, Copy, Debug)]
pub enum Link {
    /// An ordinary call: the return value is pushed on the caller's stack.
    Call,
    /// A generator resumed by `ForIter`: a yield pushes the value; a return pops the iterator
    /// and jumps to the loop exit at the given offset.
    ForIter(u32),
    /// Resumed by `next()`, `send()`, `throw()` or `__next__`: a yield is the call's result, a
    /// return raises StopIteration(value) in the caller.
    Send,
    /// `next(gen, default)`: like `Send`, but a return gives the default.
    NextDefault(Value),
    /// Resumed by `close()`: a return (or GeneratorExit) gives None, a yield is a RuntimeError.
    Close,
    /// Started by the host (module body, embedding calls): the loop returns to the host.
    Host,
    /// A call made for its effect (a property setter or deleter): the return value is dropped.
    Discard,
    /// The truth test of `JumpIfTrueOrPop`/`JumpIfFalseOrPop` on an object with `__bool__` or
    /// `__len__` (the call returns a bool): jump to `target` keeping the tested value when the
    /// result equals `jump_if`, else pop the value and fall through.
    OrPop { target: u32, jump_if: bool },
    /// `__next__` called by `ForIter`: a return pushes the item; StopIteration leaving the
    /// call pops the iterator and jumps to the loop exit at the given offset.
    ForNext(u32),
    /// `__init__` called by instantiating a class: a return of None pushes the new instance;
    /// any other value is CPython's TypeError.
    Init(ObjRef),
}

pub struct Frame {
    pub code: Rc<LoadedCode>,
    pub ip: usize,
    /// Locals (`code.varnames.len()` slots), then the operand stack.
    pub stack: Vec<Value>,
    /// Cells of this code's cell variables, then the closure's cells.
    pub cells: Box<[ObjRef]>,
    pub globals: ObjRef,
    /// The exception being handled by an `except`/`finally` block of this frame, or Undef.
    pub exc_info: Value,
    pub link: Link,
    /// The generator that owns this frame, if it is a generator's.
    pub gen: Option<ObjRef>,
    /// For a generator frame running as part of a `yield from` chain: the chain's root (the
    /// generator the resumer addressed).
    pub root: Option<ObjRef>,
    /// Closing a `yield from` chain: finishing hands GeneratorExit to the delegator.
    pub closing: bool,
    /// The class namespace for class bodies (`LoadName`/`StoreName`); for a function frame, the
    /// dict `locals()` returns (one per activation, refreshed at each call, as CPython's
    /// `f_locals`); Undef until needed.
    pub locals_dict: Value,
}

impl Frame {
    /// A number identifying this activation in tracebacks: the address of its stack buffer,
    /// stable while the frame lives (the buffer is allocated once at its full size).
    pub fn activation_id(&self) -> usize {
        self.stack.as_ptr() as usize
    }
}

impl Frame {
    /// Readies a pooled frame for a new activation with `globals`: at its start, handling no
    /// exception, called plainly, owned by no generator, without cells (the caller sets its
    /// code and stack).
    #[inline(always)]
    pub(crate) fn reset(&mut self, globals: ObjRef) {
        self.ip = 0;
        self.globals = globals;
        self.exc_info = Value::Undef;
        self.link = Link::Call;
        self.gen = None;
        self.root = None;
        self.closing = false;
        self.locals_dict = Value::Undef;
        if !self.cells.is_empty() {
            self.cells = Box::new([]);
        }
    }

    pub fn nlocals(&self) -> usize {
        self.code.code.varnames.len()
    }

    /// Calls `f` on every value the frame holds (for the collector).
    pub fn trace(&self, f: &mut dyn FnMut(Value)) {
        for v in &self.stack {
            f(*v);
        }
        for c in self.cells.iter() {
            f(Value::Obj(*c));
        }
        f(Value::Obj(self.globals));
        f(self.exc_info);
        f(self.locals_dict);
        if let Link::NextDefault(v) = self.link {
            f(v);
        }
        for r in [self.gen, self.root].into_iter().flatten() {
            f(Value::Obj(r));
        }
    }

    /// The line being executed (of the instruction just before `ip`).
    pub fn line(&self) -> u32 {
        self.code.code.line_for(self.ip.saturating_sub(1) as u32)
    }
}
