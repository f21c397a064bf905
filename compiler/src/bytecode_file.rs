//! Bytecode files (`.coroc`): a module's code object and every code object nested in it, saved
//! by `coro compile` and loaded by `coro run`/`coro dis` or a host.
//!
//! Layout (all counts and numbers are unsigned LEB128 varints unless noted):
//!
//! ```text
//! header   "coro" | format version (1 byte) | opcode-table fingerprint (4 bytes, little-endian)
//! strings  count | entry* | text        every string the code objects use, once (see below)
//! code     the module's code object, nested code objects inline where their constant sits
//! ```
//!
//! The format is dense (the sizes for `programs/` are in `bench/sizes.py`): a string table entry
//! is a well-known string's number (`file_encoding::KNOWN_STRINGS`: builtin and dunder names) or
//! a length, the text of the others following as one Huffman-coded bit stream. A code object is
//! its name, a shape (its flags, and which of the fields that are usually empty or follow from
//! its parent are written: qualified name, file name, cells, exception table...), its first line
//! as a delta from its parent's, argument counts, varnames, names, the constants (a tag byte
//! each; the tag of a string constant holds its index when that is small), the bytecode (common
//! opcode-operand pairs in one byte), `max_stack`, the exception table and the line table (most
//! entries in one byte). Nothing follows the module's code object.
//!
//! Writing is deterministic: strings are numbered in the order the writer first meets them, so
//! compiling the same source twice gives identical bytes. Reading never trusts a declared count:
//! each is checked against the bytes that remain before anything is allocated for it, nesting is
//! bounded, and `load` runs the verifier over the result before anyone can run it. Any `Code`
//! saves and loads back equal (what the dense forms cannot say, such as a hand-made line table
//! the compiler would never write, is written out as it is).

use crate::code::{write_varint as write_varint64, Code, CodeFlags, Const, ExceptionEntry};
use crate::file_encoding;
use crate::opcode::TABLE_FINGERPRINT;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

/// The first four bytes of every bytecode file.
pub const MAGIC: [u8; 4] = *b"coro";
/// Bumped whenever the layout of the file or of `Code` changes. (Changes to the opcode table are
/// caught by the fingerprint without a bump.)
pub const FORMAT_VERSION: u8 = 2;
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
    w.code(code, None);
    let mut out = Vec::with_capacity(HEADER_LEN + w.body.len() + 16 * w.strings.len());
    out.extend_from_slice(&MAGIC);
    out.push(FORMAT_VERSION);
    out.extend_from_slice(&TABLE_FINGERPRINT.to_le_bytes());
    write_varint(&mut out, w.strings.len() as u32);
    let mut text = file_encoding::TextWriter::new();
    for s in &w.strings {
        match file_encoding::known_string(s) {
            Some(i) => write_varint(&mut out, 2 * i + 1),
            None => {
                write_varint(&mut out, 2 * s.len() as u32);
                text.write(s.as_bytes());
            }
        }
    }
    out.extend_from_slice(&text.finish());
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
    r.string_table()?;
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

// Constant tags. A byte from `TAG_STR_INLINE` up is a string constant whose string index is the
// byte minus `TAG_STR_INLINE`; `TAG_STR` is followed by a larger index.
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
const TAG_STR_INLINE: u8 = 64;

// A code object's shape: its flags, and which of the fields that usually hold nothing or can be
// worked out from its parent the file spells out. The common ones are in the low seven bits, so
// the shape of most code objects takes one byte.
const SHAPE_GENERATOR: u32 = 1;
const SHAPE_VARARGS: u32 = 1 << 1;
const SHAPE_VARKW: u32 = 1 << 2;
const SHAPE_FUNCTION: u32 = 1 << 3;
const SHAPE_DOCSTRING: u32 = 1 << 4;
/// The exception table is written (else it is empty).
const SHAPE_HANDLERS: u32 = 1 << 5;
/// Cell variables, cell parameters and free variables are written (else all are empty).
const SHAPE_CELLS: u32 = 1 << 6;
const SHAPE_HIDDEN: u32 = 1 << 7;
/// The qualified name is written (else it is the one the compiler gives a code object with this
/// name in this parent: see `derived_qualname`).
const SHAPE_QUALNAME: u32 = 1 << 8;
/// A nested code object's file name is written (else it is its parent's; the module's is always
/// written).
const SHAPE_FILENAME: u32 = 1 << 9;
/// The positional-only and keyword-only parameter counts are written (else both are 0).
const SHAPE_ARGKINDS: u32 = 1 << 10;
const SHAPE_KNOWN: u32 = (1 << 11) - 1;

