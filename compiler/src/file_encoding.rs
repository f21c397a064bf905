//! The dense encodings a bytecode file uses where `Code` keeps simple ones: instruction streams
//! (common opcode-operand pairs packed into one byte), line tables (most entries in one byte) and
//! well-known strings (named by a number instead of spelled out). `bytecode_file` writes the rest
//! of the format; every decoder here is bounded by what the caller checked or says it may make.
//!
//! These tables are part of the file format: changing one means bumping
//! `bytecode_file::FORMAT_VERSION` (a test pins their digest to the version).

use crate::opcode::{Op, OP_COUNT};

// ----- well-known strings -------------------------------------------------------------------------

/// Strings a file may name by their index here instead of spelling them out (MicroPython's
/// `.mpy` files do the same with the interpreter's static strings): names of Python's builtins,
/// dunder names and methods of builtin types, and the names the compiler gives nameless code.
/// Ordered by how many of coro's test programs use each (the first 64 take one byte less), then
/// by name.
#[rustfmt::skip]
pub(crate) const KNOWN_STRINGS: &[&str] = &[
    "<module>", "print", "__name__", "type", "range", "len", "TypeError", "<lambda>", "list", "repr", "ValueError",
    "next", "append", "value", "str", "KeyError", "<genexpr>", "count", "items", "StopIteration", "int",
    "__module__", "isinstance", "__qualname__", "self", "<listcomp>", "sorted", "Exception", "sum", "sys", "args",
    "send", "__init__", "IndexError", "RuntimeError", "get", "values", "float", "max", "set", "close", "iter",
    "upper", "bool", "join", "ZeroDivisionError", "stop", "throw", "pop", "dict", "enumerate", "tuple",
    "AttributeError", "__repr__", "abs", "add", "min", "reverse", "NameError", "__doc__", "index", "map", "pow",
    "remove", "return", "startswith", "GeneratorExit", "__class__", "copy", "divmod", "exit", "split", "start",
    "zip", "Any", "OverflowError", "RecursionError", "all", "classmethod", "cls", "hash", "keys", "super", "typing",
    "Generator", "__dict__", "any", "chr", "format", "getattr", "issubclass", "lower", "reversed", "BaseException",
    "Callable", "UnboundLocalError", "__context__", "__mro__", "callable", "collections", "deque", "filter",
    "globals", "hasattr", "itertools", "math", "rsplit", "sort", "step", "<setcomp>", "ArithmeticError",
    "AssertionError", "List", "LookupError", "Optional", "SystemExit", "__annotations__", "__cause__", "__iter__",
    "__str__", "clear", "eval", "extend", "fromkeys", "functools", "isdigit", "kwargs", "ord", "popitem", "property",
    "strip", "time", "<dictcomp>", "ConnectionError", "Enum", "ImportError", "NotImplemented", "Tuple", "__call__",
    "__main__", "__next__", "argv", "bin", "delattr", "endswith", "enum", "find", "insert", "isalnum", "isalpha",
    "isdecimal", "islower", "isnumeric", "isspace", "istitle", "isupper", "object", "partial", "replace", "round",
    "setattr", "setdefault", "setter", "splitlines", "staticmethod", "title", "update", "vars", "__add__",
    "__bool__", "__contains__", "__delitem__", "__enter__", "__eq__", "__exit__", "__ge__", "__getattr__",
    "__getitem__", "__gt__", "__hash__", "__le__", "__len__", "__lt__", "__ne__", "__new__", "__setattr__",
    "__setitem__", "__slots__",
];

/// The index of `s` in `KNOWN_STRINGS`.
pub(crate) fn known_string(s: &str) -> Option<u32> {
    KNOWN_STRINGS.iter().position(|k| *k == s).map(|i| i as u32)
}

// ----- packed instructions ------------------------------------------------------------------------

