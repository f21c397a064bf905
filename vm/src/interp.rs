//! The dispatch loop. One loop runs every Python frame: a call pushes the caller onto
//! `vm.frames` and continues with the callee; a return pops it back; resuming a generator moves
//! its frame in, a yield moves it out. Natives never call back into the loop: they return a
//! `Ret` asking it to call something or resume a generator. Hot state (the running frame and its
//! `ip`) lives in locals and is written back through `save`/`load` around frame switches.

use crate::classes::Attr;
use crate::frame::{Frame, Link};
use crate::generator::ResumeMode;
use crate::inner::back_edge_fuel;
use crate::object::{Function, HeapObj, IterState};
use crate::special::bits;
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};
use coro_compiler::opcode::{format_flags, make_function, BinOpKind, Op};

/// What a native function asks of the loop.
pub enum Ret {
    /// The call's result.
    Value(Value),
    /// Call this callable with these arguments; its result is the native call's result.
    TailCall(Value, Vec<Value>),
    /// Resume a generator; how its outcome arrives is decided by `link`.
    Resume { gen: ObjRef, mode: ResumeMode, link: Link },
    /// Call this callable with positional arguments then keyword values named by `kwnames`.
    Call { callee: Value, args: Vec<Value>, kwnames: Vec<Value> },
    /// Call `init` (a class's Python `__init__`) with `args`, the new instance first: the
    /// instance is the result, once the call has returned None.
    Init { init: Value, args: Vec<Value>, kwnames: Vec<Value> },
    /// Run this frame; its return value is the native call's result.
    Frame(Box<Frame>),
    /// The calling frame's local variables as a dict (`locals()`, `vars()`).
    Locals,
    /// Suspend the whole run: the loop returns to the host with this request
    /// (`Outcome::Suspended`); the host later continues it with the native call's result or an
    /// exception raised where the native was called (see `embed`).
    Suspend(Value),
}

impl From<Value> for Ret {
    fn from(v: Value) -> Ret {
        Ret::Value(v)
    }
}

/// How a run of the loop ended for the host.
pub enum Outcome {
    Returned(Value),
    Yielded(Value),
    /// The run stopped before finishing (out of fuel, or a native asked to suspend); its frames
    /// are in the `Suspension`, and `Vm::continue_run` goes on where it stopped.
    Suspended(Box<Suspension>),
}

/// Why a run was suspended.
pub enum SuspendReason {
    /// The fuel ran out at a loop back edge or a call (which runs again when continued).
    OutOfFuel,
    /// A native returned `Ret::Suspend` with this request; the run continues with a result for
    /// the native's call.
    Request(Value),
}

/// A suspended run: its frames (callers first, the running frame last) and how a result for
/// a suspending native reaches its caller.
pub struct Suspension {
    pub reason: SuspendReason,
    /// Boxed on purpose: frames move back onto the frame stack by pointer.
    #[allow(clippy::vec_box)]
    pub(crate) frames: Vec<Box<Frame>>,
    pub(crate) link: Link,
}

impl Suspension {
    pub(crate) fn new(reason: SuspendReason) -> Box<Suspension> {
        Box::new(Suspension { reason, frames: Vec::new(), link: Link::Call })
    }

    /// Calls `f` on every value the suspended run holds (for the collector).
    pub(crate) fn frames(&self) -> impl Iterator<Item = &Frame> {
        self.frames.iter().map(|b| &**b)
    }

    pub(crate) fn request(&self) -> Value {
        match self.reason {
            SuspendReason::Request(v) => v,
            SuspendReason::OutOfFuel => Value::None,
        }
    }
}

/// Fuel charged for a call: about the instructions a call and return take.
pub(crate) const CALL_FUEL: u64 = 4;

/// What an instruction handler wants the loop to do next (beyond falling through).
pub(crate) enum Flow {
    /// Continue with the (possibly new) current frame.
    Next,
    /// The host-linked frame finished.
    Exit(Outcome),
}

macro_rules! pop {
    ($f:expr) => {
        match $f.stack.pop() {
            Some(v) => v,
            None => Value::None,
        }
    };
}

macro_rules! top {
    ($f:expr) => {
        match $f.stack.last() {
            Some(v) => *v,
            None => Value::None,
        }
    };
}

impl Vm {
    /// Runs `frame` (linked to the host) until it returns, and gives its result.
    pub fn run_frame(&mut self, frame: Box<Frame>) -> Result<Value, Exc> {
        match self.run(frame, None)? {
            Outcome::Returned(v) => Ok(v),
            Outcome::Yielded(v) => Ok(v),
            Outcome::Suspended(s) => {
                // Only the embedding API can continue a suspended run; here it is abandoned.
                self.abandon(*s);
                Err(self.runtime_error("the script was suspended where it cannot be continued"))
            }
        }
    }

    /// The loop. `pending` is an exception to raise in `f` before executing anything (a throw
    /// into a generator frame the host resumed).
    pub(crate) fn run(&mut self, f: Box<Frame>, pending: Option<Exc>) -> Result<Outcome, Exc> {
        let base = self.frames.len();
        self.run_at(f, pending, base)
    }

    /// `run` for a frame whose callers down to `base` are already on the frame stack (a
    /// suspended run being continued).
    pub(crate) fn run_at(&mut self, f: Box<Frame>, pending: Option<Exc>, base: usize) -> Result<Outcome, Exc> {
        self.loops_active += 1;
        // The observing instance (profile, trace) only when an observer is installed: the
        // ordinary instance has no observation code at all.
        let r = if self.observer.is_some() {
            self.run_loop::<true>(f, pending, base)
        } else {
            self.run_loop::<false>(f, pending, base)
        };
        self.loops_active -= 1;
        r
    }

    /// Continues a suspended run: with `input` Ok(v) the suspending native's call gives `v`
    /// (ignored after running out of fuel), with Err(e) the call raises `e` (or, out of fuel,
    /// the instruction where the run stopped raises it).
    pub(crate) fn continue_run(&mut self, mut s: Suspension, input: Result<Value, Exc>) -> Result<Outcome, Exc> {
        let base = self.frames.len();
        let Some(mut f) = s.frames.pop() else { return Err(self.runtime_error("empty suspended run")) };
        self.frames.append(&mut s.frames);
        let pending = match (&s.reason, input) {
            (SuspendReason::OutOfFuel, Ok(_)) => None,
            (SuspendReason::OutOfFuel, Err(e)) => {
                // `ip` is the start of the instruction not yet run; one past it, the handler
                // and line lookups (made at `ip - 1`) see that instruction raise.
                f.ip += 1;
                self.set_context(&f, e);
                Some(e)
            }
            (SuspendReason::Request(_), Ok(v)) => match self.deliver_value(&mut f, s.link, v) {
                Ok(()) => None,
                Err(e) => {
                    self.set_context(&f, e);
                    Some(e)
                }
            },
            (SuspendReason::Request(_), Err(e)) => {
                self.set_context(&f, e);
                Some(e)
            }
        };
        self.run_at(f, pending, base)
    }

    /// Drops a suspended run that will never continue: the generators whose frames it holds
    /// are finished (as if closed without running their `finally` blocks).
    pub(crate) fn abandon(&mut self, s: Suspension) {
        for f in s.frames {
            if let Some(g) = f.gen {
                self.abandon_generator(g);
            }
        }
    }

    /// Calls a Python function from the host (only when no dispatch loop is running).
    pub(crate) fn call_from_host(&mut self, callee: Value, args: &[Value]) -> Result<Value, Exc> {
        let Value::Obj(r) = callee else { return Err(self.runtime_error("call_from_host: not a function")) };
        if self.loops_active > 0 || !matches!(self.heap.get(r), HeapObj::Function(_)) {
            return Err(self.runtime_error("call_from_host: cannot call Python here"));
        }
        let mut frame = self.function_frame(r, args, &[])?;
        frame.link = Link::Host;
        self.run_frame(frame)
    }

