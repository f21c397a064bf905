//! The bytecode verifier: proves, before anything runs, that a `Code` (and every code object
//! nested in it) cannot make the VM index out of range, pop an empty stack or jump into the middle
//! of an instruction. Bytecode files are verified on every load; debug builds also verify what the
//! compiler produces, so the whole test suite exercises both.
//!
//! What holds for code that verifies:
//! - the argument counts fit in the locals, cell parameters name a cell and a parameter;
//! - every instruction decodes whole (no `ExtendedArg` before an instruction without an operand,
//!   no more prefixes than an operand can take), and control never runs off the end;
//! - constant, name, local and cell/free indices are in range; jump targets and exception-table
//!   boundaries lie on instruction starts; numeric operands are ones the VM gives a meaning to;
//! - by abstract interpretation over every path (handlers included), the operand-stack depth
//!   before each instruction is the same on every path that reaches it, never goes below zero or
//!   above `max_stack`, and covers whatever the instruction addresses below the top (`Copy`,
//!   `ListAppend`, ...); an instruction covered by a handler never leaves fewer items than the
//!   handler's depth, so unwinding to it is exact;
//! - control goes backwards only by `Jump`, `PopJumpIfFalse` and `PopJumpIfTrue`, which the VM
//!   charges fuel for: other jumps go forward and exception handlers lie after the ranges they
//!   cover, so every loop, however the code was made, uses up fuel;
//! - `MakeFunction` finds its code constant (and a closure of exactly its free variables) on the
//!   stack, `CallKw` a constant tuple of keyword names; yield instructions appear only in
//!   generator code; the line table decodes and stays inside the code.
//!
//! The VM relies on these facts: it indexes constants, names, locals and cells without checking.

use crate::code::{Code, Const, Instr};
use crate::opcode::{BinOpKind, Op, Operand};
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;

/// The deepest operand stack a code object may declare (16 Mi values, 256 MiB): frames allocate
/// `max_stack` slots up front, so an absurd declaration must not reach the allocator.
pub const MAX_STACK: u32 = 1 << 24;

/// A failed check: which code object, where in it (a byte offset of its code, when the check is
/// about one instruction) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    pub qualname: Rc<str>,
    pub first_line: u32,
    pub offset: Option<u32>,
    pub msg: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "code object '{}' (line {})", self.qualname, self.first_line)?;
        if let Some(at) = self.offset {
            write!(f, ", offset {at}")?;
        }
        write!(f, ": {}", self.msg)
    }
}

impl std::error::Error for VerifyError {}

type VResult<T> = Result<T, VerifyError>;

/// Verifies `code` and every code object nested in its constants (iteratively, so deep nesting
/// costs no native stack).
pub fn verify(code: &Code) -> VResult<()> {
    let mut todo: Vec<&Code> = vec![code];
    while let Some(c) = todo.pop() {
        verify_one(c)?;
        todo.extend(c.consts.iter().filter_map(|k| if let Const::Code(k) = k { Some(&**k) } else { None }));
    }
    Ok(())
}

/// What the verifier knows about one operand-stack slot near the top.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Unknown,
    /// Pushed by `LoadConst` of this constant index.
    Const(u32),
    /// A tuple of this many cells, built by `BuildTuple` from `LoadClosure`s.
    Closure(u32),
}

/// The abstract state before an instruction: the depth, what the top two slots hold, and how
/// many slots at the top are cells pushed by `LoadClosure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct State {
    depth: u32,
    top: [Kind; 2],
    cells: u32,
}

impl State {
    fn handler(depth: u32) -> State {
        State { depth, top: [Kind::Unknown; 2], cells: 0 }
    }

    /// Meeting another path: depths must agree; what the paths disagree on becomes unknown.
    fn join(self, other: State) -> Option<State> {
        if self.depth != other.depth {
            return None;
        }
        let k = |a: Kind, b: Kind| if a == b { a } else { Kind::Unknown };
        Some(State {
            depth: self.depth,
            top: [k(self.top[0], other.top[0]), k(self.top[1], other.top[1])],
            cells: if self.cells == other.cells { self.cells } else { 0 },
        })
    }

    /// The state after popping `pops` and pushing `pushed` (the kinds of the pushed slots, given
    /// for at most the top one; more pushed slots are unknown). Depth checks are the caller's.
    fn apply(self, pops: u32, pushes: u32, pushed: Kind, cell: bool) -> State {
        let mut top = self.top;
        match pops {
            0 => {}
            1 => top = [top[1], Kind::Unknown],
            _ => top = [Kind::Unknown; 2],
        }
        let mut cells = self.cells.saturating_sub(pops);
        match pushes {
            0 => {}
            1 => top = [pushed, top[0]],
            _ => top = [Kind::Unknown; 2],
        }
        if pushes > 0 {
            cells = if cell && pushes == 1 { cells + 1 } else { 0 };
        }
        State { depth: self.depth - pops + pushes, top, cells }
    }
}