/// Opcode-operand pairs a file writes as one byte instead of two: `(op, first operand, count)`
/// covers operands `first..first + count`. Byte `OP_COUNT + k` stands for the k-th pair in this
/// order, as far as the bytes above the opcodes reach (`ESCAPE` stays free), so adding opcodes
/// shortens the list instead of breaking it. Ordered by how much each saves on typical programs
/// (globals, constants and locals are most of the operands a program has).
const PACKED: &[(Op, u8, u8)] = &[
    (Op::LoadGlobal, 0, 16),
    (Op::LoadConst, 0, 16),
    (Op::LoadFast, 0, 8),
    (Op::Call, 0, 4),
    (Op::StoreFast, 0, 8),
    (Op::CallMethod, 0, 4),
    (Op::StoreGlobal, 0, 8),
    (Op::LoadSmallInt, 0, 4),
    (Op::FormatValue, 0, 4),
    (Op::LoadMethod, 0, 8),
    (Op::LoadAttr, 0, 8),
    (Op::MakeFunction, 0, 1),
    (Op::BuildString, 2, 2),
    (Op::LoadName, 0, 8),
    (Op::StoreName, 0, 8),
    (Op::ImportFrom, 0, 8),
    (Op::BuildMap, 0, 4),
    (Op::Swap, 2, 2),
    (Op::BuildTuple, 0, 4),
    (Op::BuildList, 0, 4),
    (Op::StoreAttr, 0, 4),
    (Op::IsOp, 0, 2),
    (Op::ImportName, 0, 4),
    (Op::DeleteFast, 0, 4),
];

/// In an instruction stream, the byte that makes the next one literal (an opcode position
/// holding a byte that is no opcode: only hand-made code has one, and the verifier refuses it).
const ESCAPE: u8 = 0xff;

/// What each byte of an instruction stream stands for in opcode position: `Raw` (an opcode,
/// written as itself), `Pair(op, operand)` or `Escape`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unpacked {
    Raw,
    Pair(u8, u8),
    Escape,
    Unused,
}

const UNPACK: [Unpacked; 256] = unpack_table();

const fn unpack_table() -> [Unpacked; 256] {
    let mut t = [Unpacked::Unused; 256];
    let mut b = 0;
    while b < OP_COUNT {
        t[b] = Unpacked::Raw;
        b += 1;
    }
    let mut i = 0;
    while i < PACKED.len() {
        let (op, first, count) = PACKED[i];
        let mut k = 0;
        while k < count && b < ESCAPE as usize {
            t[b] = Unpacked::Pair(op as u8, first + k);
            b += 1;
            k += 1;
        }
        i += 1;
    }
    t[ESCAPE as usize] = Unpacked::Escape;
    t
}

/// The one-byte form of `op arg`, if it has one.
fn packed(op: u8, arg: u8) -> Option<u8> {
    (OP_COUNT..ESCAPE as usize).find(|&b| UNPACK[b] == Unpacked::Pair(op, arg)).map(|b| b as u8)
}

/// Appends the file form of an instruction stream (`code`, any bytes). Whole instructions
/// `op arg` with a one-byte form take one byte; everything else is copied, a byte in opcode
/// position that is no opcode behind `ESCAPE`.
pub(crate) fn pack_code(code: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < code.len() {
        let b = code[i];
        match Op::from_byte(b) {
            Some(op) if op.has_arg() && i + 1 < code.len() => {
                match packed(b, code[i + 1]) {
                    Some(p) => out.push(p),
                    None => out.extend_from_slice(&code[i..i + 2]),
                }
                i += 2;
            }
            Some(_) => {
                out.push(b);
                i += 1;
            }
            None => {
                out.extend_from_slice(&[ESCAPE, b]);
                i += 1;
            }
        }
    }
}

