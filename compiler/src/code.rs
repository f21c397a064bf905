//! The `Code` format: one compiled function, module body, lambda, comprehension or class body.
//! It holds the bytecode, its constants and names, the variable layout, the exception table and a
//! compact line table. The VM turns constants into runtime values when it loads a `Code`.

use crate::opcode::Op;
use std::rc::Rc;

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    /// An int too large for i64, as decimal digits with an optional leading '-'.
    BigInt(Rc<str>),
    Float(f64),
    Str(Rc<str>),
    /// A tuple of constants (keyword-name tuples for `CallKw`, constant tuples).
    Tuple(Rc<[Const]>),
    /// A set display of constants folded at compile time, as CPython folds it into a frozenset
    /// (its items in source order; the VM builds the table the way CPython does, which decides
    /// the iteration order programs print).
    FrozenSet(Rc<[Const]>),
    Code(Rc<Code>),
}

/// Properties of a code object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags {
    /// Calling the function creates a generator instead of running the body.
    pub generator: bool,
    /// Takes `*args`: the tuple sits in the local after the positional and keyword-only params.
    pub varargs: bool,
    /// Takes `**kwargs`: the dict sits in the local after `*args` (if any).
    pub varkw: bool,
    /// A function body (has fast locals); false for module and class bodies.
    pub is_function: bool,
    /// Frames of this code are left out of tracebacks (the VM's own Python-written builtins).
    pub hidden: bool,
    /// A function whose body starts with a string: `consts[0]` is its docstring (`__doc__`).
    pub docstring: bool,
}

/// One entry of the exception table: an exception raised by an instruction starting in
/// `start..end` unwinds the operand stack to `depth` items, pushes the exception and jumps to
/// `handler`. Entries are sorted so the innermost range comes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub handler: u32,
    pub depth: u32,
}

/// A compiled code object.
#[derive(Clone, Debug, PartialEq)]
pub struct Code {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub first_line: u32,
    pub flags: CodeFlags,
    /// Positional parameters, including positional-only ones.
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// Names of the fast locals; parameters come first in signature order.
    pub varnames: Vec<Rc<str>>,
    /// Variables of this code captured by inner functions.
    pub cellvars: Vec<Rc<str>>,
    /// For each cell variable that is also a parameter, the parameter's local index.
    pub cell_params: Vec<(u32, u32)>,
    /// Variables of enclosing functions this code uses; cells are passed in as the closure.
    pub freevars: Vec<Rc<str>>,
    /// Global, attribute and import names used by the code.
    pub names: Vec<Rc<str>>,
    pub consts: Vec<Const>,
    pub code: Vec<u8>,
    pub max_stack: u32,
    pub exception_table: Vec<ExceptionEntry>,
    /// Line table: pairs of (byte-offset delta, signed line delta), see `LineTableBuilder`.
    pub line_table: Vec<u8>,
}

impl Code {
    /// The source line of the instruction that starts at or covers `offset`.
    pub fn line_for(&self, offset: u32) -> u32 {
        let mut line = self.first_line as i64;
        let mut pos: u32 = 0;
        let mut result = line;
        let mut i = 0;
        while i < self.line_table.len() {
            let (addr_delta, line_delta, used) = decode_line_entry(&self.line_table[i..]);
            i += used;
            pos += addr_delta;
            if pos > offset {
                break;
            }
            line += line_delta;
            result = line;
        }
        result.max(0) as u32
    }

    /// The handler for an exception raised by the instruction covering `offset`, if any.
    pub fn find_handler(&self, offset: u32) -> Option<ExceptionEntry> {
        self.exception_table.iter().find(|e| e.start <= offset && offset < e.end).copied()
    }

    /// Number of cell and free variable slots a frame needs.
    pub fn nderefs(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }

    /// Iterates instructions as `(offset, op, arg, next_offset)`, folding `ExtendedArg`
    /// prefixes into the operand. Stops at the first byte that does not decode.
    pub fn instructions(&self) -> Instructions<'_> {
        Instructions { code: &self.code, pos: 0 }
    }
}

/// Iterator over decoded instructions; see `Code::instructions`.
pub struct Instructions<'c> {
    code: &'c [u8],
    pos: usize,
}

