//! Hostile bytecode files: every truncation and single-byte change of the compiled example
//! programs is loaded (decode + verify) and must be refused with an error or verify, never panic;
//! hand-made files break each verifier and loader rule once and must be refused with the
//! message for that rule.
//!
//! What this covers: the loader and the verifier only. Whether mutants that verify also *run*
//! safely is checked by `vm/tests/bytecode_files.rs`, which runs every one of them in-process
//! under fuel, memory and depth limits (and a sample with the real binary, unbounded).

use coro_compiler::bytecode_file::{self, LoadError, MAGIC};
use coro_compiler::code::{Code, CodeFlags, Const, ExceptionEntry};
use coro_compiler::opcode::{Op, OP_COUNT};
use coro_compiler::verify::{self, MAX_STACK};
use std::path::PathBuf;
use std::rc::Rc;

fn programs() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../programs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("programs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "expected the example programs in {}", dir.display());
    files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let src = std::fs::read_to_string(p).unwrap();
            let code = coro_compiler::compile_module(&src, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, bytecode_file::save(&code))
        })
        .collect()
}

/// Loads `bytes` and says whether they verified; a panic fails the test with the mutant named.
fn load_outcome(bytes: &[u8], what: &dyn Fn() -> String) -> bool {
    match std::panic::catch_unwind(|| bytecode_file::load(bytes).is_ok()) {
        Ok(ok) => ok,
        Err(_) => panic!("loading panicked: {}", what()),
    }
}

#[test]
fn every_truncation_is_refused() {
    for (name, bytes) in programs() {
        assert!(bytecode_file::load(&bytes).is_ok(), "{name} does not load");
        for len in 0..bytes.len() {
            assert!(
                !load_outcome(&bytes[..len], &|| format!("{name} cut to {len} bytes")),
                "{name} cut to {len} of {} bytes loaded",
                bytes.len()
            );
        }
    }
}

/// Every byte of every program replaced by each of the 255 other values. In a debug build this
/// takes a while, so the default run tries 8 replacements per byte (bit flips and the extremes)
/// and `CORO_ALL_BYTE_VALUES=1` tries all 255.
#[test]
fn every_single_byte_change_is_refused_or_verifies() {
    let all = std::env::var_os("CORO_ALL_BYTE_VALUES").is_some();
    let mut tried = 0usize;
    let mut verified = 0usize;
    for (name, bytes) in programs() {
        let mut m = bytes.clone();
        for i in 0..bytes.len() {
            let orig = bytes[i];
            let values: Vec<u8> = if all {
                (0..=255u8).filter(|v| *v != orig).collect()
            } else {
                let mut v = vec![
                    orig ^ 1,
                    orig ^ 2,
                    orig ^ 0x10,
                    orig ^ 0x80,
                    0,
                    0xff,
                    orig.wrapping_add(1),
                    orig.wrapping_sub(1),
                ];
                v.retain(|x| *x != orig);
                v.sort_unstable();
                v.dedup();
                v
            };
            for v in values {
                m[i] = v;
                tried += 1;
                if load_outcome(&m, &|| format!("{name} with byte {i} changed from {orig} to {v}")) {
                    verified += 1;
                }
            }
            m[i] = orig;
        }
    }
    eprintln!("single-byte changes: {tried} tried, {verified} verified, {} refused", tried - verified);
    assert!(verified < tried);
}

// ----- hand-made code objects, one broken rule each ----------------------------------------------

fn base(code: Vec<u8>) -> Code {
    Code {
        name: "f".into(),
        qualname: "f".into(),
        filename: "hand.py".into(),
        first_line: 1,
        flags: CodeFlags { is_function: true, ..CodeFlags::default() },
        argcount: 1,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        varnames: vec!["a".into(), "b".into()],
        cellvars: vec![],
        cell_params: vec![],
        freevars: vec![],
        names: vec!["x".into()],
        consts: vec![Const::None, Const::Tuple(Rc::from(vec![Const::Str("k".into())]))],
        code,
        max_stack: 4,
        exception_table: vec![],
        line_table: vec![],
    }
}