/// Reads the file form of an instruction stream of exactly `len` bytes from `input`; returns the
/// bytes and how much of `input` they took, or the offset in `input` where it is malformed.
/// The caller has checked `len` against the input (each byte of it expands to at most two).
pub(crate) fn unpack_code(input: &[u8], len: usize) -> Result<(Vec<u8>, usize), usize> {
    let mut code = Vec::with_capacity(len);
    let mut i = 0;
    while code.len() < len {
        let at = i;
        let b = *input.get(i).ok_or(at)?;
        i += 1;
        match UNPACK[b as usize] {
            Unpacked::Raw => {
                code.push(b);
                if Op::from_byte(b).is_some_and(Op::has_arg) && code.len() < len {
                    code.push(*input.get(i).ok_or(i)?);
                    i += 1;
                }
            }
            Unpacked::Pair(op, arg) if code.len() + 2 <= len => code.extend_from_slice(&[op, arg]),
            Unpacked::Escape if input.get(i).is_some_and(|&x| Op::from_byte(x).is_none()) => {
                code.push(input[i]);
                i += 1;
            }
            _ => return Err(at),
        }
    }
    Ok((code, i))
}

// ----- line tables --------------------------------------------------------------------------------

// In memory a line table entry is two varints (offset delta, zig-zag line delta). In a file an
// entry whose offset delta is below `SHORT_ADDRS` and whose line delta is 1..=`SHORT_LINES` is one
// byte below `LONG`; any other is `LONG | offset delta` (`LONG + 63` when that is 63 or more,
// with the delta after it as a varint), then the zig-zag line delta as a varint.
const SHORT_ADDRS: u64 = 32;
const SHORT_LINES: i64 = 6;
const LONG: u8 = 0xc0;
const _: () = assert!(SHORT_ADDRS * SHORT_LINES as u64 <= LONG as u64);

fn zigzag(d: i64) -> u64 {
    ((d << 1) ^ (d >> 63)) as u64
}

fn unzigzag(z: u64) -> i64 {
    ((z >> 1) as i64) ^ -((z & 1) as i64)
}

