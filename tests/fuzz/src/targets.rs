//! The fuzz targets as plain functions: each takes the fuzzer's bytes and panics only on a bug.
//! `cargo fuzz` drives them through `fuzz_targets/*.rs`; `compiler/tests/fuzz_corpus.rs` includes
//! this file and replays the committed corpus through the same functions.
//!
//! Not here yet: a `run` target (source executed under fuel, memory and depth limits), which
//! waits for the VM to have an instruction budget: without one, a generated `while True: pass`
//! would hang the fuzzer.

use coro_compiler::bytecode_file;

/// Source text: parsing never panics (nor overflows the stack), whatever the bytes.
pub fn parse(data: &[u8]) {
    if let Ok(source) = std::str::from_utf8(data) {
        let arena = bumpalo::Bump::new();
        let _ = coro_compiler::parser::parse_module(&arena, source);
    }
}

/// Source text: compiling never panics, and what it produces verifies.
pub fn compile(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else { return };
    if let Ok(code) = coro_compiler::compile_module(source, "fuzz.py") {
        if let Err(e) = coro_compiler::verify::verify(&code) {
            panic!("the compiler's output does not verify: {e}");
        }
    }
}

/// Raw bytes as a bytecode file: loading never panics; what loads saves and loads back the same.
pub fn load(data: &[u8]) {
    if let Ok(code) = bytecode_file::load(data) {
        let saved = bytecode_file::save(&code);
        let again = bytecode_file::load(&saved).unwrap_or_else(|e| panic!("a loaded file saved again is refused: {e}"));
        assert_eq!(bytecode_file::save(&again), saved, "save/load/save is not stable");
    }
}

/// Source text: compile, save, load, save gives identical bytes, and the loaded code is the
/// compiled code. (Running both and comparing behaviour waits for the `run` target's limits.)
pub fn round_trip(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else { return };
    let Ok(code) = coro_compiler::compile_module(source, "fuzz.py") else { return };
    let saved = bytecode_file::save(&code);
    assert_eq!(bytecode_file::save(&code), saved, "saving is not deterministic");
    let loaded = bytecode_file::load(&saved).unwrap_or_else(|e| panic!("compiled code does not load back: {e}"));
    assert_eq!(bytecode_file::save(&loaded), saved, "compile/save/load/save differs");
}