/// One decoded instruction: `start` is the offset of its first prefix byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instr {
    pub start: u32,
    pub op: Op,
    pub arg: u32,
    pub next: u32,
}

impl Iterator for Instructions<'_> {
    type Item = Result<Instr, u32>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.code.len() {
            return None;
        }
        let start = self.pos as u32;
        let mut ext: u32 = 0;
        loop {
            let Some(op) = self.code.get(self.pos).and_then(|b| Op::from_byte(*b)) else {
                self.pos = self.code.len();
                return Some(Err(start));
            };
            self.pos += 1;
            let mut arg = 0;
            if op.has_arg() {
                let Some(b) = self.code.get(self.pos) else {
                    self.pos = self.code.len();
                    return Some(Err(start));
                };
                self.pos += 1;
                if ext > 0x00ff_ffff {
                    self.pos = self.code.len();
                    return Some(Err(start));
                }
                arg = (ext << 8) | *b as u32;
            }
            if op == Op::ExtendedArg {
                ext = arg;
                continue;
            }
            return Some(Ok(Instr { start, op, arg, next: self.pos as u32 }));
        }
    }
}

/// Builds the compact line table: each entry is a byte-offset delta (unsigned) and a line delta
/// (zig-zag signed), both as LEB128-style varints; most entries take two bytes.
#[derive(Default)]
pub struct LineTableBuilder {
    bytes: Vec<u8>,
    last_offset: u32,
    last_line: i64,
}

impl LineTableBuilder {
    pub fn new(first_line: u32) -> Self {
        LineTableBuilder { bytes: Vec::new(), last_offset: 0, last_line: first_line as i64 }
    }

    /// Records that the instruction at `offset` belongs to `line`.
    pub fn add(&mut self, offset: u32, line: u32) {
        let line = line as i64;
        if line == self.last_line {
            return;
        }
        write_varint(&mut self.bytes, (offset - self.last_offset) as u64);
        let d = line - self.last_line;
        write_varint(&mut self.bytes, ((d << 1) ^ (d >> 63)) as u64);
        self.last_offset = offset;
        self.last_line = line;
    }

    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Appends `v` as an unsigned LEB128 varint (7 bits a byte, low bits first).
pub(crate) fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn read_varint(bytes: &[u8]) -> (u64, usize) {
    let mut v: u64 = 0;
    let mut shift = 0;
    for (i, b) in bytes.iter().enumerate() {
        if shift < 64 {
            v |= ((b & 0x7f) as u64) << shift;
        }
        shift += 7;
        if b & 0x80 == 0 {
            return (v, i + 1);
        }
    }
    (v, bytes.len().max(1))
}

/// Decodes one line-table entry: `(offset delta, line delta, bytes used)`.
fn decode_line_entry(bytes: &[u8]) -> (u32, i64, usize) {
    let (a, n1) = read_varint(bytes);
    let (z, n2) = read_varint(bytes.get(n1..).unwrap_or(&[]));
    let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
    (a.min(u32::MAX as u64) as u32, d, n1 + n2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_with_lines(first: u32, pairs: &[(u32, u32)]) -> Code {
        let mut b = LineTableBuilder::new(first);
        for &(o, l) in pairs {
            b.add(o, l);
        }
        Code {
            name: "f".into(),
            qualname: "f".into(),
            filename: "x.py".into(),
            first_line: first,
            flags: CodeFlags::default(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            varnames: vec![],
            cellvars: vec![],
            cell_params: vec![],
            freevars: vec![],
            names: vec![],
            consts: vec![],
            code: vec![],
            max_stack: 0,
            exception_table: vec![],
            line_table: b.finish(),
        }
    }

    #[test]
    fn line_table_round_trips() {
        let c = code_with_lines(3, &[(0, 3), (4, 5), (10, 4), (300, 1000)]);
        assert_eq!(c.line_for(0), 3);
        assert_eq!(c.line_for(3), 3);
        assert_eq!(c.line_for(4), 5);
        assert_eq!(c.line_for(9), 5);
        assert_eq!(c.line_for(10), 4);
        assert_eq!(c.line_for(299), 4);
        assert_eq!(c.line_for(5000), 1000);
    }
}
