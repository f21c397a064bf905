//! The inner loop: the instructions most programs spend their time in, run with the frame's
//! operand stack in locals (`run_simple`), the less common of them out of line
//! (`simple_extra`), and the calls that need no argument binding (`enter_simple_call`,
//! `fast_frame`, `init_frame`). Anything else stops the inner loop before changing anything, and
//! the general loop (`interp.rs`) runs it.

use crate::frame::{Frame, Link};
use crate::generator::ResumeMode;
use crate::interp::{Flow, Ret, CALL_FUEL};
use crate::object::{FastMethod, Function, HeapObj, IterState, LoadedCode};
use crate::special::bits;
use crate::value::{push_fresh, push_obj, store_packed, ObjRef, Value, TAG_FLOAT, TAG_INT, TAG_NONE, TAG_UNDEF};
use crate::{Exc, Vm};
use coro_compiler::opcode::Op;
use std::rc::Rc;

impl Vm {
    /// The inner loop for the commonest instructions: locals, constants, small-int and float
    /// arithmetic, integer comparisons, jumps on bools, cached globals, `range` iteration, calls
    /// and returns of plain Python functions and methods, simple generator resumes and yields,
    /// and (out of line, `simple_extra`) cached attribute and method lookups. It keeps the
    /// instruction pointer and the stack length in registers, and stops, before executing it, at
    /// the first instruction that needs anything more (another opcode, an operand that is not
    /// the fast case, a full stack, a due collection). Returns that instruction's offset and
    /// whether the running frame changed; the general loop runs the instruction.
    #[inline(always)]
    pub(crate) fn run_simple(&mut self, f: &mut Box<Frame>, mut ip: usize, base: usize) -> (usize, bool) {
        const LOAD_FAST: u8 = Op::LoadFast as u8;
        const STORE_FAST: u8 = Op::StoreFast as u8;
        const LOAD_CONST: u8 = Op::LoadConst as u8;
        const LOAD_SMALL_INT: u8 = Op::LoadSmallInt as u8;
        const LOAD_NONE: u8 = Op::LoadNone as u8;
        const LOAD_GLOBAL: u8 = Op::LoadGlobal as u8;
        const POP: u8 = Op::Pop as u8;
        const ADD: u8 = Op::Add as u8;
        const INPLACE_ADD: u8 = Op::InplaceAdd as u8;
        const SUB: u8 = Op::Sub as u8;
        const MUL: u8 = Op::Mul as u8;
        const MOD: u8 = Op::Mod as u8;
        const LT: u8 = Op::Lt as u8;
        const LE: u8 = Op::Le as u8;
        const GT: u8 = Op::Gt as u8;
        const GE: u8 = Op::Ge as u8;
        const EQ: u8 = Op::Eq as u8;
        const NE: u8 = Op::Ne as u8;
        const JUMP: u8 = Op::Jump as u8;
        const POP_JUMP_IF_FALSE: u8 = Op::PopJumpIfFalse as u8;
        const POP_JUMP_IF_TRUE: u8 = Op::PopJumpIfTrue as u8;
        const FOR_ITER: u8 = Op::ForIter as u8;
        const CALL: u8 = Op::Call as u8;
        const RETURN: u8 = Op::Return as u8;
        const YIELD: u8 = Op::Yield as u8;
        const STORE_GLOBAL: u8 = Op::StoreGlobal as u8;
        const LOAD_ATTR: u8 = Op::LoadAttr as u8;
        const STORE_ATTR: u8 = Op::StoreAttr as u8;
        const LOAD_METHOD: u8 = Op::LoadMethod as u8;
        const CALL_METHOD: u8 = Op::CallMethod as u8;
        const GET_YIELD_FROM_ITER: u8 = Op::GetYieldFromIter as u8;
        const YIELD_FROM: u8 = Op::YieldFrom as u8;
        const GET_ITER: u8 = Op::GetIter as u8;
        const SUBSCR: u8 = Op::Subscr as u8;
        let mut switched = false;
        // One pass per frame: a simple call or return switches frames and starts the next pass.
        'frames: loop {
            // SAFETY: the running frame `f` holds this code (an `Rc`) for as long as it is the
            // running frame, and the pass ends (`continue 'frames`, or the return) as soon as
            // anything makes another frame the running one; no frame's code is replaced while
            // the frame runs. So the code outlives every use in this pass, without the count
            // increment and decrement a clone of the `Rc` cost at each switch.
            let code: &LoadedCode = unsafe { &*Rc::as_ptr(&f.code) };
            let bytes: &[u8] = &code.bytes;
            let consts: &[Value] = &code.consts;
            let globals = f.globals;
            let mut cap = f.stack.capacity();
            let mut n = f.stack.len();
            let mut s = f.stack.as_mut_ptr();
            // SAFETY of the raw accesses below: `s` points at the stack vector's buffer of `cap`
            // slots, the first `n` of them initialised. Every read is of a slot below `n`; every
            // write is of a slot below `cap`, and `n` only grows past a slot once it is written.
            // Each instruction checks all it needs before changing anything, so stopping never
            // leaves one half done. `Value` is `Copy`, so overwriting a slot drops nothing, and the
            // vector's length is set to `n` before returning.
            macro_rules! read {
                ($i:expr) => {
                    unsafe { *s.add($i) }
                };
            }
            macro_rules! write {
                ($i:expr, $v:expr) => {
                    unsafe { s.add($i).write($v) }
                };
            }
            // A value made here (tag and payload bits) is written in one store (`store_packed`).
            macro_rules! write_packed {
                ($i:expr, $tag:expr, $payload:expr) => {
                    unsafe { store_packed(s.add($i), $tag, $payload) }
                };
            }
            // The less common instructions run out of line (`simple_extra`), so the loop's body
            // stays small enough to keep its state in registers.
            // `$run` is `simple_extra` or one of the functions that take its commonest
            // instructions out of it (`simple_attr`, `simple_call_method`, `simple_gen`), each called with
            // the frame, the code, the instruction and its offset.
            macro_rules! extra {
                ($b:expr, $a:expr) => {
                    extra!(simple_extra, $b, $a)
                };
                ($run:ident, $b:expr, $a:expr) => {{
                    // SAFETY: as above; the callee sees the stack's true length.
                    unsafe { f.stack.set_len(n) };
                    match self.$run(f, code, $b, $a, ip) {
                        Extra::Next(next) => {
                            ip = next;
                            n = f.stack.len();
                            cap = f.stack.capacity();
                            s = f.stack.as_mut_ptr();
                            continue;
                        }
                        Extra::Switched => {
                            ip = f.ip;
                            switched = true;
                            continue 'frames;
                        }
                        Extra::Stop => break,
                        Extra::Pending => {
                            // The general loop acts on `Vm::inner_pending` (with the frame's
                            // saved `ip`) before anything else.
                            n = f.stack.len();
                            break;
                        }
                    }
                }};
            }
            // Every instruction read has its operand byte: `ip < last` covers both reads.
            let last = bytes.len().saturating_sub(1);
            loop {
                if ip >= last {
                    break;
                }
                // SAFETY: `ip + 1 < bytes.len()` (checked just above).
                let (b, a) = unsafe { (*bytes.get_unchecked(ip), *bytes.get_unchecked(ip + 1) as usize) };
                match b {
                    LOAD_FAST => {
                        if a >= n || n == cap {
                            break;
                        }
                        let v = read!(a);
                        if v.is_undef() {
                            break;
                        }
                        write!(n, v);
                        n += 1;
                        ip += 2;
                    }
                    STORE_FAST => {
                        if n == 0 || a >= n - 1 {
                            break;
                        }
                        n -= 1;
                        let v = read!(n);
                        write!(a, v);
                        ip += 2;
                    }
                    LOAD_CONST => {
                        if n == cap || a >= consts.len() {
                            break;
                        }
                        write!(n, consts[a]);
                        n += 1;
                        ip += 2;
                    }
                    LOAD_SMALL_INT => {
                        if n == cap {
                            break;
                        }
                        write!(n, Value::Int(a as i64));
                        n += 1;
                        ip += 2;
                    }
                    LOAD_NONE => {
                        if n == cap {
                            break;
                        }
                        write_packed!(n, TAG_NONE, 0);
                        n += 1;
                        ip += 1;
                    }
                    LOAD_GLOBAL => {
                        if n == cap {
                            break;
                        }
                        let Some(v) = self.cached_global(code, a, globals) else { break };
                        write!(n, v);
                        n += 1;
                        ip += 2;
                    }
                    POP => {
                        if n == 0 {
                            break;
                        }
                        n -= 1;
                        ip += 1;
                    }
                    ADD | INPLACE_ADD | SUB | MUL => {
                        if n < 2 {
                            break;
                        }
                        let (tag, bits) = match (read!(n - 2), read!(n - 1)) {
                            (Value::Int(x), Value::Int(y)) => {
                                let r = match b {
                                    SUB => x.checked_sub(y),
                                    MUL => x.checked_mul(y),
                                    _ => x.checked_add(y),
                                };
                                match r {
                                    Some(r) => (TAG_INT, r as u64),
                                    None => break,
                                }
                            }
                            (Value::Float(x), Value::Float(y)) => {
                                let r = match b {
                                    SUB => x - y,
                                    MUL => x * y,
                                    _ => x + y,
                                };
                                (TAG_FLOAT, r.to_bits())
                            }
                            _ => break,
                        };
                        n -= 1;
                        write_packed!(n - 1, tag, bits);
                        ip += 1;
                    }
                    MOD => {
                        // Integer `%` with Python's sign rule (the result takes the divisor's
                        // sign); a zero divisor, and anything else, to the general loop.
                        if n < 2 {
                            break;
                        }
                        let (Value::Int(x), Value::Int(y)) = (read!(n - 2), read!(n - 1)) else { break };
                        let Some(mut r) = x.checked_rem(y) else { break };
                        if r != 0 && (r < 0) != (y < 0) {
                            r += y;
                        }
                        n -= 1;
                        write_packed!(n - 1, TAG_INT, r as u64);
                        ip += 1;
                    }
                    LT | LE | GT | GE | EQ | NE => {
                        if n < 2 {
                            break;
                        }
                        let (Value::Int(x), Value::Int(y)) = (read!(n - 2), read!(n - 1)) else { break };
                        let r = match b {
                            LT => x < y,
                            LE => x <= y,
                            GT => x > y,
                            GE => x >= y,
                            EQ => x == y,
                            _ => x != y,
                        };
                        n -= 1;
                        write!(n - 1, Value::Bool(r));
                        ip += 1;
                    }
                    POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE => {
                        if n == 0 {
                            break;
                        }
                        let Value::Bool(t) = read!(n - 1) else { extra!(simple_jump, b, a) };
                        if a <= ip {
                            let cost = back_edge_fuel(ip, a);
                            if self.fuel < cost {
                                break;
                            }
                            self.fuel -= cost;
                        }
                        n -= 1;
                        ip = if t == (b == POP_JUMP_IF_TRUE) { a } else { ip + 2 };
                    }
                    JUMP => {
                        if self.heap.should_collect() {
                            break;
                        }
                        if a <= ip {
                            let cost = back_edge_fuel(ip, a);
                            if self.fuel < cost {
                                break;
                            }
                            self.fuel -= cost;
                        }
                        ip = a;
                    }
                    FOR_ITER => {
                        if n == 0 || n == cap || self.heap.should_collect() {
                            break;
                        }
                        let Value::Obj(r) = read!(n - 1) else { break };
                        let state = match self.heap.get_mut(r) {
                            HeapObj::Iter(state) => state,
                            HeapObj::Generator(_) => {
                                // SAFETY: as above.
                                unsafe { f.stack.set_len(n) };
                                f.ip = ip + 2;
                                if !self.resume_simple(f, r, Value::None, Link::ForIter(a as u32)) {
                                    break;
                                }
                                ip = f.ip;
                                switched = true;
                                continue 'frames;
                            }
                            _ => break,
                        };
                        let IterState::Range { next, stop, step } = &mut *state else { extra!(simple_seq, b, a) };
                        if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                            let v = *next;
                            *next = next.saturating_add(*step);
                            write_packed!(n, TAG_INT, v as u64);
                            n += 1;
                            ip += 2;
                        } else {
                            n -= 1;
                            ip = a;
                        }
                    }
                    CALL => {
                        // A call of a plain function with exactly its positional parameters.
                        if a >= n {
                            break;
                        }
                        // SAFETY: as above (the call stops with the stack's length at `n`).
                        unsafe { f.stack.set_len(n) };
                        if !self.enter_simple_call(f, n - a - 1, a, ip + 2) {
                            break;
                        }
                        ip = 0;
                        switched = true;
                        continue 'frames;
                    }
                    YIELD => {
                        if n == 0 {
                            break;
                        }
                        let v = read!(n - 1);
                        // SAFETY: as above. (If the yield is not the simple one, `extra!`'s
                        // `set_len(n)` puts `v` back.)
                        unsafe { f.stack.set_len(n - 1) };
                        f.ip = ip + 1;
                        if !self.yield_simple(f, v) {
                            // A yield in a `yield from` chain, or to the host.
                            extra!(simple_gen, b, a)
                        }
                        ip = f.ip;
                        switched = true;
                        continue 'frames;
                    }
                    STORE_GLOBAL => {
                        if n == 0 {
                            break;
                        }
                        let v = read!(n - 1);
                        if !self.store_cached_global(code, a, globals, v) {
                            break;
                        }
                        n -= 1;
                        ip += 2;
                    }
                    // The cache hits of the attribute instructions run here when the check needs
                    // no call (a call in the loop's arms makes it spill `ip`: fib +9%); the rest
                    // runs out of line.
                    LOAD_ATTR => {
                        // An instance attribute the name's inline cache locates.
                        if n == 0 {
                            break;
                        }
                        let Some(v) = self.cached_instance_attr(code, a, read!(n - 1)) else { break };
                        write!(n - 1, v);
                        ip += 2;
                    }
                    LOAD_METHOD => {
                        // A method the name's cache holds for the receiver's class (an instance's,
                        // or a list's, deque's or generator's): found here, as above.
                        if n == 0 || n == cap {
                            break;
                        }
                        let obj = read!(n - 1);
                        let Some(m) = self.method_hit(code, a, obj) else { extra!(simple_attr, b, a) };
                        write!(n - 1, m);
                        write!(n, obj);
                        n += 1;
                        ip += 2;
                    }
                    STORE_ATTR => {
                        // An attribute stored where the name's cache places it, when the instance's
                        // values need not grow: stored here, as above.
                        if n < 2 {
                            break;
                        }
                        if !self.instance_store_hit(code, a, read!(n - 1), read!(n - 2)) {
                            extra!(simple_attr, b, a)
                        }
                        n -= 2;
                        ip += 2;
                    }
                    CALL_METHOD => extra!(simple_call_method, b, a),
                    GET_YIELD_FROM_ITER | YIELD_FROM => extra!(simple_gen, b, a),
                    GET_ITER | SUBSCR => extra!(simple_seq, b, a),
                    RETURN => {
                        // A return from a plain function frame to the frame below it.
                        if n == 0 {
                            break;
                        }
                        if f.gen.is_some() {
                            extra!(simple_gen, b, a)
                        }
                        if self.frames.len() <= base {
                            break;
                        }
                        if !matches!(f.link, Link::Call) {
                            // An `__init__` handing back its instance, perhaps.
                            extra!(simple_gen, b, a)
                        }
                        let v = read!(n - 1);
                        let Some(caller) = self.frames.pop() else { break };
                        // SAFETY: as above.
                        unsafe { f.stack.set_len(n - 1) };
                        let done = std::mem::replace(f, caller);
                        self.recycle_frame(done);
                        f.stack.push(v);
                        ip = f.ip;
                        switched = true;
                        continue 'frames;
                    }
                    _ => extra!(b, a),
                }
            }
            // SAFETY: the first `n` slots are initialised (see above) and `n <= cap`.
            unsafe { f.stack.set_len(n) };
            return (ip, switched);
        }
    }

    /// The inner loop's less common instructions (see `run_simple`): runs instruction `b` with
    /// operand `a` at `ip` of the running frame `f` when it needs no more than the inner loop
    /// allows (no Python, nothing that can fail; at most a new list or tuple), or stops before
    /// changing anything.
    #[inline(never)]
    fn simple_extra(&mut self, f: &mut Box<Frame>, _code: &LoadedCode, b: u8, a: usize, ip: usize) -> Extra {
        let n = f.stack.len();
        let room = n < f.stack.capacity();
        let Some(op) = Op::from_byte(b) else { return Extra::Stop };
        match op {
            Op::Not if n > 0 => {
                let Some(t) = self.simple_truth(f.stack[n - 1]) else { return Extra::Stop };
                f.stack[n - 1] = Value::Bool(!t);
                Extra::Next(ip + 1)
            }
            Op::IsOp if n >= 2 => {
                let r = f.stack[n - 2].is(f.stack[n - 1]) != (a == 1);
                f.stack.pop();
                f.stack[n - 2] = Value::Bool(r);
                Extra::Next(ip + 2)
            }
            Op::Copy if a >= 1 && a <= n && room => {
                f.stack.push(f.stack[n - a]);
                Extra::Next(ip + 2)
            }
            Op::Swap if a >= 1 && a <= n => {
                f.stack.swap(n - 1, n - a);
                Extra::Next(ip + 2)
            }
            Op::BuildList | Op::BuildTuple if a <= n && (a > 0 || room) => {
                let items = f.stack[n - a..].to_vec();
                f.stack.truncate(n - a);
                let v = if op == Op::BuildList { self.new_list(items) } else { self.new_tuple(items) };
                push_fresh(&mut f.stack, v);
                Extra::Next(ip + 2)
            }
            Op::StoreSubscr if n >= 3 => {
                // `list[i] = v` with an int index in range.
                let (Value::Obj(r), Value::Int(i), v) = (f.stack[n - 2], f.stack[n - 1], f.stack[n - 3]) else {
                    return Extra::Stop;
                };
                if self.is_derived(r) {
                    return Extra::Stop;
                }
                let HeapObj::List(l) = self.heap.get_mut(r) else { return Extra::Stop };
                let Some(slot) = seq_index(l.len(), i).and_then(|j| l.get_mut(j)) else { return Extra::Stop };
                *slot = v;
                f.stack.truncate(n - 3);
                Extra::Next(ip + 1)
            }
            _ => Extra::Stop,
        }
    }

    /// The inner loop's sequence instructions, out of line on their own like `simple_attr`:
    /// `ForIter` of a list or tuple iterator (the range one runs in the loop), `GetIter` of a
    /// list or tuple, and `Subscr` of one by an int. Stops, having done nothing, otherwise.
    #[inline(never)]
    fn simple_seq(&mut self, f: &mut Box<Frame>, code: &LoadedCode, b: u8, a: usize, ip: usize) -> Extra {
        let n = f.stack.len();
        let room = n < f.stack.capacity();
        let Some(op) = Op::from_byte(b) else { return Extra::Stop };
        match op {
            Op::ForIter if n > 0 && room => {
                // The next item of a list or tuple iterator, or the loop's exit at its end.
                let Value::Obj(r) = f.stack[n - 1] else { return Extra::Stop };
                let HeapObj::Iter(state) = self.heap.get(r) else { return Extra::Stop };
                let IterState::Seq { seq, index, private } = *state else { return Extra::Stop };
                let item = match self.heap.get(seq) {
                    HeapObj::List(l) => l.get(index),
                    HeapObj::Tuple(t) => t.get(index),
                    _ => return Extra::Stop,
                };
                let Some(&v) = item else {
                    f.stack.pop();
                    if private {
                        // The loop's own iterator, now off its stack (see `GetIter`).
                        self.heap.free_now(r);
                    }
                    return Extra::Next(a);
                };
                if let HeapObj::Iter(IterState::Seq { index, .. }) = self.heap.get_mut(r) {
                    *index += 1;
                }
                f.stack.push(v);
                Extra::Next(ip + 2)
            }
            Op::GetIter if n > 0 => {
                // A list's or tuple's iterator; a `for` loop's own is private to it, freed when
                // the loop runs out (as the general loop's `GetIter` does).
                let Value::Obj(r) = f.stack[n - 1] else { return Extra::Stop };
                if self.is_derived(r) || !matches!(self.heap.get(r), HeapObj::List(_) | HeapObj::Tuple(_)) {
                    return Extra::Stop;
                }
                let private = code.bytes.get(ip + 1) == Some(&(Op::ForIter as u8));
                let bytes = std::mem::size_of::<HeapObj>() + 32;
                let it = self.heap.alloc_with(bytes, || HeapObj::Iter(IterState::Seq { seq: r, index: 0, private }));
                f.stack.pop();
                push_obj(&mut f.stack, it);
                Extra::Next(ip + 1)
            }
            Op::Subscr if n >= 2 => {
                // `seq[i]` of a list or tuple with an int index in range.
                let (Value::Obj(r), Value::Int(i)) = (f.stack[n - 2], f.stack[n - 1]) else { return Extra::Stop };
                if self.is_derived(r) {
                    return Extra::Stop;
                }
                let items: &[Value] = match self.heap.get(r) {
                    HeapObj::List(l) => l,
                    HeapObj::Tuple(t) => t,
                    _ => return Extra::Stop,
                };
                let Some(&v) = seq_index(items.len(), i).and_then(|j| items.get(j)) else { return Extra::Stop };
                f.stack.pop();
                f.stack[n - 2] = v;
                Extra::Next(ip + 1)
            }
            _ => Extra::Stop,
        }
    }

    /// The inner loop's `PopJumpIfFalse`/`PopJumpIfTrue` on a value that is not a bool (`if
    /// self.items:`, `while ready:`), out of line on its own like `simple_attr`: the jump on
    /// the value's truth when `simple_truth` knows it. Stops, having done nothing, otherwise.
    #[inline(never)]
    fn simple_jump(&mut self, f: &mut Box<Frame>, _code: &LoadedCode, b: u8, a: usize, ip: usize) -> Extra {
        let Some(&v) = f.stack.last() else { return Extra::Stop };
        let Some(t) = self.simple_truth(v) else { return Extra::Stop };
        if a <= ip {
            // A loop's back edge: fuel, as in the inner loop's bool case.
            let cost = back_edge_fuel(ip, a);
            if self.fuel < cost {
                return Extra::Stop;
            }
            self.fuel -= cost;
        }
        f.stack.pop();
        Extra::Next(if t == (b == Op::PopJumpIfTrue as u8) { a } else { ip + 2 })
    }

    /// The inner loop's `StoreAttr` and the `LoadMethod`s it does not find in the cache itself,
    /// out of line like `simple_extra` but on their own (the big function's entry cost about 40
    /// instructions each): a store through the name's inline cache, or a method
    /// `simple_method` finds (filling the cache). Stops, having done nothing, otherwise.
    #[inline(never)]
    fn simple_attr(&mut self, f: &mut Box<Frame>, code: &LoadedCode, b: u8, a: usize, ip: usize) -> Extra {
        const STORE_ATTR: u8 = Op::StoreAttr as u8;
        const LOAD_METHOD: u8 = Op::LoadMethod as u8;
        let room = f.stack.len() < f.stack.capacity();
        match (b, &mut f.stack[..]) {
            (STORE_ATTR, [.., v, obj]) => {
                if !self.cached_instance_store(code, a, *obj, *v) {
                    return Extra::Stop;
                }
                let n = f.stack.len();
                f.stack.truncate(n - 2);
            }
            (LOAD_METHOD, [.., top]) if room => {
                let obj = *top;
                let Some(m) = self.simple_method(code, a, obj) else { return Extra::Stop };
                *top = m;
                f.stack.push(obj);
            }
            _ => return Extra::Stop,
        }
        Extra::Next(ip + 2)
    }

    /// The inner loop's `CallMethod` (operand `a`, at `ip`), out of line on its own like
    /// `simple_attr`: a Python method with exactly its positional parameters (the callee slot,
    /// then the receiver and the arguments), a builtin method (`call_native_method`), or a
    /// generator function of the program (`simple_generator_call`). Stops, having done nothing,
    /// for any other call.
    #[inline(never)]
    fn simple_call_method(&mut self, f: &mut Box<Frame>, code: &LoadedCode, _b: u8, a: usize, ip: usize) -> Extra {
        let n = f.stack.len();
        if a + 2 > n || f.stack[n - a - 1].is_undef() {
            return Extra::Stop;
        }
        if self.enter_simple_call(f, n - a - 2, a + 1, ip + 2) {
            return Extra::Switched;
        }
        let callee_slot = n - a - 2;
        if let Value::Obj(r) = f.stack[callee_slot] {
            if let HeapObj::Builtin(b) = self.heap.get(r) {
                // A builtin method of the scheduler's hot path runs here, looked at once.
                let fast = b.fast;
                if fast != FastMethod::No && b.this.is_undef() && self.fuel >= CALL_FUEL {
                    if let Some(extra) = self.fast_method(f, fast, callee_slot, a, ip + 2) {
                        self.fuel -= CALL_FUEL;
                        return extra;
                    }
                }
                return self.call_native_method(f, callee_slot, ip + 2);
            }
        }
        if self.simple_generator_call(f, callee_slot, a + 1) {
            // `yield from obj.method(...)`: the generator goes straight to the delegation, so
            // the delegator's stack holds the only reference to it.
            if code.bytes.get(ip + 2) == Some(&(Op::GetYieldFromIter as u8)) {
                self.mark_private(f.stack[callee_slot]);
                // That `GetYieldFromIter` would leave it where it is: the delegation starts.
                return self.start_delegation(f, code, ip + 2);
            }
            return Extra::Next(ip + 2);
        }
        Extra::Stop
    }

    /// The inner loop's generator instructions, out of line on their own like `simple_attr`:
    /// a generator's return (to its delegator or its resumer) or an `__init__`'s hand-back of
    /// its instance, `GetYieldFromIter` of a generator or of an instance whose `__iter__` is a
    /// generator function, and `YieldFrom`. Stops, having done nothing, otherwise.
    #[inline(never)]
    fn simple_gen(&mut self, f: &mut Box<Frame>, code: &LoadedCode, b: u8, _a: usize, ip: usize) -> Extra {
        let n = f.stack.len();
        let room = n < f.stack.capacity();
        let Some(op) = Op::from_byte(b) else { return Extra::Stop };
        match op {
            Op::Return if n > 0 => {
                // A generator's return: to the generator delegating to it, or to its resumer.
                // Otherwise (`run_simple` has checked the frame has a caller in this run) the
                // return of an `__init__` that made its instance directly (`init_frame`).
                let v = f.stack[n - 1];
                if let Some(g) = f.gen {
                    f.stack.pop();
                    f.ip = ip + 1;
                    let mut flow = self.generator_return(f, g, v);
                    // `return (yield from x)`: a delegator whose `Return` is next returns the
                    // value on at once, as that instruction would (a loop, not a recursion,
                    // however long the chain that unwinds).
                    while matches!(flow, Ok(Flow::Next)) {
                        let Some(g) = f.gen else { break };
                        if f.code.bytes.get(f.ip) != Some(&(Op::Return as u8)) {
                            break;
                        }
                        let Some(v) = f.stack.pop() else { break };
                        f.ip += 1;
                        flow = self.generator_return(f, g, v);
                    }
                    return self.settle(flow);
                }
                let Link::Init(instance) = f.link else { return Extra::Stop };
                if !v.is_none() {
                    return Extra::Stop;
                }
                let Some(caller) = self.frames.pop() else { return Extra::Stop };
                let done = std::mem::replace(f, caller);
                self.recycle_frame(done);
                push_obj(&mut f.stack, instance);
                Extra::Switched
            }
            Op::GetYieldFromIter if n > 0 => {
                // `yield from` a generator delegates to the generator itself; `yield from` an
                // instance whose `__iter__` is a generator function of the program, to the
                // generator that makes.
                let v = f.stack[n - 1];
                let Value::Obj(r) = v else { return Extra::Stop };
                match self.heap.get(r) {
                    // (A generator's type cannot be subclassed, so none iterates in Python.)
                    HeapObj::Generator(_) => self.start_delegation(f, code, ip),
                    HeapObj::Instance { .. } if room => {
                        let Some(m) = self.generator_iter_method(v) else { return Extra::Stop };
                        f.stack[n - 1] = m;
                        f.stack.push(v);
                        if self.simple_generator_call(f, n - 1, 1) {
                            // Made here for the `YieldFrom` that follows: private to it.
                            self.mark_private(f.stack[n - 1]);
                            return self.start_delegation(f, code, ip);
                        }
                        f.stack.pop();
                        f.stack[n - 1] = v;
                        Extra::Stop
                    }
                    _ => Extra::Stop,
                }
            }
            Op::Yield if n > 0 => {
                let v = f.stack[n - 1];
                f.stack.pop();
                f.ip = ip + 1;
                let flow = self.do_yield(f, v);
                self.settle(flow)
            }
            Op::YieldFrom if n >= 2 => {
                let (sent, it) = (f.stack[n - 1], f.stack[n - 2]);
                f.stack.pop();
                f.ip = ip + 1;
                let flow = self.yield_from(f, it, sent, ip);
                self.settle(flow)
            }
            _ => Extra::Stop,
        }
    }

    /// After `GetYieldFromIter` at `ip` left a generator on the stack: when the compiler's
    /// `LoadNone`, `YieldFrom` follow (every `yield from`), the delegation starts now, as those
    /// two would start it (their dispatch, and the `None` pushed only to be popped, were a
    /// fifth of a fresh delegate's start); otherwise the loop goes on to the next instruction.
    #[inline(always)]
    fn start_delegation(&mut self, f: &mut Box<Frame>, code: &LoadedCode, ip: usize) -> Extra {
        let (none, yield_from) = (Op::LoadNone as u8, Op::YieldFrom as u8);
        if f.gen.is_none() || code.bytes.get(ip + 1..ip + 3) != Some(&[none, yield_from][..]) {
            return Extra::Next(ip + 1);
        }
        let Some(&it) = f.stack.last() else { return Extra::Stop };
        f.ip = ip + 3;
        let flow = self.yield_from(f, it, Value::None, ip + 2);
        self.settle(flow)
    }

    /// The truth value of `v` when it needs no Python and cannot fail: bools, None, numbers,
    /// and the builtin containers (deques too) and strings (by emptiness). None for anything else.
    #[inline(always)]
    fn simple_truth(&self, v: Value) -> Option<bool> {
        Some(match v {
            Value::Bool(b) => b,
            Value::None => false,
            Value::Int(x) => x != 0,
            Value::Float(x) => x != 0.0,
            // A user subclass of a builtin type may define __bool__ or __len__ (`derived.rs`).
            Value::Obj(r) if self.is_derived(r) => return None,
            Value::Obj(r) => match self.heap.get(r) {
                HeapObj::List(l) => !l.is_empty(),
                HeapObj::Tuple(t) => !t.is_empty(),
                HeapObj::Str(s) => !s.s.is_empty(),
                HeapObj::Dict(d) => !d.is_empty(),
                HeapObj::Deque(d) => !d.items.is_empty(),
                _ => return None,
            },
            Value::Undef => return None,
        })
    }

    /// For `CallMethod` in the inner loop: when the callee at `callee_slot` is a builtin method
    /// that `LoadMethod` found through the receiver's class (so the receiver, in the slot above,
    /// needs no check), calls it with the receiver and arguments where they lie. A plain result
    /// replaces them and the loop goes on at `next`; anything else (an error, a request such as
    /// resuming a generator) is left in `inner_pending` for the general loop, which acts on it
    /// as its own `CallMethod` would have. Stops, having done nothing, for any other callee.
    #[inline(never)]
    fn call_native_method(&mut self, f: &mut Box<Frame>, callee_slot: usize, next: usize) -> Extra {
        let Some(&Value::Obj(r)) = f.stack.get(callee_slot) else { return Extra::Stop };
        let HeapObj::Builtin(b) = self.heap.get(r) else { return Extra::Stop };
        // A host function bound to its table slot takes the general path (`call_native_on_stack`).
        if !b.this.is_undef() || self.fuel < CALL_FUEL {
            return Extra::Stop;
        }
        let func = b.func;
        self.fuel -= CALL_FUEL;
        self.caller_globals = Some(f.globals);
        let ret = func(self, f.stack.get(callee_slot + 1..).unwrap_or(&[]), &[]);
        f.stack.truncate(callee_slot);
        match ret {
            Ok(Ret::Value(v)) => {
                push_fresh(&mut f.stack, v);
                Extra::Next(next)
            }
            other => {
                f.ip = next;
                let flow = other.and_then(|ret| self.handle_ret(f, ret));
                self.settle(flow)
            }
        }
    }

    /// A builtin method of the scheduler's hot path (`FastMethod`) run in place, its callee,
    /// receiver and `argc` arguments (at `callee_slot` and above, the top of the stack) replaced
    /// by its result, as the native would; None, having changed nothing, when the call is not
    /// the common one (the native then runs and raises whatever CPython raises).
    #[inline]
    fn fast_method(
        &mut self,
        f: &mut Box<Frame>,
        kind: FastMethod,
        callee_slot: usize,
        argc: usize,
        next: usize,
    ) -> Option<Extra> {
        let Some(&Value::Obj(recv)) = f.stack.get(callee_slot + 1) else { return None };
        let arg = match argc {
            0 => None,
            1 => Some(*f.stack.get(callee_slot + 2)?),
            _ => return None,
        };
        match (kind, arg) {
            (FastMethod::ListAppend, Some(v)) => {
                let HeapObj::List(l) = self.heap.get_mut(recv) else { return None };
                l.push(v);
                // Counted toward the memory limit as it grows (see `Heap::grew`).
                self.heap.grew(16);
                f.stack.truncate(callee_slot);
                return Some(push_none_result(f, next));
            }
            (FastMethod::ListPop, None) => {
                let HeapObj::List(l) = self.heap.get_mut(recv) else { return None };
                let v = l.pop()?;
                f.stack.truncate(callee_slot);
                f.stack.push(v);
            }
            (FastMethod::DequeAppend, Some(v)) => {
                let HeapObj::Deque(d) = self.heap.get_mut(recv) else { return None };
                d.push_back(v);
                self.heap.grew(16);
                f.stack.truncate(callee_slot);
                return Some(push_none_result(f, next));
            }
            (FastMethod::DequePopleft, None) => {
                let HeapObj::Deque(d) = self.heap.get_mut(recv) else { return None };
                let v = d.items.pop_front()?;
                d.bump();
                f.stack.truncate(callee_slot);
                f.stack.push(v);
            }
            (FastMethod::GeneratorSend, Some(v)) => {
                if !matches!(self.heap.get(recv), HeapObj::Generator(_)) {
                    return None;
                }
                f.stack.truncate(callee_slot);
                f.ip = next;
                let flow = self.resume_generator(f, recv, ResumeMode::Send(v), Link::Send);
                return Some(self.settle(flow));
            }
            _ => return None,
        }
        Some(Extra::Next(next))
    }

    /// The inner loop's part in an instruction that ran as the general loop runs it (with the
    /// running frame's `ip` saved past it): the loop goes on with whatever frame is now the
    /// running one, or leaves an error or an exit to the general loop (`inner_pending`).
    #[inline]
    fn settle(&mut self, flow: Result<Flow, Exc>) -> Extra {
        match flow {
            Ok(Flow::Next) => Extra::Switched,
            other => {
                self.inner_pending = Some(other);
                Extra::Pending
            }
        }
    }

    /// Whether `r` is an instance of a user subclass of a builtin type (whose special methods
    /// the inner loop leaves to the general loop).
    #[inline(always)]
    fn is_derived(&self, r: ObjRef) -> bool {
        !self.heap.derived.is_empty() && self.heap.derived.contains_key(&r.0)
    }

    /// For the inner loop: when the value at `callee_slot` of `f`'s stack is a plain Python
    /// function taking exactly the `nargs` values above it, makes its frame the running one (the
    /// callee and arguments popped, the caller to continue at `ret_ip`) and returns true; false,
    /// having changed nothing, for any other call.
    #[inline(always)]
    fn enter_simple_call(&mut self, f: &mut Box<Frame>, callee_slot: usize, nargs: usize, ret_ip: usize) -> bool {
        let Some(&Value::Obj(r)) = f.stack.get(callee_slot) else { return false };
        let HeapObj::Function(func) = self.heap.get(r) else { return false };
        if func.code.simple_argcount != nargs || self.frames.len() + 2 > self.recursion_limit || self.fuel < CALL_FUEL {
            return false;
        }
        let Some(mut frame) = self.frame_pool.pop() else { return false };
        self.fuel -= CALL_FUEL;
        init_simple_frame(&mut frame, func, &f.stack[callee_slot + 1..]);
        f.stack.truncate(callee_slot);
        f.ip = ret_ip;
        let caller = std::mem::replace(f, frame);
        self.push_caller(caller);
        true
    }

    /// For the inner loop: when the value at `callee_slot` of `f`'s stack is a generator function
    /// of the program taking exactly the `nargs` values above it, replaces the callee and the
    /// arguments with the generator the call makes and returns true; false, having changed
    /// nothing, for any other call.
    pub(crate) fn simple_generator_call(&mut self, f: &mut Box<Frame>, callee_slot: usize, nargs: usize) -> bool {
        let Some(&Value::Obj(r)) = f.stack.get(callee_slot) else { return false };
        let HeapObj::Function(func) = self.heap.get(r) else { return false };
        if func.code.generator_argcount != nargs || self.fuel < CALL_FUEL {
            return false;
        }
        let Some(mut frame) = self.frame_pool.pop() else { return false };
        self.fuel -= CALL_FUEL;
        let (name, qualname) = (func.name, func.qualname);
        init_simple_frame(&mut frame, func, &f.stack[callee_slot + 1..]);
        f.stack.truncate(callee_slot);
        let g = self.named_generator(frame, None, name, qualname);
        push_fresh(&mut f.stack, g);
        true
    }

    /// The callee's frame when `callee` is a plain Python function (not a generator), with the
    /// arguments copied straight from the caller's stack: the common call, without the
    /// intermediate argument vector of `call_value`.
    #[inline]
    pub(crate) fn fast_frame(&mut self, callee: Value, args: &[Value]) -> Result<Option<Box<Frame>>, Exc> {
        let Value::Obj(r) = callee else { return Ok(None) };
        let func = match self.heap.get(r) {
            HeapObj::Function(func) => func,
            HeapObj::Class(_) => return Ok(self.init_frame(r, args)),
            _ => return Ok(None),
        };
        if func.code.code.flags.generator {
            return Ok(None);
        }
        // The commonest call: exact positional arguments, no cells. Build the frame inline.
        if args.len() == func.code.simple_argcount {
            if let Some(mut frame) = self.frame_pool.pop() {
                init_simple_frame(&mut frame, func, args);
                return Ok(Some(frame));
            }
        }
        self.function_frame(r, args, &[]).map(Some)
    }

    /// Calling user class `cls` in the common way: a plain class (no metaclass, `__new__` or
    /// builtin base) whose `__init__` is a Python function taking exactly the instance and
    /// `args`. The new instance, and the frame of its `__init__` linked to hand it back; None,
    /// having done nothing, for any other call (`instantiate` then makes it).
    fn init_frame(&mut self, cls: ObjRef, args: &[Value]) -> Option<Box<Frame>> {
        let HeapObj::Class(c) = self.heap.get(cls) else { return None };
        if !c.heap_type
            || c.metaclass.is_some()
            || c.kind != crate::object::TypeKind::Object
            || c.specials & bits::NEW != 0
        {
            return None;
        }
        let room = c.layout.len();
        let Some(Value::Obj(init)) = self.class_lookup(cls, self.init_name) else { return None };
        let HeapObj::Function(func) = self.heap.get(init) else { return None };
        if func.code.simple_argcount != args.len() + 1 || self.frames.len() + 2 > self.recursion_limit {
            return None;
        }
        let mut frame = self.frame_pool.pop()?;
        let values = Vec::with_capacity(room);
        let bytes = std::mem::size_of::<HeapObj>() + room * 16;
        let instance = self.heap.alloc_with(bytes, || HeapObj::Instance { class: cls, dict: None, values });
        let HeapObj::Function(func) = self.heap.get(init) else { return None };
        init_simple_frame(&mut frame, func, &[Value::Obj(instance)]);
        frame.stack[1..=args.len()].copy_from_slice(args);
        frame.link = Link::Init(instance);
        Some(frame)
    }
}