fn op(o: Op) -> u8 {
    o as u8
}

const RET_NONE: [u8; 2] = [Op::LoadNone as u8, Op::Return as u8];

fn ret(mut code: Vec<u8>) -> Vec<u8> {
    code.extend_from_slice(&RET_NONE);
    code
}

/// Saves `c` to a file, loads it, and checks it is refused by the verifier with `needle` in the
/// message. (The writer writes whatever it is given; only loading checks.)
fn refused(c: Code, needle: &str) {
    let bytes = bytecode_file::save(&c);
    match bytecode_file::load(&bytes) {
        Err(LoadError::Verify(e)) => {
            let msg = e.to_string();
            assert!(msg.contains(needle), "expected {needle:?} in {msg:?}");
            assert!(msg.starts_with("code object '"), "{msg}");
        }
        other => panic!("expected a verifier error with {needle:?}, got {other:?}"),
    }
}

#[test]
fn the_base_code_verifies() {
    verify::verify(&base(ret(vec![]))).unwrap();
    let mut c = base(ret(vec![op(Op::LoadConst), 0, op(Op::Pop)]));
    c.exception_table = vec![ExceptionEntry { start: 0, end: 2, handler: 3, depth: 0 }];
    verify::verify(&c).unwrap();
}

#[test]
fn signature_rules() {
    let mut c = base(ret(vec![]));
    c.argcount = 2;
    c.flags.varargs = true;
    refused(c, "parameters but only 2 locals");
    let mut c = base(ret(vec![]));
    c.posonlyargcount = 2;
    refused(c, "positional-only");
    let mut c = base(ret(vec![]));
    c.cellvars = vec!["a".into()];
    c.cell_params = vec![(0, 1)];
    refused(c, "cell parameter (0, 1)");
    let mut c = base(ret(vec![]));
    c.max_stack = MAX_STACK + 1;
    refused(c, "exceeds the limit");
}

#[test]
fn decoding_rules() {
    refused(base(vec![OP_COUNT as u8]), "offset 0: undecodable instruction");
    refused(base(vec![op(Op::LoadNone), op(Op::LoadConst)]), "offset 1: undecodable instruction");
    refused(base(ret(vec![op(Op::ExtendedArg), 0, op(Op::Nop)])), "ExtendedArg before Nop");
    let four_prefixes =
        vec![op(Op::ExtendedArg), 1, op(Op::ExtendedArg), 0, op(Op::ExtendedArg), 0, op(Op::ExtendedArg), 0];
    let mut code = four_prefixes;
    code.extend_from_slice(&[op(Op::LoadSmallInt), 0, op(Op::Pop)]);
    refused(base(ret(code)), "undecodable instruction");
    refused(base(vec![op(Op::LoadNone), op(Op::Pop)]), "runs off the end");
    refused(base(vec![]), "empty code");
}

#[test]
fn index_rules() {
    refused(base(ret(vec![op(Op::LoadConst), 2, op(Op::Pop)])), "LoadConst constant index 2 out of range");
    refused(base(ret(vec![op(Op::LoadGlobal), 1, op(Op::Pop)])), "LoadGlobal name index 1 out of range");
    refused(base(ret(vec![op(Op::LoadFast), 2, op(Op::Pop)])), "LoadFast local index 2 out of range");
    refused(base(ret(vec![op(Op::LoadDeref), 0, op(Op::Pop)])), "LoadDeref cell index 0 out of range");
    // An index made large with a prefix is still checked.
    refused(base(ret(vec![op(Op::ExtendedArg), 1, op(Op::LoadConst), 0, op(Op::Pop)])), "constant index 256");
}