    fn run_loop<const OBSERVE: bool>(
        &mut self,
        mut f: Box<Frame>,
        pending: Option<Exc>,
        base: usize,
    ) -> Result<Outcome, Exc> {
        if OBSERVE {
            self.observe_run(&f);
        }
        let mut ip = f.ip;
        let mut pending = pending;
        loop {
            // Each pass of this outer loop either raises `pending` in the current frame or
            // executes instructions until one raises.
            let mut err: Exc = match pending.take() {
                Some(e) => e,
                None => match self.dispatch::<OBSERVE>(&mut f, &mut ip, base) {
                    Ok(Outcome::Suspended(mut s)) => {
                        s.frames = self.frames.split_off(base);
                        s.frames.push(f);
                        return Ok(Outcome::Suspended(s));
                    }
                    Ok(out) => {
                        // The frame that handed the host its result (a function's, or the
                        // placeholder a generator yielded to) goes back to the pool: a host's
                        // call or resume allocates no frame.
                        self.recycle_frame(f);
                        return Ok(out);
                    }
                    Err(e) => e,
                },
            };
            // Unwind: find a handler in this frame or pass the exception to whoever awaits it.
            loop {
                f.ip = ip;
                if OBSERVE {
                    self.observe_unwind(&f, err);
                }
                self.add_traceback(&f, err);
                if ip > 0 {
                    if let Some(h) = f.code.code.find_handler(ip as u32 - 1) {
                        let keep = f.nlocals() + h.depth as usize;
                        f.stack.truncate(keep);
                        f.stack.push(Value::Obj(err.0));
                        ip = h.handler as usize;
                        break;
                    }
                }
                match self.frame_exit_with_error(&mut f, err, base)? {
                    Some((e, resumed_ip)) => {
                        err = e;
                        ip = resumed_ip;
                    }
                    None => {
                        // The exception was absorbed (a close() that finished); continue.
                        ip = f.ip;
                        break;
                    }
                }
            }
        }
    }

    fn add_traceback(&mut self, f: &Frame, err: Exc) {
        if f.code.code.flags.hidden {
            return;
        }
        let line = f.line();
        let code = f.code.clone();
        let activation = f.activation_id();
        if let Some(x) = self.exc_obj_mut(err) {
            // One entry per frame activation: a re-raise inside the same frame adds nothing.
            if x.last_activation == activation && !x.traceback.is_empty() {
                return;
            }
            x.last_activation = activation;
            x.traceback.push((code, line));
        }
    }

    /// The current frame ends with `err`. Pops it and moves to the frame that receives the
    /// exception; `Ok(Some((err, ip)))` continues unwinding there, `Ok(None)` means the
    /// exception was absorbed, `Err` returns it to the host.
    #[inline(never)]
    fn frame_exit_with_error(
        &mut self,
        f: &mut Box<Frame>,
        mut err: Exc,
        base: usize,
    ) -> Result<Option<(Exc, usize)>, Exc> {
        if let Some(g) = f.gen {
            err = self.generator_finished_with_error(g, err);
            if let Some(next) = self.take_delegator_frame(f, g)? {
                let old = std::mem::replace(f, next);
                drop(old);
                return Ok(Some((err, f.ip)));
            }
        }
        if self.frames.len() <= base || matches!(f.link, Link::Host) {
            return Err(err);
        }
        let link = f.link;
        let caller = self.frames.pop().ok_or(err)?;
        *f = caller;
        self.depth = self.frames.len();
        match link {
            Link::Close if self.exc_is(err, ExcKind::GeneratorExit) => {
                f.stack.push(Value::None);
                return Ok(None);
            }
            Link::ForNext(target) if self.exc_is(err, ExcKind::StopIteration) => {
                // `__next__` ended the loop: pop the iterator and leave it.
                f.stack.pop();
                f.ip = target as usize;
                return Ok(None);
            }
            _ => {}
        }
        Ok(Some((err, f.ip)))
    }