/// Fuel for a jump back from the instruction at `from` to `to`: the loop body's length in
/// instructions (two bytes each, most of them), so fuel counts about one unit per instruction.
#[inline(always)]
pub(crate) fn back_edge_fuel(from: usize, to: usize) -> u64 {
    ((from - to) as u64 >> 1) | 1
}

/// Index `i` (negative from the end) of a sequence of `len` items, if in range.
#[inline(always)]
fn seq_index(len: usize, i: i64) -> Option<usize> {
    let j = if i < 0 { i.checked_add(len as i64)? } else { i };
    (0..len as i64).contains(&j).then_some(j as usize)
}

/// What `Vm::simple_extra` did with an instruction.
enum Extra {
    /// Done; continue at this offset.
    Next(usize),
    /// A call or a return made another frame the running one (which continues at its `ip`).
    Switched,
    /// Not an instruction the inner loop runs: the general loop runs it.
    Stop,
    /// The instruction ended in an error or an exit (`Vm::inner_pending`) that the general loop
    /// must handle; the running frame's `ip` is saved.
    Pending,
}

/// Pushes a method's None result for the instruction at `next`, unless that is the `Pop` of a
/// call made as a statement (`queue.append(x)`), which is then skipped with it.
#[inline(always)]
fn push_none_result(f: &mut Frame, next: usize) -> Extra {
    if f.code.bytes.get(next) == Some(&(Op::Pop as u8)) {
        return Extra::Next(next + 1);
    }
    push_fresh(&mut f.stack, Value::None);
    Extra::Next(next)
}

/// Readies a pooled frame for a call of `func` whose code takes exactly `args` positionally and
/// has no cells (`LoadedCode::simple_argcount`).
#[inline(always)]
fn init_simple_frame(frame: &mut Frame, func: &Function, args: &[Value]) {
    // The arguments, then the other locals unbound, written in place: `extend_from_slice` and
    // `extend` were a `memcpy` call and two out-of-line loops, 86 instructions for a call of
    // one or two arguments (a method call of the scheduler benchmark).
    let nlocals = func.code.code.varnames.len().max(args.len());
    frame.stack.clear();
    frame.stack.reserve(func.code.frame_size.max(nlocals));
    let p = frame.stack.as_mut_ptr();
    // SAFETY: the buffer holds at least `nlocals` values (reserved above), each slot below
    // `nlocals` is written once with a valid value before the length covers it.
    unsafe {
        for (i, v) in args.iter().enumerate() {
            p.add(i).write(*v);
        }
        for i in args.len()..nlocals {
            store_packed(p.add(i), TAG_UNDEF, 0);
        }
        frame.stack.set_len(nlocals);
    }
    if !Rc::ptr_eq(&frame.code, &func.code) {
        frame.code = func.code.clone();
    }
    frame.reset(func.globals);
}