/// Where a code object sits: the module's code object, or a constant of `Parent::code`.
#[derive(Clone, Copy)]
struct Parent<'c> {
    code: &'c Code,
    /// The parent is the module's code object (else a function or class body).
    is_module: bool,
}

/// The qualified name the compiler gives a code object called `name` in `parent`: `name` for
/// the module and at module level, `Class.name` in a class body, `outer.<locals>.name` in a
/// function.
fn derived_qualname(parent: Option<Parent>, name: &str) -> String {
    match parent {
        None | Some(Parent { is_module: true, .. }) => name.to_string(),
        Some(Parent { code, .. }) if code.flags.is_function => format!("{}.<locals>.{name}", code.qualname),
        Some(Parent { code, .. }) => format!("{}.{name}", code.qualname),
    }
}

impl Writer {
    fn num(&mut self, n: u32) {
        write_varint(&mut self.body, n);
    }

    fn str_index(&mut self, s: &Rc<str>) -> u32 {
        match self.index.get(s) {
            Some(i) => *i,
            None => {
                let i = self.strings.len() as u32;
                self.strings.push(s.clone());
                self.index.insert(s.clone(), i);
                i
            }
        }
    }

    fn str(&mut self, s: &Rc<str>) {
        let i = self.str_index(s);
        self.num(i);
    }

