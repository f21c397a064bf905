//! Bytecode files (`.coroc`): a module's code object and every code object nested in it, saved
//! by `coro compile` and loaded by `coro run`/`coro dis` or a host.
//!
//! Layout (all counts and numbers are unsigned LEB128 varints unless noted):
//!
//! ```text
//! header   "coro" | format version (1 byte) | opcode-table fingerprint (4 bytes, little-endian)
//! strings  count | (byte length, UTF-8 bytes)*      every string the code objects use, once
//! code     the module's code object, nested code objects inline where their constant sits
//! ```
//!
//! A code object is its name, qualname and filename (string indices), first line, a flags byte,
//! the three argument counts, then varnames, cellvars, cell params, freevars and names (counted
//! lists of string indices or pairs), the constants (a tag byte each), the bytecode, `max_stack`,
//! the exception table (start, length, handler, depth) and the line table. Nothing follows the
//! module's code object.
//!
//! Writing is deterministic: strings are numbered in the order the writer first meets them, so
//! compiling the same source twice gives identical bytes. Reading never trusts a declared count:
//! each is checked against the bytes that remain before anything is allocated for it, nesting is
//! bounded, and `load` runs the verifier over the result before anyone can run it.

use crate::code::{write_varint as write_varint64, Code, CodeFlags, Const, ExceptionEntry};
use crate::opcode::TABLE_FINGERPRINT;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

/// The first four bytes of every bytecode file.
pub const MAGIC: [u8; 4] = *b"coro";
/// Bumped whenever the layout of the file or of `Code` changes. (Changes to the opcode table are
/// caught by the fingerprint without a bump.)
pub const FORMAT_VERSION: u8 = 1;
/// How deeply code objects and constant tuples may nest. The parser bounds source nesting at
/// `parser::MAX_DEPTH` (1000) levels of blocks and brackets together, so compiled programs stay
/// well inside this; it keeps the reader's recursion, and dropping the result, off the end of a
/// small native stack.
pub const MAX_NESTING: u32 = 1100;
/// Digits a big-int constant may have. A hexadecimal literal this long is over 80,000 digits; the
/// bound keeps converting a hostile file's constants from taking quadratic time in its size.
pub const MAX_BIGINT_DIGITS: usize = 100_000;

const HEADER_LEN: usize = MAGIC.len() + 1 + 4;