/// Instructions that never raise in their own frame (so an exception-table entry covering them
/// adds no path). `Return` counts: what it raises (StopIteration, a `close()`'s GeneratorExit)
/// is raised in the frame it returns to, and the compiler does cover some returns by handlers
/// whose depth the popped return value was part of.
fn cannot_raise(op: Op) -> bool {
    matches!(
        op,
        Op::Nop
            | Op::ExtendedArg
            | Op::LoadConst
            | Op::LoadNone
            | Op::LoadSmallInt
            | Op::StoreFast
            | Op::StoreDeref
            | Op::LoadClosure
            | Op::Pop
            | Op::Copy
            | Op::Swap
            | Op::Jump
            | Op::PushExcInfo
            | Op::PopExcept
            | Op::LoadAssertionError
            | Op::LoadBuildClass
            | Op::BuildTuple
            | Op::BuildList
            | Op::BuildSlice
            | Op::BuildString
            | Op::ListToTuple
            | Op::Return
    )
}

/// Instructions the VM may raise from with `ip` back at their own start (it re-runs them after
/// asking Python code for an iterable's items or an object's truth value, or resumes a
/// `yield from` there), so the handler that applies is the one covering the instruction before
/// them.
fn may_raise_at_start(op: Op) -> bool {
    matches!(
        op,
        Op::PopJumpIfFalse
            | Op::PopJumpIfTrue
            | Op::Not
            | Op::ListExtend
            | Op::SetUpdate
            | Op::DictUpdate
            | Op::DictMerge
            | Op::UnpackSequence
            | Op::UnpackEx
            | Op::YieldFrom
    )
}

struct Checker<'c> {
    c: &'c Code,
}

impl<'c> Checker<'c> {
    fn err(&self, offset: Option<u32>, msg: impl Into<String>) -> VerifyError {
        VerifyError { qualname: self.c.qualname.clone(), first_line: self.c.first_line, offset, msg: msg.into() }
    }

    fn at(&self, offset: u32, msg: impl Into<String>) -> VerifyError {
        self.err(Some(offset), msg)
    }
}