    fn strs(&mut self, v: &[Rc<str>]) {
        self.num(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }

    fn code(&mut self, c: &Code, parent: Option<Parent>) {
        let f = &c.flags;
        let mut shape = (f.generator as u32 * SHAPE_GENERATOR)
            | (f.varargs as u32 * SHAPE_VARARGS)
            | (f.varkw as u32 * SHAPE_VARKW)
            | (f.is_function as u32 * SHAPE_FUNCTION)
            | (f.hidden as u32 * SHAPE_HIDDEN)
            | (f.docstring as u32 * SHAPE_DOCSTRING);
        if !c.exception_table.is_empty() {
            shape |= SHAPE_HANDLERS;
        }
        if !(c.cellvars.is_empty() && c.cell_params.is_empty() && c.freevars.is_empty()) {
            shape |= SHAPE_CELLS;
        }
        if *c.qualname != *derived_qualname(parent, &c.name) {
            shape |= SHAPE_QUALNAME;
        }
        if parent.is_some_and(|p| p.code.filename != c.filename) {
            shape |= SHAPE_FILENAME;
        }
        if c.posonlyargcount != 0 || c.kwonlyargcount != 0 {
            shape |= SHAPE_ARGKINDS;
        }
        self.str(&c.name);
        self.num(shape);
        if shape & SHAPE_QUALNAME != 0 {
            self.str(&c.qualname);
        }
        if parent.is_none() || shape & SHAPE_FILENAME != 0 {
            self.str(&c.filename);
        }
        let parent_line = parent.map_or(0, |p| p.code.first_line as i64);
        write_varint64(&mut self.body, zigzag(c.first_line as i64 - parent_line));
        self.num(c.argcount);
        if shape & SHAPE_ARGKINDS != 0 {
            self.num(c.posonlyargcount);
            self.num(c.kwonlyargcount);
        }
        self.strs(&c.varnames);
        if shape & SHAPE_CELLS != 0 {
            self.strs(&c.cellvars);
            self.num(c.cell_params.len() as u32);
            for &(cell, local) in &c.cell_params {
                self.num(cell);
                self.num(local);
            }
            self.strs(&c.freevars);
        }
        self.strs(&c.names);
        self.num(c.consts.len() as u32);
        let me = Parent { code: c, is_module: parent.is_none() };
        for k in &c.consts {
            self.constant(k, me);
        }
        self.num(c.code.len() as u32);
        file_encoding::pack_code(&c.code, &mut self.body);
        self.num(c.max_stack);
        if shape & SHAPE_HANDLERS != 0 {
            self.num(c.exception_table.len() as u32);
            for e in &c.exception_table {
                self.num(e.start);
                self.num(e.end.wrapping_sub(e.start));
                write_varint64(&mut self.body, zigzag(e.handler as i64 - e.end as i64));
                self.num(e.depth);
            }
        }
        file_encoding::pack_lines(&c.line_table, &mut self.body);
    }

    fn constant(&mut self, k: &Const, owner: Parent) {
        match k {
            Const::None => self.body.push(TAG_NONE),
            Const::True => self.body.push(TAG_TRUE),
            Const::False => self.body.push(TAG_FALSE),
            Const::Ellipsis => self.body.push(TAG_ELLIPSIS),
            Const::Int(n) => {
                self.body.push(TAG_INT);
                write_varint64(&mut self.body, zigzag(*n));
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
                let i = self.str_index(s);
                match u8::try_from(i).ok().and_then(|i| i.checked_add(TAG_STR_INLINE)) {
                    Some(tag) => self.body.push(tag),
                    None => {
                        self.body.push(TAG_STR);
                        self.num(i - (256 - TAG_STR_INLINE as u32));
                    }
                }
            }
            Const::Tuple(items) | Const::FrozenSet(items) => {
                self.body.push(if matches!(k, Const::Tuple(_)) { TAG_TUPLE } else { TAG_FROZENSET });
                self.num(items.len() as u32);
                for item in items.iter() {
                    self.constant(item, owner);
                }
            }
            Const::Code(c) => {
                self.body.push(TAG_CODE);
                self.code(c, Some(owner));
            }
        }
    }
}

fn write_varint(out: &mut Vec<u8>, n: u32) {
    write_varint64(out, n as u64)
}

fn zigzag(d: i64) -> u64 {
    ((d << 1) ^ (d >> 63)) as u64
}

fn unzigzag(z: u64) -> i64 {
    ((z >> 1) as i64) ^ -((z & 1) as i64)
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

    /// A zig-zag signed delta from `base`, which must land inside `u32`.
    fn delta(&mut self, base: u32) -> RResult<u32> {
        let at = self.pos;
        let d = unzigzag(self.varint64(10)?);
        (base as i64)
            .checked_add(d)
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| self.err_at(at, "number too large"))
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

    fn string(&mut self, i: usize, at: usize) -> RResult<Rc<str>> {
        self.strings.get(i).cloned().ok_or_else(|| self.err_at(at, &format!("string index {i} out of range")))
    }

    fn str(&mut self) -> RResult<Rc<str>> {
        let at = self.pos;
        let i = self.num()? as usize;
        self.string(i, at)
    }

    fn strs(&mut self) -> RResult<Vec<Rc<str>>> {
        let n = self.count(1)?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.str()?);
        }
        Ok(v)
    }

    /// The string table: a count, an entry for each string (`2 * i + 1` for
    /// `KNOWN_STRINGS[i]`, `2 * length` for one spelled out), then the text of the strings
    /// spelled out, in order, as one bit stream (`file_encoding::TextReader`).
    fn string_table(&mut self) -> RResult<()> {
        let n = self.count(1)?;
        let mut entries = Vec::with_capacity(n);
        let mut text_len: usize = 0;
        for _ in 0..n {
            let at = self.pos;
            let v = self.num()? as usize;
            if v % 2 == 1 && v / 2 >= file_encoding::KNOWN_STRINGS.len() {
                return Err(self.err_at(at, "unknown well-known string"));
            }
            if v.is_multiple_of(2) {
                text_len = text_len.saturating_add(v / 2);
            }
            entries.push(v);
        }
        let at = self.pos;
        if text_len.saturating_mul(file_encoding::MIN_BITS_PER_BYTE) > self.remaining().saturating_mul(8) {
            return Err(self.err_at(at, &format!("{text_len} bytes of strings exceed the bytes that remain")));
        }
        let mut text = file_encoding::TextReader::new(&self.bytes[self.pos..]);
        let mut strings = Vec::with_capacity(n);
        for v in entries {
            if v % 2 == 1 {
                strings.push(Rc::<str>::from(file_encoding::KNOWN_STRINGS[v / 2]));
                continue;
            }
            let raw = text.read(v / 2).ok_or_else(|| self.err("unexpected end of file"))?;
            let s = String::from_utf8(raw).map_err(|_| self.err_at(at, "string is not valid UTF-8"))?;
            strings.push(Rc::<str>::from(s));
        }
        self.pos += text.bytes_used();
        self.strings = strings;
        Ok(())
    }

    /// Reads the module's code object. Nested code objects and constant tuples are read with an
    /// explicit stack of the ones still open, not by recursion, so nesting costs no native stack.
    fn module(&mut self) -> RResult<Rc<Code>> {
        let mut open: Vec<Open> = vec![self.code_head(None)?];
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
                        match open.last() {
                            Some(Open::Seq { .. }) if tag == TAG_CODE => {
                                return Err(self.err_at(at, "a code object inside a constant tuple"));
                            }
                            Some(Open::Code { head, .. }) if tag == TAG_CODE => {
                                let parent = Parent { code: head, is_module: open.len() == 1 };
                                let head = self.code_head(Some(parent))?;
                                open.push(head);
                            }
                            _ => {
                                let n = self.count(1)?;
                                open.push(Open::Seq { tuple: tag == TAG_TUPLE, items: Vec::with_capacity(n), left: n });
                            }
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
                Some(Open::Code { head, handlers, consts, .. }) => {
                    Const::Code(self.code_tail(*head, handlers, consts)?)
                }
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

    /// A code object's fields before its constants, and the count of constants. `parent` is the
    /// code object whose constant it is (its fields before the constants are all read).
    fn code_head(&mut self, parent: Option<Parent>) -> RResult<Open> {
        let name = self.str()?;
        let at = self.pos;
        let shape = self.num()?;
        if shape & !SHAPE_KNOWN != 0 {
            return Err(self.err_at(at, "unknown code flags"));
        }
        let has = |bit: u32| shape & bit != 0;
        let flags = CodeFlags {
            generator: has(SHAPE_GENERATOR),
            varargs: has(SHAPE_VARARGS),
            varkw: has(SHAPE_VARKW),
            is_function: has(SHAPE_FUNCTION),
            hidden: has(SHAPE_HIDDEN),
            docstring: has(SHAPE_DOCSTRING),
        };
        let qualname = if has(SHAPE_QUALNAME) { self.str()? } else { derived_qualname(parent, &name).into() };
        let filename = match parent {
            Some(p) if !has(SHAPE_FILENAME) => p.code.filename.clone(),
            _ => self.str()?,
        };
        let first_line = self.delta(parent.map_or(0, |p| p.code.first_line))?;
        let argcount = self.num()?;
        let (posonlyargcount, kwonlyargcount) = if has(SHAPE_ARGKINDS) { (self.num()?, self.num()?) } else { (0, 0) };
        let varnames = self.strs()?;
        let (mut cellvars, mut cell_params, mut freevars) = (Vec::new(), Vec::new(), Vec::new());
        if has(SHAPE_CELLS) {
            cellvars = self.strs()?;
            let n = self.count(2)?;
            cell_params = Vec::with_capacity(n);
            for _ in 0..n {
                cell_params.push((self.num()?, self.num()?));
            }
            freevars = self.strs()?;
        }
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
        Ok(Open::Code { head: Box::new(head), handlers: has(SHAPE_HANDLERS), consts: Vec::with_capacity(n), left: n })
    }

    /// The rest of a code object, after its constants (`handlers`: its exception table is
    /// written).
    fn code_tail(&mut self, mut head: Code, handlers: bool, consts: Vec<Const>) -> RResult<Rc<Code>> {
        head.consts = consts;
        let at = self.pos;
        let len = self.num()? as usize;
        // Each byte of the packed instructions stands for at most two.
        if len > 2 * self.remaining() {
            return Err(self.err_at(at, &format!("code length {len} exceeds the bytes that remain")));
        }
        let (code, used) = file_encoding::unpack_code(&self.bytes[self.pos..], len)
            .map_err(|i| self.err_at(self.pos + i, "malformed instructions"))?;
        self.pos += used;
        head.code = code;
        head.max_stack = self.num()?;
        if handlers {
            let n = self.count(4)?;
            head.exception_table = Vec::with_capacity(n);
            for _ in 0..n {
                let at = self.pos;
                let start = self.num()?;
                let len = self.num()?;
                let end = start.checked_add(len).ok_or_else(|| self.err_at(at, "exception range overflows"))?;
                let handler = self.delta(end)?;
                head.exception_table.push(ExceptionEntry { start, end, handler, depth: self.num()? });
            }
        }
        let at = self.pos;
        let v = self.num()? as usize;
        if v % 2 == 1 {
            head.line_table = self.take(v / 2)?.to_vec();
        } else {
            if v / 2 > self.remaining() {
                return Err(self.err_at(at, &format!("count {} exceeds the bytes that remain", v / 2)));
            }
            let (table, used) = file_encoding::unpack_lines(&self.bytes[self.pos..], v / 2)
                .map_err(|i| self.err_at(self.pos + i, "malformed line table"))?;
            self.pos += used;
            head.line_table = table;
        }
        Ok(Rc::new(head))
    }

    /// A constant that contains no other constants.
    fn leaf(&mut self, tag: u8, at: usize) -> RResult<Const> {
        Ok(match tag {
            TAG_NONE => Const::None,
            TAG_TRUE => Const::True,
            TAG_FALSE => Const::False,
            TAG_ELLIPSIS => Const::Ellipsis,
            TAG_INT => Const::Int(unzigzag(self.varint64(10)?)),
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
            TAG_STR => {
                let i = self.num()? as usize;
                Const::Str(self.string(i.saturating_add(256 - TAG_STR_INLINE as usize), at)?)
            }
            t if t >= TAG_STR_INLINE => Const::Str(self.string((t - TAG_STR_INLINE) as usize, at)?),
            t => return Err(self.err_at(at, &format!("unknown constant tag {t}"))),
        })
    }
}

/// A code object or constant tuple whose constants are still being read.
enum Open {
    Code { head: Box<Code>, handlers: bool, consts: Vec<Const>, left: usize },
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
    fn strings_must_be_utf8_and_known() {
        let module = |table: &[u8]| {
            let mut b = save(&compile_module("", "x.py").unwrap())[..HEADER_LEN].to_vec();
            b.extend_from_slice(table);
            // name and file name: string 0; first line 1; no arguments, varnames, names,
            // constants, code; max_stack 0; no line table
            b.extend_from_slice(&[0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]);
            b
        };
        let mut good = vec![1, 2 * 3];
        let mut text = file_encoding::TextWriter::new();
        text.write(b"m.p");
        good.extend_from_slice(&text.finish());
        assert_eq!(decode(&module(&good)).unwrap().filename.as_ref(), "m.p");
        let mut bad = vec![1, 2 * 2];
        let mut text = file_encoding::TextWriter::new();
        text.write(b"m\xff");
        bad.extend_from_slice(&text.finish());
        let e = decode(&module(&bad)).unwrap_err();
        assert!(e.to_string().contains("string is not valid UTF-8"), "{e}");
        let e = decode(&module(&[1, 1])).unwrap();
        assert_eq!(e.name.as_ref(), file_encoding::KNOWN_STRINGS[0]);
        let mut unknown = vec![1];
        write_varint(&mut unknown, 2 * file_encoding::KNOWN_STRINGS.len() as u32 + 1);
        let e = decode(&module(&unknown)).unwrap_err();
        assert!(e.to_string().contains("unknown well-known string"), "{e}");
        // A declared length of text the bytes cannot hold is refused before decoding it.
        let e = decode(&module(&[1, 0xfe, 0x7f])).unwrap_err();
        assert!(e.to_string().contains("bytes of strings exceed the bytes that remain"), "{e}");
    }

    #[test]
    fn format_tables_are_pinned_to_the_version() {
        // The tables in file_encoding are part of the format: a change to one needs a new
        // FORMAT_VERSION (and this digest updated with it).
        assert_eq!((FORMAT_VERSION, file_encoding::tables_digest()), (2, 1492324158013162123));
    }

    #[test]
    fn deep_nesting_is_refused_before_recursing_far() {
        // Tuples nested far past MAX_NESTING, hand-written after an empty module's prefix.
        let code = compile_module("", "x.py").unwrap();
        let ok = save(&code);
        let mut w = Writer { body: Vec::new(), strings: Vec::new(), index: HashMap::new() };
        w.code(&code, None);
        let prefix_len = ok.len() - w.body.len();
        let mut bytes = ok[..prefix_len].to_vec();
        // name, shape, filename, first line, argument count, no varnames, no names
        bytes.extend_from_slice(&w.body[..7]);
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
