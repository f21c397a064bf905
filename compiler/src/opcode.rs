//! The opcode table: the one place where every instruction is declared, with its operand kind and
//! stack effect. The `Op` enum, byte decoding, disassembler names, the max-stack computation and
//! the verifier all derive from the `opcodes!` list below.
//!
//! Encoding: one opcode byte, then one operand byte for instructions that take an operand.
//! Operands wider than a byte are preceded by `ExtendedArg` prefixes (each contributes 8 more
//! high bits), as in CPython. Jump operands are absolute byte offsets into the code.

/// What an instruction's operand means (used by the disassembler and the verifier).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    /// No operand byte.
    None,
    /// A plain number (counts, flags, depths).
    Num,
    /// Index into `consts`.
    Const,
    /// Index into `names`.
    Name,
    /// Index into the local variables (`varnames`).
    Local,
    /// Index into cells followed by free variables.
    Deref,
    /// Absolute jump target.
    Jump,
}

/// Stack effect of an instruction as a function of its operand: `(pops, pushes)`.
/// For branching instructions this is the effect on the fall-through path; `jump_effect` gives
/// the effect on the taken path.
type Effect = fn(u32) -> (u32, u32);

macro_rules! opcodes {
    ($( $(#[doc = $doc:literal])* $name:ident = $operand:ident, $effect:expr; )*) => {
        /// A bytecode instruction. See the table in `opcode.rs` for each one's stack effect.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Op { $( $(#[doc = $doc])* $name, )* }

        /// Number of opcodes; bytes `>= OP_COUNT` are not instructions.
        pub const OP_COUNT: usize = [$(Op::$name),*].len();

        const ALL_OPS: [Op; OP_COUNT] = [$(Op::$name),*];
        const NAMES: [&str; OP_COUNT] = [$(stringify!($name)),*];
        const OPERANDS: [Operand; OP_COUNT] = [$(Operand::$operand),*];
        const EFFECTS: [Effect; OP_COUNT] = [$($effect),*];
        /// Each opcode's one-line `stack:` documentation, for the disassembler's `--help` and
        /// the fingerprint of the table.
        const DOCS: [&str; OP_COUNT] = [$(concat!($($doc),*)),*];
    };
}

opcodes! {
    /// stack: [] -> []
    Nop = None, |_| (0, 0);
    /// prefix: the next instruction's operand gets 8 more high bits.
    ExtendedArg = Num, |_| (0, 0);
    /// stack: [] -> [consts[i]]
    LoadConst = Const, |_| (0, 1);
    /// stack: [] -> [None]
    LoadNone = None, |_| (0, 1);
    /// stack: [] -> [n] (n is the operand as a small non-negative int)
    LoadSmallInt = Num, |_| (0, 1);
    /// stack: [] -> [locals[i]] (UnboundLocalError if unset)
    LoadFast = Local, |_| (0, 1);
    /// stack: [v] -> []; locals[i] = v
    StoreFast = Local, |_| (1, 0);
    /// stack: [] -> []; unsets locals[i] (UnboundLocalError if unset)
    DeleteFast = Local, |_| (0, 0);
    /// stack: [] -> [cell[i].value]
    LoadDeref = Deref, |_| (0, 1);
    /// stack: [v] -> []; cell[i].value = v
    StoreDeref = Deref, |_| (1, 0);
    /// stack: [] -> []; empties cell[i]
    DeleteDeref = Deref, |_| (0, 0);
    /// stack: [] -> [cell[i]] (the cell itself, for building closures)
    LoadClosure = Deref, |_| (0, 1);
    /// stack: [] -> [globals[name] or builtins[name]]
    LoadGlobal = Name, |_| (0, 1);
    /// stack: [v] -> []; globals[name] = v
    StoreGlobal = Name, |_| (1, 0);
    /// stack: [] -> []; del globals[name]
    DeleteGlobal = Name, |_| (0, 0);
    /// stack: [] -> [locals_dict[name] or globals[name] or builtins[name]] (class bodies)
    LoadName = Name, |_| (0, 1);
    /// stack: [v] -> []; locals_dict[name] = v
    StoreName = Name, |_| (1, 0);
    /// stack: [] -> []; del locals_dict[name]
    DeleteName = Name, |_| (0, 0);
    /// stack: [] -> [locals_dict[name] or cell[i]]: a class body reading a name of an
    /// enclosing function (the name is the cell's)
    LoadClassDeref = Deref, |_| (0, 1);
    /// stack: [v] -> []
    Pop = None, |_| (1, 0);
    /// stack: [a1..an] -> [a1..an, a1] with n the operand: copies the n-th item from the top
    Copy = Num, |n| (n, n + 1);
    /// stack: [a1..an] -> swaps the top and the n-th item from the top
    Swap = Num, |n| (n, n);
    /// stack: [a, b] -> [a + b]
    Add = None, |_| (2, 1);
    /// stack: [a, b] -> [a - b]
    Sub = None, |_| (2, 1);
    /// stack: [a, b] -> [a * b]
    Mul = None, |_| (2, 1);
    /// stack: [a, b] -> [a / b]
    TrueDiv = None, |_| (2, 1);
    /// stack: [a, b] -> [a // b]
    FloorDiv = None, |_| (2, 1);
    /// stack: [a, b] -> [a % b]
    Mod = None, |_| (2, 1);
    /// stack: [a, b] -> [a op b] for the less common operators (operand: `BinOpKind`)
    BinaryOp = Num, |_| (2, 1);
    /// stack: [a, b] -> [a op= b] (operand: `BinOpKind`; lists extend in place)
    InplaceOp = Num, |_| (2, 1);
    /// stack: [a, b] -> [a += b]
    InplaceAdd = None, |_| (2, 1);
    /// stack: [a, b] -> [a < b]
    Lt = None, |_| (2, 1);
    /// stack: [a, b] -> [a <= b]
    Le = None, |_| (2, 1);
    /// stack: [a, b] -> [a == b]
    Eq = None, |_| (2, 1);
    /// stack: [a, b] -> [a != b]
    Ne = None, |_| (2, 1);
    /// stack: [a, b] -> [a > b]
    Gt = None, |_| (2, 1);
    /// stack: [a, b] -> [a >= b]
    Ge = None, |_| (2, 1);
    /// stack: [a, b] -> [a is b] (operand 1: `is not`)
    IsOp = Num, |_| (2, 1);
    /// stack: [a, b] -> [a in b] (operand 1: `not in`)
    ContainsOp = Num, |_| (2, 1);
    /// stack: [a] -> [-a]
    Neg = None, |_| (1, 1);
    /// stack: [a] -> [+a]
    Pos = None, |_| (1, 1);
    /// stack: [a] -> [~a]
    Invert = None, |_| (1, 1);
    /// stack: [a] -> [not a]
    Not = None, |_| (1, 1);
    /// stack: [] -> []; ip = target
    Jump = Jump, |_| (0, 0);
    /// stack: [c] -> []; jumps when c is false
    PopJumpIfFalse = Jump, |_| (1, 0);
    /// stack: [c] -> []; jumps when c is true
    PopJumpIfTrue = Jump, |_| (1, 0);
    /// stack: [c] -> [c] and jumps when c is false, else [c] -> []
    JumpIfFalseOrPop = Jump, |_| (1, 0);
    /// stack: [c] -> [c] and jumps when c is true, else [c] -> []
    JumpIfTrueOrPop = Jump, |_| (1, 0);
    /// stack: [x] -> [iter(x)]
    GetIter = None, |_| (1, 1);
    /// stack: [it] -> [it, next(it)]; when exhausted: [it] -> [] and jumps
    ForIter = Jump, |_| (1, 2);
    /// stack: [defaults?, kwdefaults?, annotations?, closure?, code] -> [function] (operand: `MakeFunctionFlags`)
    MakeFunction = Num, |f| (1 + (f & 1) + ((f >> 1) & 1) + ((f >> 2) & 1) + ((f >> 3) & 1), 1);
    /// stack: [f, a1..an] -> [f(a1..an)]
    Call = Num, |n| (n + 1, 1);
    /// stack: [f, a1..an, names] -> [f(...)] where the last len(names) args are keywords
    CallKw = Num, |n| (n + 2, 1);
    /// stack: [f, args_tuple, kwargs_dict?] -> [f(*args, **kwargs)] (operand 1: kwargs present)
    CallEx = Num, |k| (2 + (k & 1), 1);
    /// stack: [obj] -> [method, obj] or [attr, Undef] for the call that follows
    LoadMethod = Name, |_| (1, 2);
    /// stack: [method, self, a1..an] -> [result]
    CallMethod = Num, |n| (n + 2, 1);
    /// stack: [v] -> (returns v to the caller)
    Return = None, |_| (1, 0);
    /// stack: [a1..an] -> [(a1, .., an)]
    BuildTuple = Num, |n| (n, 1);
    /// stack: [a1..an] -> [[a1, .., an]]
    BuildList = Num, |n| (n, 1);
    /// stack: [a1..an] -> [{a1, .., an}]
    BuildSet = Num, |n| (n, 1);
    /// stack: [k1, v1, .., kn, vn] -> [{k1: v1, ..}]
    BuildMap = Num, |n| (2 * n, 1);
    /// stack: [lo, hi] or [lo, hi, step] -> [slice] (operand: 2 or 3)
    BuildSlice = Num, |n| (n, 1);
    /// stack: [s1..sn] -> [s1 + .. + sn] (f-string pieces)
    BuildString = Num, |n| (n, 1);
    /// stack: [list, .. (n-1 items), v] -> [list, ..]; list.append(v) with list n below the top
    ListAppend = Num, |_| (1, 0);
    /// stack: [set, .., v] -> [set, ..]; set.add(v)
    SetAdd = Num, |_| (1, 0);
    /// stack: [dict, .., k, v] -> [dict, ..]; dict[k] = v
    MapAdd = Num, |_| (2, 0);
    /// stack: [list, .., it] -> [list, ..]; list.extend(it)
    ListExtend = Num, |_| (1, 0);
    /// stack: [set, .., it] -> [set, ..]; set.update(it)
    SetUpdate = Num, |_| (1, 0);
    /// stack: [dict, .., m] -> [dict, ..]; dict.update(m)
    DictUpdate = Num, |_| (1, 0);
    /// stack: [f, .., dict, .., m] -> merges m into dict for `f(**m)`: duplicate keys are errors
    DictMerge = Num, |_| (1, 0);
    /// stack: [list] -> [tuple(list)]
    ListToTuple = None, |_| (1, 1);
    /// stack: [seq] -> [vn, .., v1] (exactly n items)
    UnpackSequence = Num, |n| (1, n);
    /// stack: [seq] -> [after.., rest_list, before..] (operand: before | after << 8)
    UnpackEx = Num, |n| (1, (n & 0xff) + (n >> 8) + 1);
    /// stack: [v, spec?] -> [formatted str] (operand: `FormatFlags`: conversion | has_spec)
    FormatValue = Num, |f| (1 + ((f >> 2) & 1), 1);
    /// stack: [obj] -> [obj.name]
    LoadAttr = Name, |_| (1, 1);
    /// stack: [v, obj] -> []; obj.name = v
    StoreAttr = Name, |_| (2, 0);
    /// stack: [obj] -> []; del obj.name
    DeleteAttr = Name, |_| (1, 0);
    /// stack: [c, k] -> [c[k]]
    Subscr = None, |_| (2, 1);
    /// stack: [v, c, k] -> []; c[k] = v
    StoreSubscr = None, |_| (3, 0);
    /// stack: [c, k] -> []; del c[k]
    DeleteSubscr = None, |_| (2, 0);
    /// stack: [exc?, cause?] -> (raises) operand 0: re-raise, 1: raise exc, 2: raise exc from cause
    Raise = Num, |n| (n, 0);
    /// stack: [exc] -> (raises exc again, keeping its traceback)
    Reraise = None, |_| (1, 0);
    /// stack: [exc] -> [prev, exc]; exc becomes the exception being handled
    PushExcInfo = None, |_| (1, 2);
    /// stack: [prev] -> []; prev becomes the exception being handled again
    PopExcept = None, |_| (1, 0);
    /// stack: [exc, type] -> [exc, isinstance(exc, type)]
    CheckExcMatch = None, |_| (2, 2);
    /// stack: [] -> [AssertionError]
    LoadAssertionError = None, |_| (0, 1);
    /// stack: [v] -> [sent]; suspends the generator, giving v to its resumer
    Yield = None, |_| (1, 1);
    /// stack: [x] -> [iter(x)] for `yield from` (generators are kept as they are)
    GetYieldFromIter = None, |_| (1, 1);
    /// stack: [it, v] -> [result]; delegates to it, sending v, until it returns
    YieldFrom = None, |_| (2, 1);
    /// stack: [fromlist, level] -> [module] (operand: the dotted module name)
    ImportName = Name, |_| (2, 1);
    /// stack: [module] -> [module, module.name]
    ImportFrom = Name, |_| (1, 2);
    /// stack: [module] -> []; copies the module's public names into globals
    ImportStar = None, |_| (1, 0);
    /// stack: [] -> [a new empty dict]; class bodies and `__build_class__` support
    LoadBuildClass = None, |_| (0, 1);
    /// stack: [value] -> []; in the REPL, echoes a non-None value
    PrintExpr = None, |_| (1, 0);
    /// stack: [manager] -> [exit, entered]; `exit` is the bound `__exit__`, `entered` what `__enter__` returned
    BeforeWith = None, |_| (1, 2);
    /// stack: [exit, prev, exc] -> [exit, prev, exc, exit(type(exc), exc, traceback)]
    WithExceptStart = None, |_| (0, 1);
}

/// The less common binary operators, as the operand of `BinaryOp` / `InplaceOp`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BinOpKind {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    MatMul,
}

impl BinOpKind {
    pub const ALL: [BinOpKind; 13] = [
        BinOpKind::Add,
        BinOpKind::Sub,
        BinOpKind::Mul,
        BinOpKind::TrueDiv,
        BinOpKind::FloorDiv,
        BinOpKind::Mod,
        BinOpKind::Pow,
        BinOpKind::LShift,
        BinOpKind::RShift,
        BinOpKind::And,
        BinOpKind::Or,
        BinOpKind::Xor,
        BinOpKind::MatMul,
    ];

    pub fn from_u32(n: u32) -> Option<BinOpKind> {
        Self::ALL.get(n as usize).copied()
    }

    /// The operator's symbol as CPython's error messages show it (`+`, `**`, ...).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOpKind::Add => "+",
            BinOpKind::Sub => "-",
            BinOpKind::Mul => "*",
            BinOpKind::TrueDiv => "/",
            BinOpKind::FloorDiv => "//",
            BinOpKind::Mod => "%",
            BinOpKind::Pow => "**",
            BinOpKind::LShift => "<<",
            BinOpKind::RShift => ">>",
            BinOpKind::And => "&",
            BinOpKind::Or => "|",
            BinOpKind::Xor => "^",
            BinOpKind::MatMul => "@",
        }
    }
}