/// Reads an unsigned LEB128 varint of at most 64 bits at `*i` (the verifier reads line tables
/// with it too).
pub(crate) fn varint(bytes: &[u8], i: &mut usize) -> Option<u64> {
    let mut v: u64 = 0;
    for k in 0..10 {
        let b = *bytes.get(*i)?;
        *i += 1;
        if k == 9 && b > 1 {
            return None;
        }
        v |= ((b & 0x7f) as u64) << (7 * k);
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// The entries of an in-memory line table if it is in the form `LineTableBuilder` writes
/// (shortest varints), which is the only form the file encodes entry by entry.
fn line_entries(table: &[u8]) -> Option<Vec<(u64, i64)>> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut again = Vec::new();
    while i < table.len() {
        let a = varint(table, &mut i)?;
        let d = unzigzag(varint(table, &mut i)?);
        out.push((a, d));
        crate::code::write_varint(&mut again, a);
        crate::code::write_varint(&mut again, zigzag(d));
    }
    (again == table).then_some(out)
}

/// Appends the file form of a line table: `2 * entries` and the entries, or (for a table not in
/// the form the compiler writes: only hand-made code has one) `2 * length + 1` and its bytes.
pub(crate) fn pack_lines(table: &[u8], out: &mut Vec<u8>) {
    let Some(entries) = line_entries(table) else {
        crate::code::write_varint(out, 2 * table.len() as u64 + 1);
        out.extend_from_slice(table);
        return;
    };
    crate::code::write_varint(out, 2 * entries.len() as u64);
    for (a, d) in entries {
        if a < SHORT_ADDRS && (1..=SHORT_LINES).contains(&d) {
            out.push((a * SHORT_LINES as u64) as u8 + (d - 1) as u8);
        } else {
            if a < 63 {
                out.push(LONG | a as u8);
            } else {
                out.push(LONG | 63);
                crate::code::write_varint(out, a);
            }
            crate::code::write_varint(out, zigzag(d));
        }
    }
}

/// Reads the entries of a line table written by `pack_lines` (`n` of them, checked by the caller
/// against the input, each taking at least one byte) into the in-memory form. Returns the table
/// and how much of `input` it took, or the offset in `input` where it is malformed.
pub(crate) fn unpack_lines(input: &[u8], n: usize) -> Result<(Vec<u8>, usize), usize> {
    let mut table = Vec::with_capacity(2 * n);
    let mut i = 0;
    for _ in 0..n {
        let at = i;
        let b = *input.get(i).ok_or(at)?;
        i += 1;
        let (a, z) = if b < LONG {
            let (a, d) = (b as u64 / SHORT_LINES as u64, (b as i64 % SHORT_LINES) + 1);
            (a, zigzag(d))
        } else {
            let a = if b == LONG | 63 { varint(input, &mut i).ok_or(at)? } else { (b & 63) as u64 };
            (a, varint(input, &mut i).ok_or(at)?)
        };
        crate::code::write_varint(&mut table, a);
        crate::code::write_varint(&mut table, z);
    }
    Ok((table, i))
}

// ----- string text --------------------------------------------------------------------------------

// The bytes of the strings a file spells out are one bit stream, each byte in a canonical Huffman
// code whose code lengths are below (most text and names take five bits a byte or less); the
// stream ends at a byte boundary, padded with zero bits.
// From bench/string_model.py (31669 bytes of tests/cases strings).
#[rustfmt::skip]
pub(crate) const STRING_CODE_LENGTHS: [u8; 256] = [
    13, 14, 15, 15, 15, 15, 15, 14, 14, 11, 10, 14, 14, 13, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 14,
    5, 12, 11, 12, 15, 12, 15, 10, 9, 9, 10, 11, 9, 9, 8, 11, 8, 8, 9, 10, 11, 10, 11, 11, 11, 11, 8, 13, 11, 10, 10, 14,
    15, 9, 10, 10, 10, 7, 11, 11, 12, 9, 15, 10, 10, 11, 10, 11, 11, 13, 10, 10, 8, 12, 9, 13, 12, 13, 11, 10, 12, 10, 12, 5,
    15, 4, 6, 5, 5, 3, 6, 6, 6, 4, 10, 7, 5, 6, 4, 4, 5, 10, 4, 4, 4, 5, 7, 7, 6, 6, 9, 10, 12, 10, 15, 13,
    12, 14, 14, 13, 15, 13, 15, 14, 15, 14, 15, 14, 15, 15, 15, 15, 15, 15, 15, 13, 15, 15, 15, 13, 13, 15, 15, 15, 12, 15, 14, 13,
    13, 14, 14, 13, 15, 13, 15, 15, 14, 11, 14, 14, 12, 15, 15, 14, 14, 13, 14, 15, 15, 15, 14, 15, 15, 15, 15, 15, 14, 14, 15, 15,
    15, 15, 13, 10, 14, 15, 15, 14, 15, 15, 15, 15, 14, 15, 13, 14, 15, 15, 15, 15, 15, 15, 15, 15, 15, 13, 15, 15, 15, 15, 15, 15,
    15, 15, 12, 15, 15, 15, 12, 15, 14, 15, 15, 15, 15, 15, 15, 14, 13, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,
];

const MAX_CODE_LEN: usize = 15;

/// The canonical code: `COUNTS[n]` codes of `n` bits, given to `SYMBOLS` in order (by length,
/// then by byte value), and each byte's code and length.
struct Canonical {
    counts: [u16; MAX_CODE_LEN + 1],
    symbols: [u8; 256],
    codes: [(u16, u8); 256],
}

const CANONICAL: Canonical = canonical();

const fn canonical() -> Canonical {
    let mut c = Canonical { counts: [0; MAX_CODE_LEN + 1], symbols: [0; 256], codes: [(0, 0); 256] };
    let mut b = 0;
    while b < 256 {
        c.counts[STRING_CODE_LENGTHS[b] as usize] += 1;
        b += 1;
    }
    let mut next = 0;
    let mut code: u16 = 0;
    let mut len = 1;
    while len <= MAX_CODE_LEN {
        let mut b = 0;
        while b < 256 {
            if STRING_CODE_LENGTHS[b] as usize == len {
                c.symbols[next] = b as u8;
                c.codes[b] = (code, len as u8);
                next += 1;
                code += 1;
            }
            b += 1;
        }
        code <<= 1;
        len += 1;
    }
    c
}

/// The fewest bits a byte of text takes: a declared length of text is refused before anything
/// is allocated for it unless the input holds at least this many bits a byte.
pub(crate) const MIN_BITS_PER_BYTE: usize = min_code_len();

const fn min_code_len() -> usize {
    let mut m = MAX_CODE_LEN;
    let mut b = 0;
    while b < 256 {
        if (STRING_CODE_LENGTHS[b] as usize) < m {
            m = STRING_CODE_LENGTHS[b] as usize;
        }
        b += 1;
    }
    m
}

/// Writes text into the bit stream.
pub(crate) struct TextWriter {
    out: Vec<u8>,
    acc: u32,
    bits: u32,
}

impl TextWriter {
    pub(crate) fn new() -> TextWriter {
        TextWriter { out: Vec::new(), acc: 0, bits: 0 }
    }

    pub(crate) fn write(&mut self, text: &[u8]) {
        for &b in text {
            let (code, len) = CANONICAL.codes[b as usize];
            self.acc = (self.acc << len) | code as u32;
            self.bits += len as u32;
            while self.bits >= 8 {
                self.bits -= 8;
                self.out.push((self.acc >> self.bits) as u8);
            }
            self.acc &= (1 << self.bits) - 1;
        }
    }

    /// The stream, padded to a whole byte.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        if self.bits > 0 {
            self.out.push((self.acc << (8 - self.bits)) as u8);
        }
        self.out
    }
}