#[test]
fn jump_rules() {
    // 0: Jump 3 lands inside the LoadSmallInt at 2.
    refused(
        base(ret(vec![op(Op::Jump), 3, op(Op::LoadSmallInt), 0, op(Op::Pop)])),
        "target 3 is not an instruction start",
    );
    refused(base(ret(vec![op(Op::Jump), 200])), "target 200");
    // A prefixed instruction starts at its first prefix: jumping past the prefix is refused.
    let code = ret(vec![op(Op::Jump), 4, op(Op::ExtendedArg), 0, op(Op::LoadSmallInt), 1, op(Op::Pop)]);
    refused(base(code), "target 4 is not an instruction start");
    // Only the jumps the VM charges fuel for go backwards (a loop of the others would run
    // without end under any fuel limit).
    let back = |o: Op| ret(vec![op(Op::LoadNone), op(Op::LoadNone), op(o), 0, op(Op::Pop)]);
    refused(base(back(Op::JumpIfTrueOrPop)), "JumpIfTrueOrPop jumps backwards");
    refused(base(back(Op::JumpIfFalseOrPop)), "JumpIfFalseOrPop jumps backwards");
    let code = ret(vec![op(Op::LoadNone), op(Op::GetIter), op(Op::ForIter), 2, op(Op::Pop), op(Op::Jump), 2]);
    refused(base(code), "ForIter jumps backwards");
    let code = ret(vec![op(Op::LoadNone), op(Op::PopJumpIfTrue), 0]);
    verify::verify(&base(code)).unwrap();
}

#[test]
fn operand_rules() {
    refused(
        base(ret(vec![op(Op::LoadNone), op(Op::LoadNone), op(Op::BuildSlice), 4, op(Op::Pop)])),
        "BuildSlice operand 4",
    );
    refused(base(vec![op(Op::LoadNone), op(Op::Raise), 3]), "Raise operand 3");
    refused(
        base(ret(vec![op(Op::LoadNone), op(Op::LoadNone), op(Op::BinaryOp), 13, op(Op::Pop)])),
        "BinaryOp operand 13",
    );
    refused(base(ret(vec![op(Op::LoadNone), op(Op::Copy), 0, op(Op::Pop), op(Op::Pop)])), "Copy operand 0");
    refused(base(ret(vec![op(Op::LoadNone), op(Op::Yield), op(Op::Pop)])), "Yield outside generator code");
    let mut gen = base(ret(vec![op(Op::LoadNone), op(Op::Yield), op(Op::Pop)]));
    gen.flags.generator = true;
    verify::verify(&gen).unwrap();
}

#[test]
fn stack_rules() {
    refused(base(ret(vec![op(Op::Pop)])), "Pop pops 1 with 0 on the stack");
    let mut c = base(ret(vec![op(Op::LoadNone), op(Op::LoadNone), op(Op::Pop), op(Op::Pop)]));
    c.max_stack = 1;
    refused(c, "stack depth 2 exceeds max_stack 1");
    // Two paths reach offset 6 with depths 0 and 1.
    let code = ret(vec![op(Op::LoadNone), op(Op::PopJumpIfTrue), 6, op(Op::LoadNone), op(Op::Jump), 6]);
    refused(base(code), "offset 6: stack depth differs where paths meet");
    // ListAppend 2 addresses the slot 2 below the popped value: only 1 is there.
    refused(
        base(ret(vec![op(Op::LoadNone), op(Op::LoadNone), op(Op::ListAppend), 2, op(Op::Pop)])),
        "ListAppend reaches 3 deep",
    );
    let code = ret(vec![op(Op::LoadNone), op(Op::LoadNone), op(Op::Copy), 3, op(Op::Pop), op(Op::Pop), op(Op::Pop)]);
    refused(base(code), "Copy pops 3 with 2 on the stack");
}