/// Flags of `MakeFunction`: which optional items sit below the code object.
pub mod make_function {
    pub const DEFAULTS: u32 = 1;
    pub const KWDEFAULTS: u32 = 2;
    pub const CLOSURE: u32 = 4;
    /// A dict of the parameters' and the return's annotations, evaluated at definition time.
    pub const ANNOTATIONS: u32 = 8;
}

/// Operand of `FormatValue`: low two bits are the conversion, bit 2 says a spec is on the stack.
pub mod format_flags {
    pub const CONV_NONE: u32 = 0;
    pub const CONV_STR: u32 = 1;
    pub const CONV_REPR: u32 = 2;
    pub const CONV_ASCII: u32 = 3;
    pub const HAS_SPEC: u32 = 4;
}

impl Op {
    #[inline]
    pub fn from_byte(b: u8) -> Option<Op> {
        ALL_OPS.get(b as usize).copied()
    }

    pub fn name(self) -> &'static str {
        NAMES[self as usize]
    }

    pub fn operand(self) -> Operand {
        OPERANDS[self as usize]
    }

    #[inline]
    pub fn has_arg(self) -> bool {
        OPERANDS[self as usize] != Operand::None
    }

    /// `(pops, pushes)` on the fall-through path.
    pub fn stack_effect(self, arg: u32) -> (u32, u32) {
        EFFECTS[self as usize](arg)
    }

    /// `(pops, pushes)` when the jump is taken, for branching instructions.
    pub fn jump_effect(self, arg: u32) -> Option<(u32, u32)> {
        match self {
            Op::Jump => Some((0, 0)),
            Op::PopJumpIfFalse | Op::PopJumpIfTrue => Some((1, 0)),
            Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => Some((1, 1)),
            Op::ForIter => Some((1, 0)),
            _ => {
                let _ = arg;
                None
            }
        }
    }

    /// True when control never falls through to the next instruction.
    pub fn is_terminal(self) -> bool {
        matches!(self, Op::Jump | Op::Return | Op::Raise | Op::Reraise)
    }

    pub fn doc(self) -> &'static str {
        DOCS[self as usize]
    }

    pub fn all() -> &'static [Op] {
        &ALL_OPS
    }
}