/// Reads text from the bit stream at the start of `input`.
pub(crate) struct TextReader<'a> {
    input: &'a [u8],
    bit: usize,
}

impl<'a> TextReader<'a> {
    pub(crate) fn new(input: &'a [u8]) -> TextReader<'a> {
        TextReader { input, bit: 0 }
    }

    /// The next `n` bytes of text; `None` if the stream ends first. The caller has checked `n`
    /// against the input (`MIN_BITS_PER_BYTE`).
    pub(crate) fn read(&mut self, n: usize) -> Option<Vec<u8>> {
        let mut text = Vec::with_capacity(n);
        for _ in 0..n {
            // Canonical decoding: the codes of each length follow those of the one before.
            let (mut code, mut first, mut index) = (0usize, 0usize, 0usize);
            let mut len = 1;
            loop {
                let byte = *self.input.get(self.bit / 8)?;
                code |= ((byte >> (7 - self.bit % 8)) & 1) as usize;
                self.bit += 1;
                let count = CANONICAL.counts[len] as usize;
                if code < first + count {
                    text.push(CANONICAL.symbols[index + code - first]);
                    break;
                }
                // The code is complete (its lengths fill the code space), so some length up to
                // the longest always matches.
                index += count;
                first = (first + count) << 1;
                code <<= 1;
                len += 1;
                if len > MAX_CODE_LEN {
                    return None;
                }
            }
        }
        Some(text)
    }

    /// How many bytes of the input the stream has taken so far (a partly read byte counts).
    pub(crate) fn bytes_used(&self) -> usize {
        self.bit.div_ceil(8)
    }
}

/// A digest of the tables above, pinned by a test to the format version.
#[cfg(test)]
pub(crate) fn tables_digest() -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |bytes: &[u8]| {
        for &b in bytes.iter().chain(&[0xff]) {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for s in KNOWN_STRINGS {
        mix(s.as_bytes());
    }
    for &(op, first, count) in PACKED {
        mix(op.name().as_bytes());
        mix(&[first, count]);
    }
    mix(&[ESCAPE, SHORT_ADDRS as u8, SHORT_LINES as u8, LONG]);
    mix(&STRING_CODE_LENGTHS);
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_strings_are_distinct() {
        let mut v = KNOWN_STRINGS.to_vec();
        v.sort_unstable();
        v.dedup();
        assert_eq!(v.len(), KNOWN_STRINGS.len());
    }

    #[test]
    fn packed_pairs_take_operands_and_fit() {
        for &(op, first, count) in PACKED {
            assert!(op.has_arg(), "{}", op.name());
            assert!(count > 0 && first as usize + count as usize <= 256);
        }
        // Most of the table is usable with today's opcodes.
        let usable = UNPACK.iter().filter(|u| matches!(u, Unpacked::Pair(..))).count();
        assert!(usable >= 100, "only {usable} packed pairs fit");
    }

    #[test]
    fn instruction_streams_round_trip() {
        let lf = Op::LoadFast as u8;
        let samples: Vec<Vec<u8>> = vec![
            vec![],
            vec![lf, 0, lf, 200, Op::Return as u8],
            vec![Op::ExtendedArg as u8, 1, lf, 3, Op::Pop as u8],
            vec![lf],                    // a truncated instruction
            vec![250, lf, 1, 255, 0xfe], // bytes that are no opcode
            (0..=255).collect(),
        ];
        for code in samples {
            let mut out = Vec::new();
            pack_code(&code, &mut out);
            out.push(0x42); // what follows the stream is not read
            let (back, used) = unpack_code(&out, code.len()).unwrap();
            assert_eq!(back, code);
            assert_eq!(used, out.len() - 1);
        }
        let mut out = Vec::new();
        pack_code(&[lf, 0, lf, 1], &mut out);
        assert_eq!(out.len(), 2);
        // A pair that would run past the declared length, and an escaped opcode, are refused.
        assert_eq!(unpack_code(&out, 3), Err(1));
        assert_eq!(unpack_code(&[ESCAPE, lf], 1), Err(0));
        assert_eq!(unpack_code(&[lf], 2), Err(1));
    }

    #[test]
    fn the_string_code_is_complete() {
        let space: u64 = STRING_CODE_LENGTHS.iter().map(|&n| 1u64 << (MAX_CODE_LEN - n as usize)).sum();
        assert_eq!(space, 1 << MAX_CODE_LEN);
        assert!(STRING_CODE_LENGTHS.iter().all(|&n| n >= 1 && n as usize <= MAX_CODE_LEN));
    }

    #[test]
    fn text_round_trips() {
        let texts: [&[u8]; 4] = [b"hello, world", b"", &(0..=255).collect::<Vec<u8>>(), "caf\u{e9} \0".as_bytes()];
        let mut w = TextWriter::new();
        for t in texts {
            w.write(t);
        }
        let stream = w.finish();
        let mut r = TextReader::new(&stream);
        for t in texts {
            assert_eq!(r.read(t.len()).as_deref(), Some(t));
        }
        assert_eq!(r.bytes_used(), stream.len());
        // English text takes well under a byte a byte; a stream cut short is refused.
        assert!(stream.len() < 12 + 256 * 2);
        let mut r = TextReader::new(&stream[..3]);
        assert_eq!(r.read(12), None);
    }

    #[test]
    fn line_tables_round_trip() {
        let mut b = crate::code::LineTableBuilder::new(10);
        for (o, l) in [(0, 11), (2, 12), (40, 13), (41, 100), (42, 5), (1000, 6), (1001, 7)] {
            b.add(o, l);
        }
        let good = b.finish();
        for table in [vec![], good, vec![0x80], vec![0x80, 0x00, 0x02]] {
            let mut out = Vec::new();
            pack_lines(&table, &mut out);
            let mut i = 0;
            let v = varint(&out, &mut i).unwrap() as usize;
            let back = if v.is_multiple_of(2) {
                let (t, used) = unpack_lines(&out[i..], v / 2).unwrap();
                assert_eq!(i + used, out.len());
                t
            } else {
                out[i..].to_vec()
            };
            assert_eq!(back, table);
        }
    }
}