fn verify_one(c: &Code) -> VResult<()> {
    let ck = Checker { c };
    let whole = |msg: String| ck.err(None, msg);

    // The signature and the variable layout.
    let nlocals = c.varnames.len() as u64;
    let params = c.argcount as u64 + c.kwonlyargcount as u64 + c.flags.varargs as u64 + c.flags.varkw as u64;
    if params > nlocals {
        return Err(whole(format!("{params} parameters but only {nlocals} locals")));
    }
    if c.posonlyargcount > c.argcount {
        return Err(whole("more positional-only parameters than positional ones".into()));
    }
    for &(cell, local) in &c.cell_params {
        if cell as usize >= c.cellvars.len() || local as u64 >= params {
            return Err(whole(format!("cell parameter ({cell}, {local}) names no cell or no parameter")));
        }
    }
    if c.max_stack > MAX_STACK {
        return Err(whole(format!("max_stack {} exceeds the limit {MAX_STACK}", c.max_stack)));
    }
    let nderefs = c.nderefs() as u64;
    let len = c.code.len();
    if len > u32::MAX as usize / 2 {
        return Err(whole("code too long".into()));
    }
    verify_line_table(&ck)?;

    // Decode every instruction; `index[offset]` is the instruction starting there.
    let mut instrs = Vec::new();
    let mut index: Vec<u32> = vec![u32::MAX; len + 1];
    for ins in c.instructions() {
        let ins = ins.map_err(|at| ck.at(at, "undecodable instruction"))?;
        if !ins.op.has_arg() && ins.next - ins.start > 1 {
            return Err(ck.at(ins.start, format!("ExtendedArg before {}, which takes no operand", ins.op.name())));
        }
        index[ins.start as usize] = instrs.len() as u32;
        instrs.push(ins);
    }
    index[len] = instrs.len() as u32;
    let starts_at = |off: u32| (off as usize) <= len && index[off as usize] != u32::MAX;

    // Operands that do not depend on the stack.
    for ins in &instrs {
        let (op, arg, at) = (ins.op, ins.arg, ins.start);
        let in_range = |n: u64, what: &str| {
            if (arg as u64) < n {
                Ok(())
            } else {
                Err(ck.at(at, format!("{} {what} index {arg} out of range ({n} entries)", op.name())))
            }
        };
        match op.operand() {
            Operand::None => {}
            Operand::Const => in_range(c.consts.len() as u64, "constant")?,
            Operand::Name => in_range(c.names.len() as u64, "name")?,
            Operand::Local => in_range(nlocals, "local")?,
            Operand::Deref => in_range(nderefs, "cell")?,
            Operand::Jump => {
                if arg as usize >= len || !starts_at(arg) {
                    return Err(ck.at(at, format!("{} target {arg} is not an instruction start", op.name())));
                }
                if arg <= at && !matches!(op, Op::Jump | Op::PopJumpIfFalse | Op::PopJumpIfTrue) {
                    return Err(ck.at(at, format!("{} jumps backwards", op.name())));
                }
            }
            Operand::Num => {
                let ok = match op {
                    Op::LoadSmallInt => true,
                    Op::BuildSlice => arg == 2 || arg == 3,
                    Op::Raise => arg <= 2,
                    Op::CallEx | Op::IsOp | Op::ContainsOp => arg <= 1,
                    Op::MakeFunction => arg < 16,
                    Op::FormatValue => arg < 8,
                    Op::BinaryOp | Op::InplaceOp => BinOpKind::from_u32(arg).is_some(),
                    Op::Copy
                    | Op::Swap
                    | Op::ListAppend
                    | Op::SetAdd
                    | Op::MapAdd
                    | Op::ListExtend
                    | Op::SetUpdate
                    | Op::DictUpdate
                    | Op::DictMerge => (1..=MAX_STACK).contains(&arg),
                    _ => arg <= MAX_STACK,
                };
                if !ok {
                    return Err(ck.at(at, format!("{} operand {arg} is not valid", op.name())));
                }
            }
        }
        if matches!(op, Op::Yield | Op::YieldFrom) && !c.flags.generator {
            return Err(ck.at(at, format!("{} outside generator code", op.name())));
        }
    }

    // The exception table, and for each instruction the entry the VM would pick (the first
    // whose range covers it).
    for e in &c.exception_table {
        if e.start >= e.end || !starts_at(e.start) || !starts_at(e.end) {
            return Err(ck.err(None, format!("exception range {}..{} is not a range of instructions", e.start, e.end)));
        }
        if (e.handler as usize) >= len || !starts_at(e.handler) {
            return Err(ck.at(e.start, format!("exception handler {} is not an instruction start", e.handler)));
        }
        if e.handler < e.end {
            return Err(ck.at(e.start, format!("exception handler {} is not after its range", e.handler)));
        }
        if e.depth >= c.max_stack {
            return Err(ck.at(e.start, format!("handler depth {} leaves no room in max_stack", e.depth)));
        }
    }
    let handler_of = |ins: usize| -> Option<usize> {
        let at = instrs[ins].start;
        c.exception_table.iter().position(|e| e.start <= at && at < e.end)
    };

    // Abstract interpretation of the operand stack.
    let n = instrs.len();
    let mut flow = Flow { state: vec![None; n], queued: vec![false; n], work: VecDeque::new() };
    if n == 0 {
        return Err(whole("empty code".into()));
    }
    flow.reach(&ck, &instrs, 0, State::handler(0), 0)?;
    while let Some(i) = flow.work.pop_front() {
        flow.queued[i] = false;
        let Some(s) = flow.state[i] else { continue };
        let ins = instrs[i];
        let (op, arg, at) = (ins.op, ins.arg, ins.start);
        let (pops, pushes) = op.stack_effect(arg);
        if s.depth < pops {
            return Err(ck.at(at, format!("{} pops {pops} with {} on the stack", op.name(), s.depth)));
        }
        // What the instruction addresses below what it pops.
        let reaches = match op {
            Op::ListAppend | Op::SetAdd | Op::MapAdd => pops + arg,
            Op::ListExtend | Op::SetUpdate | Op::DictUpdate | Op::DictMerge => arg + 1,
            // It reads the `__exit__` and the exception below the result it pushes.
            Op::WithExceptStart => 3,
            _ => 0,
        };
        if reaches > s.depth {
            return Err(ck.at(at, format!("{} reaches {reaches} deep with {} on the stack", op.name(), s.depth)));
        }
        match op {
            Op::MakeFunction => check_make_function(&ck, at, arg, s)?,
            Op::CallKw => check_kwnames(&ck, at, arg, s)?,
            _ => {}
        }
        // Handlers: the instruction's own, and the previous one's for those the VM may raise
        // from at their start.
        let mut handlers = [if cannot_raise(op) { None } else { handler_of(i) }, None];
        if may_raise_at_start(op) && i > 0 {
            handlers[1] = handler_of(i - 1);
        }
        for h in handlers.into_iter().flatten() {
            let e = c.exception_table[h];
            if s.depth - pops < e.depth {
                return Err(ck.at(
                    at,
                    format!(
                        "{} may raise with {} on the stack, below its handler's depth {}",
                        op.name(),
                        s.depth - pops,
                        e.depth
                    ),
                ));
            }
            flow.reach(&ck, &instrs, index[e.handler as usize] as usize, State::handler(e.depth + 1), at)?;
        }
        if let Some((jp, jq)) = op.jump_effect(arg) {
            let t = index[arg as usize] as usize;
            flow.reach(&ck, &instrs, t, s.apply(jp, jq, Kind::Unknown, false), at)?;
        }
        if !op.is_terminal() {
            if i + 1 >= n {
                return Err(ck.at(at, "control runs off the end of the code"));
            }
            let pushed = match op {
                Op::LoadConst => Kind::Const(arg),
                Op::BuildTuple if arg > 0 && s.cells >= arg => Kind::Closure(arg),
                _ => Kind::Unknown,
            };
            flow.reach(&ck, &instrs, i + 1, s.apply(pops, pushes, pushed, op == Op::LoadClosure), at)?;
        }
    }
    Ok(())
}