    /// Executes instructions until the host-linked frame finishes (Ok) or an instruction raises
    /// (Err; `f` and `ip` then describe where). `OBSERVE` shows every instruction to the observer
    /// (`observe.rs`), so the inner loop, which runs many without a look, stays off.
    fn dispatch<const OBSERVE: bool>(
        &mut self,
        f: &mut Box<Frame>,
        ip_ref: &mut usize,
        base: usize,
    ) -> Result<Outcome, Exc> {
        let mut ip = *ip_ref;
        let mut code = f.code.clone();
        let mut ext: u32 = 0;
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => {
                        *ip_ref = ip;
                        f.ip = ip;
                        self.set_context(f, e);
                        return Err(e);
                    }
                }
            };
        }
        macro_rules! reload {
            () => {{
                code = f.code.clone();
                ip = f.ip;
            }};
        }
        macro_rules! save {
            () => {{
                f.ip = ip;
            }};
        }
        // Handles the result of an operation that may switch frames.
        macro_rules! flow {
            ($e:expr) => {{
                save!();
                let result = $e;
                flowed!(result)
            }};
        }
        // The rest of `flow`, for a result computed after `save`.
        macro_rules! flowed {
            ($e:expr) => {{
                match $e {
                    Ok(Flow::Next) => reload!(),
                    Ok(Flow::Exit(out)) => return Ok(out),
                    Err(e) => {
                        *ip_ref = f.ip;
                        self.set_context(f, e);
                        return Err(e);
                    }
                }
            }};
        }
        // The first byte of the current instruction, its ExtendedArg prefixes included: an
        // instruction that runs again (after Python computed an operand) restarts there.
        let mut start = ip;
        // Charges fuel before an instruction that may run without end (a loop's back edge, a
        // call); out of fuel, the run suspends with the instruction not yet started.
        macro_rules! fuel {
            ($cost:expr) => {{
                let cost: u64 = $cost;
                if self.fuel < cost {
                    *ip_ref = start;
                    f.ip = start;
                    return Ok(Outcome::Suspended(Suspension::new(SuspendReason::OutOfFuel)));
                }
                self.fuel -= cost;
            }};
        }
        loop {
            if ext == 0 {
                if !OBSERVE {
                    let switched;
                    (ip, switched) = self.run_simple(f, ip, base);
                    if switched {
                        code = f.code.clone();
                    }
                    if let Some(outcome) = self.inner_pending.take() {
                        // An instruction the inner loop ran raised, or ended the run (the
                        // frame's `ip` is saved past the instruction).
                        flowed!(outcome);
                        continue;
                    }
                }
                start = ip;
            }
            let Some(op) = code.bytes.get(ip).and_then(|b| Op::from_byte(*b)) else {
                let e = self.runtime_error("bad bytecode: undecodable instruction");
                tri!(Err(e))
            };
            if OBSERVE {
                self.observe_instr(f, ip, op);
            }
            ip += 1;
            let arg = if op.has_arg() {
                let a = (ext << 8) | code.bytes.get(ip).copied().unwrap_or(0) as u32;
                ip += 1;
                ext = 0;
                a
            } else {
                0
            };
            match op {
                Op::Nop => {}
                Op::ExtendedArg => ext = arg,
                Op::LoadConst => f.stack.push(code.consts[arg as usize]),
                Op::LoadNone => f.stack.push(Value::None),
                Op::LoadSmallInt => f.stack.push(Value::Int(arg as i64)),
                Op::LoadFast => {
                    let v = f.stack[arg as usize];
                    if v.is_undef() {
                        let name = code.code.varnames[arg as usize].clone();
                        let e = self.exc_msg(
                            ExcKind::UnboundLocalError,
                            &format!("cannot access local variable '{name}' where it is not associated with a value"),
                        );
                        tri!(Err(e));
                    }
                    f.stack.push(v);
                }
                Op::StoreFast => {
                    let v = pop!(f);
                    f.stack[arg as usize] = v;
                }
                Op::DeleteFast => {
                    if f.stack[arg as usize].is_undef() {
                        let name = code.code.varnames[arg as usize].clone();
                        let e = self.exc_msg(
                            ExcKind::UnboundLocalError,
                            &format!("cannot access local variable '{name}' where it is not associated with a value"),
                        );
                        tri!(Err(e));
                    }
                    f.stack[arg as usize] = Value::Undef;
                }
                Op::LoadDeref => {
                    let cell = f.cells[arg as usize];
                    let v = match self.heap.get(cell) {
                        HeapObj::Cell(v) => *v,
                        _ => Value::Undef,
                    };
                    if v.is_undef() {
                        let e = self.unbound_deref(&code, arg as usize);
                        tri!(Err(e));
                    }
                    f.stack.push(v);
                }
                Op::StoreDeref => {
                    let v = pop!(f);
                    let cell = f.cells[arg as usize];
                    *self.heap.get_mut(cell) = HeapObj::Cell(v);
                }
                Op::DeleteDeref => {
                    let cell = f.cells[arg as usize];
                    if matches!(self.heap.get(cell), HeapObj::Cell(Value::Undef)) {
                        let e = self.unbound_deref(&code, arg as usize);
                        tri!(Err(e));
                    }
                    *self.heap.get_mut(cell) = HeapObj::Cell(Value::Undef);
                }
                Op::LoadClosure => f.stack.push(Value::Obj(f.cells[arg as usize])),
                Op::LoadGlobal => {
                    let v = match self.cached_global(&code, arg as usize, f.globals) {
                        Some(v) => v,
                        None => {
                            let name = code.names[arg as usize];
                            let v = tri!(self.load_global(f.globals, name));
                            self.fill_global_cache(&code, arg as usize, f.globals, name);
                            v
                        }
                    };
                    f.stack.push(v);
                }
                Op::StoreGlobal => {
                    let v = pop!(f);
                    if !self.store_cached_global(&code, arg as usize, f.globals, v) {
                        let name = code.names[arg as usize];
                        tri!(self.dict_set(f.globals, name, v));
                        self.fill_global_cache(&code, arg as usize, f.globals, name);
                    }
                }
                Op::DeleteGlobal => {
                    let name = code.names[arg as usize];
                    tri!(self.delete_global(f.globals, name));
                }
                Op::LoadName => {
                    let name = code.names[arg as usize];
                    let v = match f.locals_dict {
                        Value::Obj(d) => self.dict_get_str(d, name),
                        _ => None,
                    };
                    let v = match v {
                        Some(v) => v,
                        None => tri!(self.load_global(f.globals, name)),
                    };
                    f.stack.push(v);
                }
                Op::StoreName => {
                    let name = code.names[arg as usize];
                    let v = pop!(f);
                    let d = match f.locals_dict {
                        Value::Obj(d) => d,
                        _ => f.globals,
                    };
                    tri!(self.dict_set(d, name, v));
                }
                Op::DeleteName => {
                    let name = code.names[arg as usize];
                    let d = match f.locals_dict {
                        Value::Obj(d) => d,
                        _ => f.globals,
                    };
                    tri!(self.delete_global(d, name));
                }
                Op::Pop => {
                    f.stack.pop();
                }
                Op::Copy => {
                    let n = f.stack.len();
                    let v = f.stack[n - arg as usize];
                    f.stack.push(v);
                }
                Op::Swap => {
                    let n = f.stack.len();
                    f.stack.swap(n - 1, n - arg as usize);
                }
                Op::Add => {
                    let b = pop!(f);
                    let a = top!(f);
                    let r = match (a, b) {
                        (Value::Int(x), Value::Int(y)) if x.checked_add(y).is_some() => Value::Int(x + y),
                        (Value::Float(x), Value::Float(y)) => Value::Float(x + y),
                        _ if self.either_has(a, b, bits::NUMERIC) => {
                            f.stack.pop();
                            let k = Value::Int(BinOpKind::Add as i64);
                            flow!(self.protocol_call(f, "_binary_op", &[a, b, k]));
                            continue;
                        }
                        _ => tri!(self.binary_op(BinOpKind::Add, a, b)),
                    };
                    *f.stack.last_mut().unwrap_or(&mut Value::None) = r;
                }
                Op::Sub => {
                    let b = pop!(f);
                    let a = top!(f);
                    let r = match (a, b) {
                        (Value::Int(x), Value::Int(y)) if x.checked_sub(y).is_some() => Value::Int(x - y),
                        (Value::Float(x), Value::Float(y)) => Value::Float(x - y),
                        _ if self.either_has(a, b, bits::NUMERIC) => {
                            f.stack.pop();
                            let k = Value::Int(BinOpKind::Sub as i64);
                            flow!(self.protocol_call(f, "_binary_op", &[a, b, k]));
                            continue;
                        }
                        _ => tri!(self.binary_op(BinOpKind::Sub, a, b)),
                    };
                    *f.stack.last_mut().unwrap_or(&mut Value::None) = r;
                }
                Op::Mul => {
                    let b = pop!(f);
                    let a = top!(f);
                    let r = match (a, b) {
                        (Value::Int(x), Value::Int(y)) if x.checked_mul(y).is_some() => Value::Int(x * y),
                        (Value::Float(x), Value::Float(y)) => Value::Float(x * y),
                        _ if self.either_has(a, b, bits::NUMERIC) => {
                            f.stack.pop();
                            let k = Value::Int(BinOpKind::Mul as i64);
                            flow!(self.protocol_call(f, "_binary_op", &[a, b, k]));
                            continue;
                        }
                        _ => tri!(self.binary_op(BinOpKind::Mul, a, b)),
                    };
                    *f.stack.last_mut().unwrap_or(&mut Value::None) = r;
                }
                Op::TrueDiv | Op::FloorDiv | Op::Mod => {
                    let b = pop!(f);
                    let a = pop!(f);
                    let kind = match op {
                        Op::TrueDiv => BinOpKind::TrueDiv,
                        Op::FloorDiv => BinOpKind::FloorDiv,
                        _ => BinOpKind::Mod,
                    };
                    if self.either_has(a, b, bits::NUMERIC) || self.percent_needs_python(kind, a, b) {
                        flow!(self.protocol_call(f, "_binary_op", &[a, b, Value::Int(kind as i64)]));
                        continue;
                    }
                    let r = tri!(self.binary_op(kind, a, b));
                    f.stack.push(r);
                }
                Op::BinaryOp => {
                    let b = pop!(f);
                    let a = pop!(f);
                    let kind = BinOpKind::from_u32(arg).unwrap_or(BinOpKind::Add);
                    if self.either_has(a, b, bits::NUMERIC) {
                        flow!(self.protocol_call(f, "_binary_op", &[a, b, Value::Int(kind as i64)]));
                        continue;
                    }
                    let r = tri!(self.binary_op(kind, a, b));
                    f.stack.push(r);
                }
                Op::InplaceOp => {
                    let b = pop!(f);
                    let a = pop!(f);
                    let kind = BinOpKind::from_u32(arg).unwrap_or(BinOpKind::Add);
                    if self.either_has(a, b, bits::NUMERIC) || self.percent_needs_python(kind, a, b) {
                        flow!(self.protocol_call(f, "_inplace_op", &[a, b, Value::Int(kind as i64)]));
                        continue;
                    }
                    let r = tri!(self.inplace_op(kind, a, b));
                    f.stack.push(r);
                }
                Op::InplaceAdd => {
                    let b = pop!(f);
                    let a = top!(f);
                    let r = match (a, b) {
                        (Value::Int(x), Value::Int(y)) if x.checked_add(y).is_some() => Value::Int(x + y),
                        (Value::Float(x), Value::Float(y)) => Value::Float(x + y),
                        _ if self.either_has(a, b, bits::NUMERIC) => {
                            f.stack.pop();
                            let k = Value::Int(BinOpKind::Add as i64);
                            flow!(self.protocol_call(f, "_inplace_op", &[a, b, k]));
                            continue;
                        }
                        _ if self.inplace_extends_in_python(a, b) => {
                            f.stack.pop();
                            flow!(self.protocol_call(f, "_inplace_extend", &[a, b]));
                            continue;
                        }
                        _ => tri!(self.inplace_op(BinOpKind::Add, a, b)),
                    };
                    *f.stack.last_mut().unwrap_or(&mut Value::None) = r;
                }
                Op::Lt | Op::Le | Op::Gt | Op::Ge | Op::Eq | Op::Ne => {
                    let b = pop!(f);
                    let a = top!(f);
                    let r = match (a, b) {
                        (Value::Int(x), Value::Int(y)) => Value::Bool(match op {
                            Op::Lt => x < y,
                            Op::Le => x <= y,
                            Op::Gt => x > y,
                            Op::Ge => x >= y,
                            Op::Eq => x == y,
                            _ => x != y,
                        }),
                        _ if self.compare_needs_python(a, b) => {
                            f.stack.pop();
                            let k = Value::Int(crate::special::compare_index(op));
                            flow!(self.protocol_call(f, "_compare_op", &[a, b, k]));
                            continue;
                        }
                        _ => tri!(self.compare_op(op, a, b)),
                    };
                    *f.stack.last_mut().unwrap_or(&mut Value::None) = r;
                }
                Op::IsOp => {
                    let b = pop!(f);
                    let a = pop!(f);
                    f.stack.push(Value::Bool(a.is(b) != (arg == 1)));
                }
                Op::ContainsOp => {
                    let container = pop!(f);
                    let item = pop!(f);
                    if self.contains_in_python(container) {
                        let negate = Value::Bool(arg == 1);
                        flow!(self.protocol_call(f, "_contains_op", &[container, item, negate]));
                        continue;
                    }
                    match tri!(self.contains_native(container, item)) {
                        Some(b) => f.stack.push(Value::Bool(b != (arg == 1))),
                        None => {
                            // Membership in a generator or other Python-level iterable runs in
                            // Python (the prelude), so it can resume the generator.
                            let helper = if arg == 1 { "_not_contains" } else { "_contains" };
                            let callee = self.prelude_fn(helper);
                            save!();
                            flow!(self.call_value(f, callee, &[container, item], &[]));
                        }
                    }
                }
                Op::Neg | Op::Pos | Op::Invert => {
                    let a = pop!(f);
                    if self.specials(a) & bits::UNARY != 0 {
                        let k = Value::Int(match op {
                            Op::Neg => 0,
                            Op::Pos => 1,
                            _ => 2,
                        });
                        flow!(self.protocol_call(f, "_unary_op", &[a, k]));
                        continue;
                    }
                    let r = tri!(self.unary_op(op, a));
                    f.stack.push(r);
                }
                Op::Not => {
                    let a = pop!(f);
                    if self.specials(a) & (bits::BOOL | bits::LEN) != 0 {
                        // The truth value comes from Python; run this instruction again on it.
                        ip = start;
                        flow!(self.protocol_call(f, "_truth", &[a]));
                        continue;
                    }
                    let t = tri!(self.truthy(a));
                    f.stack.push(Value::Bool(!t));
                }
                Op::Jump => {
                    if (arg as usize) <= start {
                        fuel!(back_edge_fuel(start, arg as usize));
                    }
                    if self.heap.should_collect() {
                        // Before the jump, so a MemoryError is raised inside the loop's body.
                        save!();
                        tri!(self.safepoint_collect(f));
                    }
                    ip = arg as usize;
                }
                Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                    // A loop's back edge too (a comprehension's filter): fuel, taken or not.
                    if (arg as usize) <= start {
                        fuel!(back_edge_fuel(start, arg as usize));
                    }
                    let c = pop!(f);
                    let t = match c {
                        Value::Bool(b) => b,
                        _ if self.specials(c) & (bits::BOOL | bits::LEN) != 0 => {
                            ip = start;
                            flow!(self.protocol_call(f, "_truth", &[c]));
                            continue;
                        }
                        _ => tri!(self.truthy(c)),
                    };
                    if t == (op == Op::PopJumpIfTrue) {
                        ip = arg as usize;
                    }
                }
                Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                    let c = top!(f);
                    if self.specials(c) & (bits::BOOL | bits::LEN) != 0 {
                        let link = Link::OrPop { target: arg, jump_if: op == Op::JumpIfTrueOrPop };
                        let truth = self.prelude_fn("_truth");
                        flow!(self.call_linked(f, truth, &[c], link));
                        continue;
                    }
                    let t = tri!(self.truthy(c));
                    if t == (op == Op::JumpIfTrueOrPop) {
                        ip = arg as usize;
                    } else {
                        f.stack.pop();
                    }
                }
                Op::GetIter => {
                    let v = pop!(f);
                    if self.iterates_in_python(v) {
                        if let Some(m) = self.generator_iter_method(v) {
                            flow!(self.call_value(f, m, &[v], &[]));
                            continue;
                        }
                        flow!(self.protocol_call(f, "_iter", &[v]));
                        continue;
                    }
                    let it = tri!(self.get_iter(v));
                    // A `for` loop's own iterator of a list or tuple: private to the loop.
                    if code.bytes.get(ip) == Some(&(Op::ForIter as u8)) && !it.is(v) {
                        if let Some(HeapObj::Iter(IterState::Seq { private, .. })) =
                            it.as_obj().map(|r| self.heap.get_mut(r))
                        {
                            *private = true;
                        }
                    }
                    f.stack.push(it);
                }
                Op::ForIter => {
                    let it = top!(f);
                    let Value::Obj(r) = it else {
                        let e = self.type_error("'for' over a non-iterator");
                        tri!(Err(e))
                    };
                    // Fast paths for the common native iterators.
                    let step = match self.heap.get_mut(r) {
                        HeapObj::Iter(IterState::Range { next, stop, step }) => {
                            if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                                let v = *next;
                                *next = next.saturating_add(*step);
                                Some(Some(Value::Int(v)))
                            } else {
                                Some(None)
                            }
                        }
                        _ => None,
                    };
                    let mut private = false;
                    let step = match step {
                        Some(s) => Some(s),
                        None => match self.heap.get(r) {
                            HeapObj::Iter(state) => {
                                private = matches!(*state, IterState::Seq { private: true, .. });
                                Some(tri!(self.iter_next_native(r)))
                            }
                            _ => None,
                        },
                    };
                    match step {
                        Some(Some(v)) => f.stack.push(v),
                        Some(None) => {
                            f.stack.pop();
                            if private {
                                // The loop's own iterator, now off its stack (see `GetIter`).
                                self.heap.free_now(r);
                            }
                            ip = arg as usize;
                        }
                        None => {
                            if matches!(self.heap.get(r), HeapObj::Generator(_)) {
                                save!();
                                flow!(self.resume_generator(f, r, ResumeMode::Send(Value::None), Link::ForIter(arg)));
                            } else if let Some(next) = self.special_method(it, "__next__") {
                                flow!(self.call_linked(f, next, &[it], Link::ForNext(arg)));
                            } else {
                                let e = self.type_error(&format!("'{}' object is not an iterator", self.type_name(it)));
                                tri!(Err(e))
                            }
                        }
                    }
                    if self.heap.should_collect() {
                        save!();
                        tri!(self.safepoint_collect(f));
                    }
                }
                Op::MakeFunction => {
                    let code_v = pop!(f);
                    let closure = if arg & make_function::CLOSURE != 0 { pop!(f) } else { Value::Undef };
                    let annotations = if arg & make_function::ANNOTATIONS != 0 { pop!(f) } else { Value::Undef };
                    let kwdefaults = if arg & make_function::KWDEFAULTS != 0 { pop!(f) } else { Value::Undef };
                    let defaults = if arg & make_function::DEFAULTS != 0 { pop!(f) } else { Value::Undef };
                    let func = tri!(self.make_function(f.globals, code_v, defaults, kwdefaults, annotations, closure));
                    f.stack.push(func);
                }
                Op::Call => {
                    let n = arg as usize;
                    let base_i = f.stack.len() - n - 1;
                    // `yield from gen(...)`: the new generator goes straight to the delegation.
                    let yield_from = code.bytes.get(ip) == Some(&(Op::GetYieldFromIter as u8));
                    // (A generator function's call charges its own fuel.)
                    if self.simple_generator_call(f, base_i, n) {
                        if yield_from {
                            self.mark_private(f.stack[base_i]);
                        }
                        continue;
                    }
                    fuel!(CALL_FUEL);
                    let callee = f.stack[base_i];
                    if let Some(frame) = tri!(self.fast_frame(callee, &f.stack[base_i + 1..])) {
                        f.stack.truncate(base_i);
                        save!();
                        tri!(self.push_frame(f, frame));
                        reload!();
                        continue;
                    }
                    save!();
                    if let Some(flow) = self.call_native_on_stack(f, callee, base_i + 1, base_i, false) {
                        flowed!(flow);
                        continue;
                    }
                    let args: smallvec::SmallVec<[Value; 8]> = f.stack[base_i + 1..].iter().copied().collect();
                    f.stack.truncate(base_i);
                    let private = yield_from && self.is_generator_function(callee);
                    let result = self.call_value(f, callee, &args, &[]);
                    if private && result.is_ok() {
                        self.mark_private(f.stack.last().copied().unwrap_or(Value::None));
                    }
                    flowed!(result);
                }
                Op::CallKw => {
                    fuel!(CALL_FUEL);
                    let names = pop!(f);
                    let kwnames: Vec<Value> = self.tuple_items(names);
                    let n = arg as usize;
                    let base_i = f.stack.len() - n - 1;
                    let callee = f.stack[base_i];
                    let args: Vec<Value> = f.stack[base_i + 1..].to_vec();
                    f.stack.truncate(base_i);
                    flow!(self.call_value(f, callee, &args, &kwnames));
                }
                Op::CallEx => {
                    fuel!(CALL_FUEL);
                    let kwargs = if arg & 1 != 0 { pop!(f) } else { Value::Undef };
                    let args_t = pop!(f);
                    let callee = pop!(f);
                    let mut args = self.tuple_items(args_t);
                    let mut kwnames = Vec::new();
                    if let Value::Obj(d) = kwargs {
                        if let HeapObj::Dict(dict) = self.heap.get(d) {
                            let entries: Vec<(Value, Value)> = dict.iter().map(|e| (e.key, e.value)).collect();
                            for (k, v) in entries {
                                if self.str_of(k).is_none() {
                                    let e = self.type_error("keywords must be strings");
                                    tri!(Err(e));
                                }
                                kwnames.push(k);
                                args.push(v);
                            }
                        }
                    }
                    flow!(self.call_value(f, callee, &args, &kwnames));
                }
                Op::LoadMethod => {
                    let obj = pop!(f);
                    let (m, this) = match self.cached_method(&code, arg as usize, obj) {
                        Some(m) => (m, obj),
                        None => {
                            let name = code.names[arg as usize];
                            match tri!(self.load_method_flow(obj, name)) {
                                Ok(found) => {
                                    // Only builtin types' methods are cached: an instance's own
                                    // dict could shadow a user class's method later.
                                    if !found.1.is_undef() && !self.is_instance_obj(obj) && self.derived(obj).is_none()
                                    {
                                        self.fill_method_cache(&code, arg as usize, obj, name);
                                    }
                                    found
                                }
                                Err(call) => {
                                    // The callable comes from a call (a property, __getattr__):
                                    // an Undef callee slot tells CallMethod the callable is in
                                    // the receiver slot.
                                    f.stack.push(Value::Undef);
                                    flow!(self.attr_call(f, call));
                                    continue;
                                }
                            }
                        }
                    };
                    f.stack.push(m);
                    f.stack.push(this);
                }
                Op::CallMethod => {
                    fuel!(CALL_FUEL);
                    let n = arg as usize;
                    let base_i = f.stack.len() - n - 2;
                    let mut callee = f.stack[base_i];
                    let mut this = f.stack[base_i + 1];
                    if callee.is_undef() {
                        (callee, this) = (this, Value::Undef);
                    }
                    let start = if this.is_undef() { base_i + 2 } else { base_i + 1 };
                    save!();
                    // A receiver `LoadMethod` bound was found through its own class: the method's
                    // receiver check is needed only for one passed explicitly.
                    let checked = !this.is_undef();
                    if let Some(flow) = self.call_native_on_stack(f, callee, start, base_i, checked) {
                        flowed!(flow);
                        continue;
                    }
                    let args: smallvec::SmallVec<[Value; 8]> = if this.is_undef() {
                        f.stack[base_i + 2..].iter().copied().collect()
                    } else {
                        f.stack[base_i + 1..].iter().copied().collect()
                    };
                    f.stack.truncate(base_i);
                    flow!(self.call_value(f, callee, &args, &[]));
                }
                Op::Return => {
                    let v = pop!(f);
                    flow!(self.do_return(f, v, base));
                }
                Op::BuildTuple => {
                    let n = f.stack.len() - arg as usize;
                    let items: Vec<Value> = f.stack.drain(n..).collect();
                    let t = self.new_tuple(items);
                    f.stack.push(t);
                }
                Op::BuildList => {
                    let n = f.stack.len() - arg as usize;
                    let items: Vec<Value> = f.stack.drain(n..).collect();
                    let l = self.new_list(items);
                    f.stack.push(l);
                }
                Op::BuildSet => {
                    let n = f.stack.len() - arg as usize;
                    let items: Vec<Value> = f.stack.drain(n..).collect();
                    let s = tri!(self.new_set_from(&items));
                    f.stack.push(s);
                }
                Op::BuildMap => {
                    let n = f.stack.len() - 2 * arg as usize;
                    let items: Vec<Value> = f.stack.drain(n..).collect();
                    let d = self.new_dict();
                    let dr = d.as_obj().unwrap_or(self.builtins);
                    for pair in items.chunks(2) {
                        tri!(self.dict_set(dr, pair[0], pair[1]));
                    }
                    f.stack.push(d);
                }
                Op::BuildSlice => {
                    let step = if arg == 3 { pop!(f) } else { Value::None };
                    let hi = pop!(f);
                    let lo = pop!(f);
                    let s = self.heap.alloc(HeapObj::Slice(Box::new([lo, hi, step])));
                    f.stack.push(Value::Obj(s));
                }
                Op::BuildString => {
                    let n = f.stack.len() - arg as usize;
                    let mut s = String::new();
                    for v in &f.stack[n..] {
                        s.push_str(self.str_of(*v).unwrap_or(""));
                    }
                    f.stack.truncate(n);
                    let v = self.new_string(s);
                    f.stack.push(v);
                }
                Op::ListAppend | Op::SetAdd => {
                    let v = pop!(f);
                    let target = f.stack[f.stack.len() - arg as usize];
                    if op == Op::ListAppend {
                        if let Value::Obj(r) = target {
                            if let HeapObj::List(l) = self.heap.get_mut(r) {
                                l.push(v);
                                self.heap.grew(16);
                            }
                        }
                    } else if let Value::Obj(r) = target {
                        tri!(self.set_add(r, v));
                    }
                }
                Op::MapAdd => {
                    let v = pop!(f);
                    let k = pop!(f);
                    if let Value::Obj(r) = f.stack[f.stack.len() - arg as usize] {
                        tri!(self.dict_set(r, k, v));
                    }
                }
                Op::ListExtend | Op::SetUpdate | Op::DictUpdate | Op::DictMerge => {
                    let src = top!(f);
                    let target = f.stack[f.stack.len() - 1 - arg as usize];
                    match tri!(self.extend_native(op, target, src)) {
                        true => {
                            f.stack.pop();
                        }
                        false => {
                            // A generator or other Python-level iterable: turn it into a tuple
                            // in Python, then run this instruction again on the tuple.
                            f.stack.pop();
                            ip = start;
                            let callee = self.prelude_fn("_tuple_from_iter");
                            save!();
                            flow!(self.call_value(f, callee, &[src], &[]));
                        }
                    }
                }
                Op::ListToTuple => {
                    let l = pop!(f);
                    let items = self.list_items(l);
                    let t = self.new_tuple(items);
                    f.stack.push(t);
                }
                Op::UnpackSequence | Op::UnpackEx => {
                    let seq = top!(f);
                    match tri!(self.items_of(seq)) {
                        Some(items) => {
                            f.stack.pop();
                            tri!(self.unpack_into(f, op, arg, items));
                        }
                        None => {
                            if !self.is_iterable(seq) {
                                let t = self.type_name(seq);
                                let e = self.type_error(&format!("cannot unpack non-iterable {t} object"));
                                tri!(Err(e));
                            }
                            f.stack.pop();
                            ip = start;
                            let callee = self.prelude_fn("_tuple_from_iter");
                            save!();
                            flow!(self.call_value(f, callee, &[seq], &[]));
                        }
                    }
                }
                Op::FormatValue => {
                    let spec = if arg & format_flags::HAS_SPEC != 0 { pop!(f) } else { Value::Undef };
                    let v = pop!(f);
                    let top = match arg & 3 {
                        format_flags::CONV_STR => bits::TEXT_STR,
                        format_flags::CONV_REPR | format_flags::CONV_ASCII => bits::REPR,
                        _ => bits::TEXT_FORMAT,
                    };
                    if self.needs_python_text(v, top) {
                        let conv = match arg & 3 {
                            format_flags::CONV_STR => self.intern("s"),
                            format_flags::CONV_REPR => self.intern("r"),
                            format_flags::CONV_ASCII => self.intern("a"),
                            _ => Value::None,
                        };
                        let spec = if spec.is_undef() { self.intern("") } else { spec };
                        let helper = self.prelude_fn("_format_value");
                        flow!(self.call_value(f, helper, &[v, conv, spec], &[]));
                        continue;
                    }
                    let v = match arg & 3 {
                        format_flags::CONV_STR => tri!(self.to_str(v)),
                        format_flags::CONV_REPR => tri!(self.to_repr(v)),
                        format_flags::CONV_ASCII => tri!(self.to_ascii(v)),
                        _ => v,
                    };
                    let spec_s = self.str_of(spec).unwrap_or("").to_string();
                    let s = tri!(self.format_value(v, &spec_s));
                    f.stack.push(s);
                }
                Op::LoadAttr => {
                    let obj = pop!(f);
                    let name = code.names[arg as usize];
                    if let Some(v) = self.cached_instance_attr(&code, arg as usize, obj) {
                        f.stack.push(v);
                        continue;
                    }
                    if let Some(v) = self.instance_attr_fill(&code, arg as usize, obj, name) {
                        f.stack.push(v);
                        continue;
                    }
                    match tri!(self.get_attr_flow(obj, name)) {
                        Attr::Value(v) => f.stack.push(v),
                        call => flow!(self.attr_call(f, call)),
                    }
                }
                Op::StoreAttr => {
                    let obj = pop!(f);
                    let v = pop!(f);
                    let name = code.names[arg as usize];
                    if self.cached_instance_store(&code, arg as usize, obj, v) {
                        continue;
                    }
                    match tri!(self.property_accessor(obj, name, 1)) {
                        Some(setter) => flow!(self.call_discard(f, setter, &[obj, v])),
                        None => {
                            tri!(self.set_attr(obj, name, v));
                            self.instance_attr_fill(&code, arg as usize, obj, name);
                        }
                    }
                }
                Op::DeleteAttr => {
                    let obj = pop!(f);
                    let name = code.names[arg as usize];
                    match tri!(self.property_accessor(obj, name, 2)) {
                        Some(deleter) => flow!(self.call_discard(f, deleter, &[obj])),
                        None => tri!(self.del_attr(obj, name)),
                    }
                }
                Op::Subscr => {
                    let k = pop!(f);
                    let c = pop!(f);
                    if let Some(m) = self.item_method(c, bits::GETITEM, "__getitem__") {
                        flow!(self.call_value(f, m, &[c, k], &[]));
                        continue;
                    }
                    if let Some(m) = self.class_getitem(c) {
                        // `Cls[k]`: the class's `__class_getitem__` (implicitly a class method).
                        flow!(self.call_value(f, m, &[c, k], &[]));
                        continue;
                    }
                    let v = match self.get_item(c, k) {
                        Ok(v) => v,
                        Err(e) if !self.default_factory(c).is_undef() && self.exc_is(e, ExcKind::KeyError) => {
                            // A defaultdict's missing key: the factory's value is stored and used.
                            flow!(self.protocol_call(f, "_defaultdict_missing", &[c, k]));
                            continue;
                        }
                        Err(e) if self.derived(c).is_some() && self.exc_is(e, ExcKind::KeyError) => {
                            // A dict subclass's `__missing__` gives the value.
                            match self.missing_method(c) {
                                Some(m) => {
                                    flow!(self.call_value(f, m, &[c, k], &[]));
                                    continue;
                                }
                                None => tri!(Err(e)),
                            }
                        }
                        Err(e) => tri!(Err(e)),
                    };
                    f.stack.push(v);
                }
                Op::StoreSubscr => {
                    let k = pop!(f);
                    let c = pop!(f);
                    let v = pop!(f);
                    if let Some(m) = self.item_method(c, bits::SETITEM, "__setitem__") {
                        flow!(self.call_discard(f, m, &[c, k, v]));
                        continue;
                    }
                    tri!(self.set_item(c, k, v));
                }
                Op::DeleteSubscr => {
                    let k = pop!(f);
                    let c = pop!(f);
                    if let Some(m) = self.item_method(c, bits::DELITEM, "__delitem__") {
                        flow!(self.call_discard(f, m, &[c, k]));
                        continue;
                    }
                    tri!(self.del_item(c, k));
                }
                Op::Raise => {
                    let e = match arg {
                        0 => match self.current_exc_info(f) {
                            Some(e) => {
                                // A bare raise re-raises without new context.
                                *ip_ref = ip;
                                f.ip = ip;
                                return Err(e);
                            }
                            None => self.runtime_error("No active exception to reraise"),
                        },
                        1 => {
                            let v = pop!(f);
                            tri!(self.make_raisable(v, Value::Undef))
                        }
                        _ => {
                            let cause = pop!(f);
                            let v = pop!(f);
                            tri!(self.make_raisable(v, cause))
                        }
                    };
                    tri!(Err(e))
                }
                Op::Reraise => {
                    let v = pop!(f);
                    let e = match v {
                        Value::Obj(r) => Exc(r),
                        _ => self.runtime_error("bad re-raise"),
                    };
                    *ip_ref = ip;
                    f.ip = ip;
                    return Err(e);
                }
                Op::PushExcInfo => {
                    let exc = pop!(f);
                    let prev = f.exc_info;
                    f.stack.push(prev);
                    f.stack.push(exc);
                    f.exc_info = exc;
                }
                Op::PopExcept => {
                    let prev = pop!(f);
                    f.exc_info = prev;
                }
                Op::CheckExcMatch => {
                    let typ = pop!(f);
                    let exc = top!(f);
                    let m = tri!(self.exception_matches(exc, typ));
                    f.stack.push(Value::Bool(m));
                }
                Op::LoadAssertionError => {
                    let c = self.types.exc(ExcKind::AssertionError);
                    f.stack.push(Value::Obj(c));
                }
                Op::Yield => {
                    let v = pop!(f);
                    flow!(self.do_yield(f, v));
                }
                Op::GetYieldFromIter => {
                    let v = pop!(f);
                    if self.iterates_in_python(v) {
                        if let Some(m) = self.generator_iter_method(v) {
                            flow!(self.call_value(f, m, &[v], &[]));
                            continue;
                        }
                        flow!(self.protocol_call(f, "_yield_from_iter", &[v]));
                        continue;
                    }
                    let it = match v {
                        Value::Obj(r) if matches!(self.heap.get(r), HeapObj::Generator(_)) => v,
                        _ => tri!(self.get_iter(v)),
                    };
                    f.stack.push(it);
                }
                Op::YieldFrom => {
                    let sent = pop!(f);
                    let it = top!(f);
                    save!();
                    flow!(self.yield_from(f, it, sent, start));
                }
                Op::ImportName => {
                    let level = pop!(f);
                    let fromlist = pop!(f);
                    let name = code.names[arg as usize];
                    let ret = tri!(self.import_name(name, fromlist, level));
                    flow!(self.handle_ret(f, ret));
                }
                Op::ImportFrom => {
                    let m = top!(f);
                    let name = code.names[arg as usize];
                    let v = tri!(self.import_from(m, name));
                    f.stack.push(v);
                }
                Op::ImportStar => {
                    let m = pop!(f);
                    tri!(self.import_star(m, f.globals));
                }
                Op::LoadBuildClass => f.stack.push(self.prelude_fn("_build_class")),
                Op::LoadClassDeref => {
                    let i = arg as usize;
                    let c = &code.code;
                    let name = c.cellvars.iter().chain(c.freevars.iter()).nth(i).cloned().unwrap_or_else(|| "?".into());
                    let key = self.intern(&name);
                    let v = match f.locals_dict {
                        Value::Obj(d) => self.dict_get_str(d, key),
                        _ => None,
                    };
                    let v = match v {
                        Some(v) => v,
                        None => match f.cells.get(i).map(|c| self.heap.get(*c)) {
                            Some(HeapObj::Cell(v)) if !v.is_undef() => *v,
                            _ => {
                                let e = self.unbound_deref(&code, i);
                                tri!(Err(e))
                            }
                        },
                    };
                    f.stack.push(v);
                }
                Op::BeforeWith => {
                    let mgr = pop!(f);
                    let enter = self.special_method(mgr, "__enter__");
                    let exit = self.special_method(mgr, "__exit__");
                    let (Some(enter), Some(exit)) = (enter, exit) else {
                        let t = self.type_name(mgr);
                        let missed = if enter.is_some() { " (missed __exit__ method)" } else { "" };
                        let e = self
                            .type_error(&format!("'{t}' object does not support the context manager protocol{missed}"));
                        tri!(Err(e))
                    };
                    let bound = self.heap.alloc(HeapObj::BoundMethod { func: exit, this: mgr });
                    f.stack.push(Value::Obj(bound));
                    flow!(self.call_value(f, enter, &[mgr], &[]));
                }
                Op::WithExceptStart => {
                    let n = f.stack.len();
                    if n < 3 {
                        let e = self.runtime_error("bad bytecode: WithExceptStart on a short stack");
                        tri!(Err(e))
                    }
                    let (exit, exc) = (f.stack[n - 3], f.stack[n - 1]);
                    let typ = Value::Obj(self.class_of(exc));
                    let tb = self.new_traceback();
                    flow!(self.call_value(f, exit, &[typ, exc, tb], &[]));
                }
                Op::PrintExpr => {
                    let v = pop!(f);
                    if !v.is_none() {
                        let s = tri!(self.repr_string(v));
                        self.write_out(&s);
                        self.write_out("\n");
                    }
                }
            }
        }
    }

    /// Calls `callee` if it is a native function, with the arguments where they lie on `f`'s
    /// operand stack (from `start` up, no copy; a bound receiver just below them), then pops
    /// them and everything down to `base_i`. None, having done nothing, for any other callee. (Natives
    /// cannot collect garbage or touch `f`, so the borrowed arguments stay valid.)
    #[inline(always)]
    fn call_native_on_stack(
        &mut self,
        f: &mut Box<Frame>,
        callee: Value,
        start: usize,
        base_i: usize,
        receiver_checked: bool,
    ) -> Option<Result<Flow, Exc>> {
        let Value::Obj(r) = callee else { return None };
        let HeapObj::Builtin(b) = self.heap.get(r) else { return None };
        let (func, this, owner, name) = (b.func, b.this, b.owner, b.name);
        let args = if this.is_undef() {
            if !receiver_checked {
                if let Err(e) = self.check_receiver(owner, name, f.stack.get(start..).unwrap_or(&[])) {
                    return Some(Err(e));
                }
            }
            start
        } else {
            // A bound builtin (a host function's receiver slot holds its table index): the
            // receiver goes in the slot below the arguments (the callee's, or CallMethod's
            // empty receiver), which the call discards anyway, instead of into a copy.
            let slot = f.stack.get_mut(start.checked_sub(1)?)?;
            *slot = this;
            start - 1
        };
        self.caller_globals = Some(f.globals);
        let ret = func(self, f.stack.get(args..).unwrap_or(&[]), &[]);
        f.stack.truncate(base_i);
        Some(ret.and_then(|ret| self.handle_ret(f, ret)))
    }

    /// Makes the call an attribute access asked for; its result lands on `f`'s stack.
    fn attr_call(&mut self, f: &mut Box<Frame>, call: Attr) -> Result<Flow, Exc> {
        match call {
            Attr::Value(v) => {
                f.stack.push(v);
                Ok(Flow::Next)
            }
            Attr::Call(callee, args) => self.call_value(f, callee, &args, &[]),
        }
    }

    /// Calls `callee` for its effect: its result is dropped (property setters and deleters).
    fn call_discard(&mut self, f: &mut Box<Frame>, callee: Value, args: &[Value]) -> Result<Flow, Exc> {
        self.call_linked(f, callee, args, Link::Discard)
    }

    /// Calls the prelude function implementing a protocol for an instruction whose operands
    /// have special methods; its result is the instruction's result.
    fn protocol_call(&mut self, f: &mut Box<Frame>, name: &str, args: &[Value]) -> Result<Flow, Exc> {
        let callee = self.prelude_fn(name);
        self.call_value(f, callee, args, &[])
    }

    fn is_instance_obj(&self, v: Value) -> bool {
        matches!(v, Value::Obj(r) if matches!(self.heap.get(r), HeapObj::Instance { .. }))
    }

    #[inline(never)]
    fn unbound_deref(&mut self, code: &crate::object::LoadedCode, i: usize) -> Exc {
        let c = &code.code;
        if i < c.cellvars.len() {
            let name = c.cellvars[i].clone();
            self.exc_msg(
                ExcKind::UnboundLocalError,
                &format!("cannot access local variable '{name}' where it is not associated with a value"),
            )
        } else {
            let name = c.freevars.get(i - c.cellvars.len()).cloned().unwrap_or_else(|| "?".into());
            self.exc_msg(
                ExcKind::NameError,
                &format!(
                    "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                ),
            )
        }
    }

    #[inline(never)]
    fn load_global(&mut self, globals: ObjRef, name: Value) -> Result<Value, Exc> {
        if let Some(v) = self.dict_get_str(globals, name) {
            return Ok(v);
        }
        if let Some(v) = self.dict_get_str(self.builtins, name) {
            return Ok(v);
        }
        let n = self.str_of(name).unwrap_or("?").to_string();
        Err(self.exc_msg(ExcKind::NameError, &format!("name '{n}' is not defined")))
    }

    #[inline(never)]
    fn delete_global(&mut self, globals: ObjRef, name: Value) -> Result<(), Exc> {
        let hash = self.hash(name)?;
        let probe = match self.heap.get(globals) {
            HeapObj::Dict(d) => d.probe(&self.heap, name, hash),
            _ => crate::dict::Probe::Vacant,
        };
        match probe {
            crate::dict::Probe::Found(i) => {
                if let HeapObj::Dict(d) = self.heap.get_mut(globals) {
                    d.remove_at(i);
                }
                Ok(())
            }
            crate::dict::Probe::Vacant => {
                let n = self.str_of(name).unwrap_or("?").to_string();
                Err(self.exc_msg(ExcKind::NameError, &format!("name '{n}' is not defined")))
            }
        }
    }

    #[inline(never)]
    fn make_function(
        &mut self,
        globals: ObjRef,
        code_v: Value,
        defaults: Value,
        kwdefaults: Value,
        annotations: Value,
        closure: Value,
    ) -> Result<Value, Exc> {
        let code = match code_v {
            Value::Obj(r) => match self.heap.get(r) {
                HeapObj::Code(c) => c.clone(),
                _ => return Err(self.type_error("MakeFunction needs a code object")),
            },
            _ => return Err(self.type_error("MakeFunction needs a code object")),
        };
        let defaults = if defaults.is_undef() { Vec::new() } else { self.tuple_items(defaults) };
        let closure: Box<[ObjRef]> = if closure.is_undef() {
            Box::new([])
        } else {
            self.tuple_items(closure).iter().filter_map(|v| v.as_obj()).collect()
        };
        let modname = self.intern("__name__");
        let module = self.dict_get_str(globals, modname).unwrap_or(Value::None);
        let func = Function {
            name: code.name,
            qualname: code.qualname,
            code,
            globals,
            defaults,
            kwdefaults,
            closure,
            module,
            dict: None,
            annotations,
        };
        Ok(Value::Obj(self.heap.alloc(HeapObj::Function(Box::new(func)))))
    }

    /// The exception currently being handled, looking through this frame and its callers.
    pub(crate) fn current_exc_info(&self, f: &Frame) -> Option<Exc> {
        std::iter::once(f).chain(self.frames.iter().rev().map(|b| &**b)).find_map(|fr| match fr.exc_info {
            Value::Obj(r) => Some(Exc(r)),
            _ => None,
        })
    }

    /// Sets `__context__` of a newly raised exception to the one being handled.
    #[inline(never)]
    pub(crate) fn set_context(&mut self, f: &Frame, e: Exc) {
        if let Some(ctx) = self.current_exc_info(f) {
            if ctx != e {
                if let Some(x) = self.exc_obj_mut(e) {
                    if x.context.is_none() {
                        x.context = Value::Obj(ctx.0);
                    }
                }
            }
        }
    }

    /// `raise v [from cause]`: instantiates classes and checks the operand is an exception.
    #[inline(never)]
    fn make_raisable(&mut self, v: Value, cause: Value) -> Result<Exc, Exc> {
        let e =
            self.to_exception(v).ok_or(()).map_err(|_| self.type_error("exceptions must derive from BaseException"))?;
        if !cause.is_undef() {
            let cause_v = if cause.is_none() {
                Value::None
            } else {
                match self.to_exception(cause) {
                    Some(c) => Value::Obj(c.0),
                    None => return Err(self.type_error("exception causes must derive from BaseException")),
                }
            };
            if let Some(x) = self.exc_obj_mut(e) {
                x.cause = cause_v;
                x.suppress_context = true;
            }
        }
        Ok(e)
    }

    /// An exception instance from a raise operand (a class is instantiated with no args).
    pub fn to_exception(&mut self, v: Value) -> Option<Exc> {
        let r = v.as_obj()?;
        match self.heap.get(r) {
            HeapObj::Exception(_) => Some(Exc(r)),
            HeapObj::Class(c) if c.kind == crate::object::TypeKind::Exception => Some(self.new_exception(r, vec![])),
            _ => None,
        }
    }

    #[inline(never)]
    fn exception_matches(&mut self, exc: Value, typ: Value) -> Result<bool, Exc> {
        let cls = self.class_of(exc);
        let check = |vm: &mut Vm, t: Value| -> Result<bool, Exc> {
            match t {
                Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::Class(c) if vm.is_subclass(r, vm.types.exc(ExcKind::BaseException)) || c.kind == crate::object::TypeKind::Exception) => {
                    Ok(vm.is_subclass(cls, r))
                }
                _ => Err(vm.type_error("catching classes that do not inherit from BaseException is not allowed")),
            }
        };
        if let Value::Obj(r) = typ {
            if let HeapObj::Tuple(items) = self.heap.get(r) {
                let items = items.to_vec();
                let mut any = false;
                for t in items {
                    any |= check(self, t)?;
                }
                return Ok(any);
            }
        }
        check(self, typ)
    }

    /// The prelude function `name` (a builtin written in Python).
    pub fn prelude_fn(&self, name: &str) -> Value {
        self.prelude.get(name).copied().unwrap_or(Value::None)
    }

    pub fn tuple_items(&self, v: Value) -> Vec<Value> {
        match v {
            Value::Obj(r) => match self.heap.get(r) {
                HeapObj::Tuple(t) => t.to_vec(),
                HeapObj::List(l) => l.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    pub fn list_items(&self, v: Value) -> Vec<Value> {
        self.tuple_items(v)
    }

    #[inline(never)]
    fn unpack_into(&mut self, f: &mut Box<Frame>, op: Op, arg: u32, items: Vec<Value>) -> Result<(), Exc> {
        if op == Op::UnpackSequence {
            let n = arg as usize;
            if items.len() != n {
                let msg = if items.len() > n {
                    format!("too many values to unpack (expected {n})")
                } else {
                    format!("not enough values to unpack (expected {n}, got {})", items.len())
                };
                return Err(self.value_error(&msg));
            }
            f.stack.extend(items.into_iter().rev());
            return Ok(());
        }
        let before = (arg & 0xff) as usize;
        let after = (arg >> 8) as usize;
        if items.len() < before + after {
            let msg =
                format!("not enough values to unpack (expected at least {}, got {})", before + after, items.len());
            return Err(self.value_error(&msg));
        }
        let rest: Vec<Value> = items[before..items.len() - after].to_vec();
        for v in items[items.len() - after..].iter().rev() {
            f.stack.push(*v);
        }
        let l = self.new_list(rest);
        f.stack.push(l);
        for v in items[..before].iter().rev() {
            f.stack.push(*v);
        }
        Ok(())
    }
}