/// Why a bytecode file was refused. `Display` gives the message `coro` prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The bytes do not start with `MAGIC`.
    NotBytecode,
    /// Written by a coro with another file format or opcode table.
    Version { version: u8, fingerprint: u32 },
    /// The bytes are malformed at `offset` (a file offset).
    Malformed { offset: usize, msg: String },
    /// The file decoded but its code does not verify.
    Verify(crate::verify::VerifyError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotBytecode => write!(f, "not a coro bytecode file (bad magic number)"),
            LoadError::Version { version, fingerprint } => write!(
                f,
                "bytecode file from another version of coro (format {version}, opcode table {fingerprint:08x}; \
                 this coro reads format {FORMAT_VERSION}, opcode table {TABLE_FINGERPRINT:08x}): recompile it \
                 from its source"
            ),
            LoadError::Malformed { offset, msg } => write!(f, "malformed bytecode file at byte {offset}: {msg}"),
            LoadError::Verify(e) => write!(f, "bytecode file does not verify: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// True when `bytes` start like a bytecode file (whatever its version).
pub fn is_bytecode(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Serialises `code` (a module body and everything nested in it) into a bytecode file.
pub fn save(code: &Code) -> Vec<u8> {
    let mut w = Writer { body: Vec::new(), strings: Vec::new(), index: HashMap::new() };
    w.code(code);
    let mut out = Vec::with_capacity(HEADER_LEN + w.body.len() + 16 * w.strings.len());
    out.extend_from_slice(&MAGIC);
    out.push(FORMAT_VERSION);
    out.extend_from_slice(&TABLE_FINGERPRINT.to_le_bytes());
    write_varint(&mut out, w.strings.len() as u32);
    for s in &w.strings {
        write_varint(&mut out, s.len() as u32);
        out.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(&w.body);
    out
}

/// Reads a bytecode file and verifies every code object in it. On success the code is safe to
/// hand to the VM: it decodes, every index is in range and the stack discipline holds (see
/// `verify`).
pub fn load(bytes: &[u8]) -> Result<Rc<Code>, LoadError> {
    let code = decode(bytes)?;
    crate::verify::verify(&code).map_err(LoadError::Verify)?;
    Ok(code)
}

/// Reads a bytecode file without verifying it (for tests of the verifier itself).
pub fn decode(bytes: &[u8]) -> Result<Rc<Code>, LoadError> {
    if !is_bytecode(bytes) {
        return Err(LoadError::NotBytecode);
    }
    let mut r = Reader { bytes, pos: MAGIC.len(), strings: Vec::new() };
    let version = r.u8()?;
    let fp = r.take(4)?;
    let fingerprint = u32::from_le_bytes([fp[0], fp[1], fp[2], fp[3]]);
    if version != FORMAT_VERSION || fingerprint != TABLE_FINGERPRINT {
        return Err(LoadError::Version { version, fingerprint });
    }
    let n = r.count(1)?;
    let mut strings = Vec::with_capacity(n);
    for _ in 0..n {
        let len = r.count(1)?;
        let at = r.pos;
        let raw = r.take(len)?;
        let s = std::str::from_utf8(raw).map_err(|_| r.err_at(at, "string is not valid UTF-8"))?;
        strings.push(Rc::<str>::from(s));
    }
    r.strings = strings;
    let code = r.module()?;
    if r.pos != bytes.len() {
        return Err(r.err("bytes after the module's code object"));
    }
    Ok(code)
}

// ----- writing ------------------------------------------------------------------------------------

struct Writer {
    body: Vec<u8>,
    strings: Vec<Rc<str>>,
    index: HashMap<Rc<str>, u32>,
}

const TAG_NONE: u8 = 0;
const TAG_TRUE: u8 = 1;
const TAG_FALSE: u8 = 2;
const TAG_ELLIPSIS: u8 = 3;
const TAG_INT: u8 = 4;
const TAG_BIGINT: u8 = 5;
const TAG_FLOAT: u8 = 6;
const TAG_STR: u8 = 7;
const TAG_TUPLE: u8 = 8;
const TAG_FROZENSET: u8 = 9;
const TAG_CODE: u8 = 10;

const FLAG_GENERATOR: u8 = 1;
const FLAG_VARARGS: u8 = 2;
const FLAG_VARKW: u8 = 4;
const FLAG_FUNCTION: u8 = 8;
const FLAG_HIDDEN: u8 = 16;
const FLAG_DOCSTRING: u8 = 32;
const FLAGS_KNOWN: u8 = 63;

impl Writer {
    fn num(&mut self, n: u32) {
        write_varint(&mut self.body, n);
    }

    fn str(&mut self, s: &Rc<str>) {
        let i = match self.index.get(s) {
            Some(i) => *i,
            None => {
                let i = self.strings.len() as u32;
                self.strings.push(s.clone());
                self.index.insert(s.clone(), i);
                i
            }
        };
        self.num(i);
    }

    fn strs(&mut self, v: &[Rc<str>]) {
        self.num(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }

    fn bytes(&mut self, b: &[u8]) {
        self.num(b.len() as u32);
        self.body.extend_from_slice(b);
    }

    fn code(&mut self, c: &Code) {
        self.str(&c.name);
        self.str(&c.qualname);
        self.str(&c.filename);
        self.num(c.first_line);
        let f = &c.flags;
        let flags = (f.generator as u8 * FLAG_GENERATOR)
            | (f.varargs as u8 * FLAG_VARARGS)
            | (f.varkw as u8 * FLAG_VARKW)
            | (f.is_function as u8 * FLAG_FUNCTION)
            | (f.hidden as u8 * FLAG_HIDDEN)
            | (f.docstring as u8 * FLAG_DOCSTRING);
        self.body.push(flags);
        self.num(c.argcount);
        self.num(c.posonlyargcount);
        self.num(c.kwonlyargcount);
        self.strs(&c.varnames);
        self.strs(&c.cellvars);
        self.num(c.cell_params.len() as u32);
        for &(cell, local) in &c.cell_params {
            self.num(cell);
            self.num(local);
        }
        self.strs(&c.freevars);
        self.strs(&c.names);
        self.num(c.consts.len() as u32);
        for k in &c.consts {
            self.constant(k);
        }
        self.bytes(&c.code);
        self.num(c.max_stack);
        self.num(c.exception_table.len() as u32);
        for e in &c.exception_table {
            self.num(e.start);
            self.num(e.end.wrapping_sub(e.start));
            self.num(e.handler);
            self.num(e.depth);
        }
        self.bytes(&c.line_table);
    }

    fn constant(&mut self, k: &Const) {
        match k {
            Const::None => self.body.push(TAG_NONE),
            Const::True => self.body.push(TAG_TRUE),
            Const::False => self.body.push(TAG_FALSE),
            Const::Ellipsis => self.body.push(TAG_ELLIPSIS),
            Const::Int(n) => {
                self.body.push(TAG_INT);
                write_varint64(&mut self.body, ((n << 1) ^ (n >> 63)) as u64);
            }
            Const::BigInt(s) => {
                self.body.push(TAG_BIGINT);
                self.str(s);
            }
            Const::Float(x) => {
                self.body.push(TAG_FLOAT);
                self.body.extend_from_slice(&x.to_bits().to_le_bytes());
            }
            Const::Str(s) => {
                self.body.push(TAG_STR);
                self.str(s);
            }
            Const::Tuple(items) | Const::FrozenSet(items) => {
                self.body.push(if matches!(k, Const::Tuple(_)) { TAG_TUPLE } else { TAG_FROZENSET });
                self.num(items.len() as u32);
                for item in items.iter() {
                    self.constant(item);
                }
            }
            Const::Code(c) => {
                self.body.push(TAG_CODE);
                self.code(c);
            }
        }
    }
}

fn write_varint(out: &mut Vec<u8>, n: u32) {
    write_varint64(out, n as u64)
}

// ----- reading ------------------------------------------------------------------------------------

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
    strings: Vec<Rc<str>>,
}

type RResult<T> = Result<T, LoadError>;

impl<'b> Reader<'b> {
    fn err_at(&self, offset: usize, msg: &str) -> LoadError {
        LoadError::Malformed { offset, msg: msg.into() }
    }

    fn err(&self, msg: &str) -> LoadError {
        self.err_at(self.pos, msg)
    }

    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    fn take(&mut self, n: usize) -> RResult<&'b [u8]> {
        if n > self.remaining() {
            return Err(self.err("unexpected end of file"));
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u8(&mut self) -> RResult<u8> {
        Ok(self.take(1)?[0])
    }

    fn varint64(&mut self, max_bytes: usize) -> RResult<u64> {
        let at = self.pos;
        let mut v: u64 = 0;
        for i in 0..max_bytes {
            let b = self.u8()?;
            // A tenth byte may only hold the 64th bit.
            if i == 9 && b > 1 {
                break;
            }
            v |= ((b & 0x7f) as u64) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err_at(at, "number too large"))
    }

    fn num(&mut self) -> RResult<u32> {
        let at = self.pos;
        let v = self.varint64(5)?;
        u32::try_from(v).map_err(|_| self.err_at(at, "number too large"))
    }

    /// A declared count of items that each take at least `min_bytes` bytes: refused unless that
    /// many bytes remain, so nothing is ever allocated for items the file does not hold.
    fn count(&mut self, min_bytes: usize) -> RResult<usize> {
        let at = self.pos;
        let n = self.num()? as usize;
        if n.saturating_mul(min_bytes) > self.remaining() {
            return Err(self.err_at(at, &format!("count {n} exceeds the bytes that remain")));
        }
        Ok(n)
    }

    fn str(&mut self) -> RResult<Rc<str>> {
        let at = self.pos;
        let i = self.num()? as usize;
        self.strings.get(i).cloned().ok_or_else(|| self.err_at(at, &format!("string index {i} out of range")))
    }

    fn strs(&mut self) -> RResult<Vec<Rc<str>>> {
        let n = self.count(1)?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.str()?);
        }
        Ok(v)
    }

    fn byte_vec(&mut self) -> RResult<Vec<u8>> {
        let n = self.count(1)?;
        Ok(self.take(n)?.to_vec())
    }

    /// Reads the module's code object. Nested code objects and constant tuples are read with an
    /// explicit stack of the ones still open, not by recursion, so nesting costs no native stack.
    fn module(&mut self) -> RResult<Rc<Code>> {
        let mut open: Vec<Open> = vec![self.code_head()?];
        loop {
            let Some(top) = open.last_mut() else { return Err(self.err("no code object")) };
            if top.left() > 0 {
                top.take_one();
                let at = self.pos;
                let tag = self.u8()?;
                let item = match tag {
                    TAG_TUPLE | TAG_FROZENSET | TAG_CODE => {
                        if open.len() > MAX_NESTING as usize {
                            return Err(self.err_at(at, "code objects and constants nested too deeply"));
                        }
                        if tag == TAG_CODE {
                            if let Some(Open::Seq { .. }) = open.last() {
                                return Err(self.err_at(at, "a code object inside a constant tuple"));
                            }
                            open.push(self.code_head()?);
                        } else {
                            let n = self.count(1)?;
                            open.push(Open::Seq { tuple: tag == TAG_TUPLE, items: Vec::with_capacity(n), left: n });
                        }
                        continue;
                    }
                    _ => self.leaf(tag, at)?,
                };
                if let Some(top) = open.last_mut() {
                    top.push(item);
                }
                continue;
            }
            let done = match open.pop() {
                Some(Open::Code { head, consts, .. }) => Const::Code(self.code_tail(*head, consts)?),
                Some(Open::Seq { tuple: true, items, .. }) => Const::Tuple(items.into()),
                Some(Open::Seq { items, .. }) => Const::FrozenSet(items.into()),
                None => return Err(self.err("no code object")),
            };
            match open.last_mut() {
                Some(parent) => parent.push(done),
                None => match done {
                    Const::Code(code) => return Ok(code),
                    _ => return Err(self.err("no code object")),
                },
            }
        }
    }

    /// A code object's fields before its constants, and the count of constants.
    fn code_head(&mut self) -> RResult<Open> {
        let name = self.str()?;
        let qualname = self.str()?;
        let filename = self.str()?;
        let first_line = self.num()?;
        let at = self.pos;
        let bits = self.u8()?;
        if bits & !FLAGS_KNOWN != 0 {
            return Err(self.err_at(at, "unknown code flags"));
        }
        let flags = CodeFlags {
            generator: bits & FLAG_GENERATOR != 0,
            varargs: bits & FLAG_VARARGS != 0,
            varkw: bits & FLAG_VARKW != 0,
            is_function: bits & FLAG_FUNCTION != 0,
            hidden: bits & FLAG_HIDDEN != 0,
            docstring: bits & FLAG_DOCSTRING != 0,
        };
        let argcount = self.num()?;
        let posonlyargcount = self.num()?;
        let kwonlyargcount = self.num()?;
        let varnames = self.strs()?;
        let cellvars = self.strs()?;
        let n = self.count(2)?;
        let mut cell_params = Vec::with_capacity(n);
        for _ in 0..n {
            cell_params.push((self.num()?, self.num()?));
        }
        let freevars = self.strs()?;
        let names = self.strs()?;
        let n = self.count(1)?;
        let head = Code {
            name,
            qualname,
            filename,
            first_line,
            flags,
            argcount,
            posonlyargcount,
            kwonlyargcount,
            varnames,
            cellvars,
            cell_params,
            freevars,
            names,
            consts: Vec::new(),
            code: Vec::new(),
            max_stack: 0,
            exception_table: Vec::new(),
            line_table: Vec::new(),
        };
        Ok(Open::Code { head: Box::new(head), consts: Vec::with_capacity(n), left: n })
    }

    /// The rest of a code object, after its constants.
    fn code_tail(&mut self, mut head: Code, consts: Vec<Const>) -> RResult<Rc<Code>> {
        head.consts = consts;
        head.code = self.byte_vec()?;
        head.max_stack = self.num()?;
        let n = self.count(4)?;
        head.exception_table = Vec::with_capacity(n);
        for _ in 0..n {
            let at = self.pos;
            let start = self.num()?;
            let len = self.num()?;
            let end = start.checked_add(len).ok_or_else(|| self.err_at(at, "exception range overflows"))?;
            head.exception_table.push(ExceptionEntry { start, end, handler: self.num()?, depth: self.num()? });
        }
        head.line_table = self.byte_vec()?;
        Ok(Rc::new(head))
    }

    /// A constant that contains no other constants.
    fn leaf(&mut self, tag: u8, at: usize) -> RResult<Const> {
        Ok(match tag {
            TAG_NONE => Const::None,
            TAG_TRUE => Const::True,
            TAG_FALSE => Const::False,
            TAG_ELLIPSIS => Const::Ellipsis,
            TAG_INT => {
                let z = self.varint64(10)?;
                Const::Int(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
            TAG_BIGINT => {
                let s = self.str()?;
                if !is_bigint_literal(&s) {
                    return Err(self.err_at(at, "malformed big-int constant"));
                }
                Const::BigInt(s)
            }
            TAG_FLOAT => {
                let b = self.take(8)?;
                Const::Float(f64::from_bits(u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])))
            }
            TAG_STR => Const::Str(self.str()?),
            t => return Err(self.err_at(at, &format!("unknown constant tag {t}"))),
        })
    }
}

/// A code object or constant tuple whose constants are still being read.
enum Open {
    Code { head: Box<Code>, consts: Vec<Const>, left: usize },
    Seq { tuple: bool, items: Vec<Const>, left: usize },
}

impl Open {
    fn left(&self) -> usize {
        match self {
            Open::Code { left, .. } | Open::Seq { left, .. } => *left,
        }
    }

    fn take_one(&mut self) {
        match self {
            Open::Code { left, .. } | Open::Seq { left, .. } => *left -= 1,
        }
    }

    fn push(&mut self, k: Const) {
        match self {
            Open::Code { consts, .. } => consts.push(k),
            Open::Seq { items, .. } => items.push(k),
        }
    }
}

/// `-?[1-9][0-9]*` (or `0`), at most `MAX_BIGINT_DIGITS` digits: what the compiler writes.
fn is_bigint_literal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s).as_bytes();
    !digits.is_empty()
        && digits.len() <= MAX_BIGINT_DIGITS
        && digits.iter().all(u8::is_ascii_digit)
        && (digits[0] != b'0' || digits.len() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile_module;

    const SAMPLE: &str = "\
import sys
def gen(n, *rest, k=3, **kw):
    total = 0
    def inner(x):
        return x + n + k
    try:
        for i in range(n):
            total += yield inner(i)
    except ValueError as e:
        print('bad', e)
    finally:
        print('done', 1.5, -0.0, 10**30, 123456789012345678901234567890, (1, ('a', None)), ...)
    return total
class C:
    '''doc'''
    def m(self):
        return [x * 2 for x in {1, 2} if x]
print(list(gen(3)), f'{sys.argv!r:>10}', lambda: C)
";

    #[test]
    fn round_trips_and_is_deterministic() {
        let code = compile_module(SAMPLE, "sample.py").unwrap();
        let bytes = save(&code);
        assert_eq!(bytes, save(&compile_module(SAMPLE, "sample.py").unwrap()));
        let back = load(&bytes).unwrap();
        assert_eq!(*back, *code);
        assert_eq!(save(&back), bytes);
    }

    #[test]
    fn other_versions_are_refused_by_name() {
        let mut bytes = save(&compile_module("print(1)", "x.py").unwrap());
        bytes[4] = FORMAT_VERSION + 1;
        let e = load(&bytes).unwrap_err();
        assert!(matches!(e, LoadError::Version { .. }));
        assert!(e.to_string().contains("another version of coro"), "{e}");
        let mut bytes = save(&compile_module("print(1)", "x.py").unwrap());
        bytes[5] ^= 1;
        assert!(matches!(load(&bytes), Err(LoadError::Version { .. })));
        assert_eq!(load(b"print(1)\n"), Err(LoadError::NotBytecode));
    }

    #[test]
    fn declared_counts_are_checked_before_allocating() {
        // A header, then a string count of 2^32 - 1 with no strings after it.
        let mut bytes = save(&compile_module("", "x.py").unwrap())[..HEADER_LEN].to_vec();
        bytes.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
        match load(&bytes) {
            Err(LoadError::Malformed { offset, msg }) => {
                assert_eq!(offset, HEADER_LEN);
                assert!(msg.contains("exceeds the bytes that remain"), "{msg}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn deep_nesting_is_refused_before_recursing_far() {
        // Tuples nested far past MAX_NESTING, hand-written after an empty module's prefix.
        let code = compile_module("", "x.py").unwrap();
        let ok = save(&code);
        let mut w = Writer { body: Vec::new(), strings: Vec::new(), index: HashMap::new() };
        w.code(&code);
        let prefix_len = ok.len() - w.body.len();
        let mut bytes = ok[..prefix_len].to_vec();
        // name, qualname, filename, first line, flags, 3 arg counts, 5 empty lists
        bytes.extend_from_slice(&w.body[..13]);
        bytes.push(1); // one constant
        for _ in 0..100_000 {
            bytes.extend_from_slice(&[TAG_TUPLE, 1]);
        }
        bytes.push(TAG_NONE);
        let e = decode(&bytes).unwrap_err();
        assert!(e.to_string().contains("nested too deeply"), "{e}");
    }

    #[test]
    fn deepest_source_nesting_round_trips() {
        // Source nesting is bounded by the parser (by MAX_DEPTH, and by its stack budget, which in
        // unoptimised builds is reached far sooner); the deepest program it accepts must load.
        const _: () = assert!(crate::parser::MAX_DEPTH < MAX_NESTING);
        let src = |d: usize| format!("f = {}0\nt = {}1,{}\n", "lambda: ".repeat(d), "(".repeat(d), ")".repeat(d));
        let (mut lo, mut hi) = (1, crate::parser::MAX_DEPTH as usize + 1);
        assert!(compile_module(&src(lo), "x.py").is_ok());
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if compile_module(&src(mid), "x.py").is_ok() {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        assert!(lo >= 40, "only {lo} levels compile");
        let code = compile_module(&src(lo), "x.py").unwrap();
        let back = load(&save(&code)).unwrap();
        assert_eq!(*back, *code);
    }
}