#[test]
fn exception_table_rules() {
    let body = ret(vec![op(Op::LoadConst), 0, op(Op::Pop)]);
    let with = |e: ExceptionEntry| {
        let mut c = base(body.clone());
        c.exception_table = vec![e];
        c
    };
    refused(with(ExceptionEntry { start: 1, end: 2, handler: 3, depth: 0 }), "exception range 1..2");
    refused(with(ExceptionEntry { start: 2, end: 2, handler: 3, depth: 0 }), "exception range 2..2");
    refused(with(ExceptionEntry { start: 0, end: 9, handler: 3, depth: 0 }), "exception range 0..9");
    refused(with(ExceptionEntry { start: 0, end: 2, handler: 1, depth: 0 }), "handler 1 is not an instruction start");
    refused(with(ExceptionEntry { start: 0, end: 2, handler: 3, depth: 4 }), "handler depth 4 leaves no room");
    // A handler before (or inside) its range could loop back without a jump, without fuel.
    let mut c = base(ret(vec![op(Op::LoadNone), op(Op::Pop), op(Op::LoadConst), 0, op(Op::Pop)]));
    c.exception_table = vec![ExceptionEntry { start: 2, end: 5, handler: 0, depth: 0 }];
    refused(c, "exception handler 0 is not after its range");
    refused(
        with(ExceptionEntry { start: 0, end: 3, handler: 2, depth: 0 }),
        "exception handler 2 is not after its range",
    );
    // An instruction that may raise (LoadGlobal) below its handler's depth of 1.
    let mut c = base(ret(vec![op(Op::LoadGlobal), 0, op(Op::Pop)]));
    c.exception_table = vec![ExceptionEntry { start: 0, end: 2, handler: 3, depth: 1 }];
    refused(c, "LoadGlobal may raise with 0 on the stack, below its handler's depth 1");
    // The handler is entered with depth + 1 (the exception): a handler that pops two underflows.
    let mut c =
        base(vec![op(Op::LoadGlobal), 0, op(Op::Return), op(Op::Pop), op(Op::Pop), op(Op::LoadNone), op(Op::Return)]);
    c.exception_table = vec![ExceptionEntry { start: 0, end: 2, handler: 3, depth: 0 }];
    refused(c, "offset 4: Pop pops 1 with 0 on the stack");
}

#[test]
fn kind_rules() {
    // MakeFunction needs a code constant on top.
    refused(
        base(ret(vec![op(Op::LoadConst), 0, op(Op::MakeFunction), 0, op(Op::Pop)])),
        "MakeFunction without a code constant",
    );
    // A child with a free variable needs a closure of exactly one cell.
    let mut child = base(ret(vec![]));
    child.qualname = "f.<locals>.g".into();
    child.freevars = vec!["v".into()];
    let mut c = base(ret(vec![op(Op::LoadConst), 2, op(Op::MakeFunction), 0, op(Op::Pop)]));
    c.consts.push(Const::Code(Rc::new(child.clone())));
    refused(c.clone(), "MakeFunction of 'f.<locals>.g' needs a closure of 1 cells");
    c.cellvars = vec!["v".into()];
    c.code = ret(vec![
        op(Op::LoadClosure),
        0,
        op(Op::LoadClosure),
        0,
        op(Op::BuildTuple),
        2,
        op(Op::LoadConst),
        2,
        op(Op::MakeFunction),
        4,
        op(Op::Pop),
    ]);
    refused(c.clone(), "without a closure of its 1 cells");
    c.code = ret(vec![
        op(Op::LoadClosure),
        0,
        op(Op::BuildTuple),
        1,
        op(Op::LoadConst),
        2,
        op(Op::MakeFunction),
        4,
        op(Op::Pop),
    ]);
    verify::verify(&c).unwrap();
    // CallKw needs a constant tuple of names, no more of them than arguments.
    let call = |nargs: u8, names: u8| {
        ret(vec![op(Op::LoadNone), op(Op::LoadNone), op(Op::LoadConst), names, op(Op::CallKw), nargs, op(Op::Pop)])
    };
    refused(base(call(0, 1)), "CallKw without a constant tuple");
    refused(base(call(1, 0)), "CallKw without a constant tuple");
    verify::verify(&base(call(1, 1))).unwrap();
}