/// The worklist of the abstract interpretation: the state known before each instruction.
struct Flow {
    state: Vec<Option<State>>,
    queued: Vec<bool>,
    work: VecDeque<usize>,
}

impl Flow {
    /// Control reaches instruction `to` in state `s` from the instruction at offset `from`.
    fn reach(&mut self, ck: &Checker, instrs: &[Instr], to: usize, s: State, from: u32) -> VResult<()> {
        if s.depth > ck.c.max_stack {
            return Err(ck.at(from, format!("stack depth {} exceeds max_stack {}", s.depth, ck.c.max_stack)));
        }
        let merged = match self.state[to] {
            None => s,
            Some(old) => {
                let m = old.join(s).ok_or_else(|| {
                    ck.at(
                        instrs[to].start,
                        format!("stack depth differs where paths meet ({} and {})", old.depth, s.depth),
                    )
                })?;
                if m == old {
                    return Ok(());
                }
                m
            }
        };
        self.state[to] = Some(merged);
        if !self.queued[to] {
            self.queued[to] = true;
            self.work.push_back(to);
        }
        Ok(())
    }
}

fn check_make_function(ck: &Checker, at: u32, flags: u32, s: State) -> VResult<()> {
    let child = match s.top[0] {
        Kind::Const(i) => match &ck.c.consts[i as usize] {
            Const::Code(child) => child,
            _ => return Err(ck.at(at, "MakeFunction without a code constant on the stack")),
        },
        _ => return Err(ck.at(at, "MakeFunction without a code constant on the stack")),
    };
    let nfree = child.freevars.len() as u64;
    if flags & crate::opcode::make_function::CLOSURE != 0 {
        if s.top[1] != Kind::Closure(nfree as u32) || nfree == 0 {
            return Err(
                ck.at(at, format!("MakeFunction of '{}' without a closure of its {nfree} cells", child.qualname))
            );
        }
    } else if nfree != 0 {
        return Err(ck.at(at, format!("MakeFunction of '{}' needs a closure of {nfree} cells", child.qualname)));
    }
    Ok(())
}

fn check_kwnames(ck: &Checker, at: u32, nargs: u32, s: State) -> VResult<()> {
    if let Kind::Const(i) = s.top[0] {
        if let Const::Tuple(names) = &ck.c.consts[i as usize] {
            if names.len() as u64 <= nargs as u64 && names.iter().all(|k| matches!(k, Const::Str(_))) {
                return Ok(());
            }
        }
    }
    Err(ck.at(at, "CallKw without a constant tuple of at most its argument count of names"))
}

/// The line table decodes whole, its offsets stay inside the code and its lines inside `u32`.
fn verify_line_table(ck: &Checker) -> VResult<()> {
    let t = &ck.c.line_table;
    let mut i = 0;
    let mut offset: u64 = 0;
    let mut line: i64 = ck.c.first_line as i64;
    let varint = |i: &mut usize| crate::file_encoding::varint(t, i);
    while i < t.len() {
        let entry = i;
        let bad = || ck.err(None, format!("line table entry at byte {entry} is malformed"));
        let (Some(a), Some(z)) = (varint(&mut i), varint(&mut i)) else { return Err(bad()) };
        let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
        offset = offset.saturating_add(a);
        line = line.checked_add(d).ok_or_else(bad)?;
        if offset > ck.c.code.len() as u64 || !(0..=u32::MAX as i64).contains(&line) {
            return Err(bad());
        }
    }
    Ok(())
}