/// A fingerprint of the opcode table (order, names, operand kinds and `stack:` docs): bytecode
/// files record it so a file written by a build with a different table is refused rather than
/// misread. Computed at compile time (FNV-1a), so it cannot drift from the table.
pub const TABLE_FINGERPRINT: u32 = table_fingerprint();

const fn table_fingerprint() -> u32 {
    const fn mix(mut h: u32, bytes: &[u8]) -> u32 {
        let mut i = 0;
        while i < bytes.len() {
            h ^= bytes[i] as u32;
            h = h.wrapping_mul(0x0100_0193);
            i += 1;
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        (h ^ 0xff).wrapping_mul(0x0100_0193)
    }
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < OP_COUNT {
        h = mix(h, NAMES[i].as_bytes());
        h = mix(h, &[OPERANDS[i] as u8]);
        h = mix(h, DOCS[i].as_bytes());
        i += 1;
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip() {
        for (i, op) in Op::all().iter().enumerate() {
            assert_eq!(Op::from_byte(i as u8), Some(*op));
        }
        assert_eq!(Op::from_byte(OP_COUNT as u8), None);
        const { assert!(OP_COUNT < 256) };
    }

    #[test]
    fn every_op_documents_its_stack() {
        for op in Op::all() {
            assert!(!op.doc().is_empty(), "{} has no doc", op.name());
        }
    }

    #[test]
    fn effects_follow_operands() {
        assert_eq!(Op::Call.stack_effect(3), (4, 1));
        assert_eq!(Op::MakeFunction.stack_effect(make_function::DEFAULTS | make_function::CLOSURE), (3, 1));
        assert_eq!(Op::UnpackEx.stack_effect(2 | (1 << 8)), (1, 4));
        assert_eq!(Op::ForIter.jump_effect(0), Some((1, 0)));
    }
}