#[test]
fn line_table_rules() {
    let mut c = base(ret(vec![]));
    c.line_table = vec![0x80];
    refused(c, "line table entry at byte 0 is malformed");
    let mut c = base(ret(vec![]));
    c.line_table = vec![3, 2];
    refused(c, "line table");
    let mut c = base(ret(vec![]));
    c.line_table = vec![0, 3]; // line 1 - 2 = -1
    refused(c, "line table");
}

#[test]
fn nested_code_is_verified_and_named() {
    let mut child = base(vec![op(Op::Pop)]);
    child.qualname = "f.<locals>.inner".into();
    let mut c = base(ret(vec![]));
    c.consts.push(Const::Code(Rc::new(child)));
    refused(c, "code object 'f.<locals>.inner' (line 1), offset 0: Pop pops 1");
}

// ----- loader rules ----------------------------------------------------------------------------

fn malformed(bytes: &[u8], needle: &str) {
    match bytecode_file::load(bytes) {
        Err(e @ LoadError::Malformed { .. }) => assert!(e.to_string().contains(needle), "expected {needle:?} in {e}"),
        other => panic!("expected a malformed-file error with {needle:?}, got {other:?}"),
    }
}

#[test]
fn loader_rules() {
    let good = bytecode_file::save(&base(ret(vec![])));
    assert!(bytecode_file::load(&good).is_ok());
    assert_eq!(bytecode_file::load(b"corx"), Err(LoadError::NotBytecode));
    assert_eq!(bytecode_file::load(&MAGIC[..3]), Err(LoadError::NotBytecode));
    malformed(&good[..6], "unexpected end of file");
    let mut extra = good.clone();
    extra.push(0);
    malformed(&extra, "bytes after the module's code object");
    // The string table, after 9 bytes of header (its text is checked to be UTF-8 by a unit
    // test in bytecode_file.rs, which can write the bit stream).
    let strings_at = 9;
    let mut huge = good[..strings_at].to_vec();
    huge.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
    malformed(&huge, "exceeds the bytes that remain");
    let mut too_long = good[..strings_at].to_vec();
    too_long.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x7f]);
    malformed(&too_long, "number too large");
}

#[test]
fn loader_refuses_bad_constants_flags_and_indices() {
    // Build a module by hand: one string, a code object with one constant of `tag`.
    let module = |shape: &[u8], tag: &[u8], name_index: u8| {
        let mut b = bytecode_file::save(&base(ret(vec![])))[..9].to_vec();
        b.extend_from_slice(&[1, 1]); // strings: ["<module>"] (the first well-known string)
        b.push(name_index);
        b.extend_from_slice(shape);
        b.extend_from_slice(&[0, 2, 0]); // file name, first line 1, no arguments
        b.extend_from_slice(&[0, 0]); // varnames, names
        b.push(1); // one constant
        b.extend_from_slice(tag);
        b.extend_from_slice(&[2, RET_NONE[0], RET_NONE[1], 1, 0]); // code, max_stack, no lines
        b
    };
    assert!(bytecode_file::load(&module(&[0], &[0], 0)).is_ok());
    assert!(bytecode_file::load(&module(&[0], &[64], 0)).is_ok()); // the string "<module>"
    malformed(&module(&[0x80, 0x10], &[0], 0), "unknown code flags");
    malformed(&module(&[0], &[0], 5), "string index 5 out of range");
    malformed(&module(&[0], &[11], 0), "unknown constant tag 11");
    malformed(&module(&[0], &[65], 0), "string index 1 out of range");
    malformed(&module(&[0], &[7, 0], 0), "string index 192 out of range");
    malformed(&module(&[0], &[5, 0], 0), "malformed big-int constant"); // not digits
    malformed(&module(&[0], &[8, 1, 10], 0), "a code object inside a constant tuple");
}
