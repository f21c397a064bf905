//! The fuzz targets as plain functions: each takes the fuzzer's bytes and panics only on a bug.
//! `cargo fuzz` drives them through `fuzz_targets/*.rs`; `vm/tests/fuzz_corpus.rs` includes this
//! file and replays the committed corpus through the same functions.
//!
//! Scripts run under fuel, memory and call-depth limits (`limited_runtime`), without the `time`
//! module (its `sleep` would block the fuzzer), printing into a capped buffer: a run may end any
//! way a script can (returned, raised, out of fuel) but not by a panic or a hang.

use coro_compiler::bytecode_file;
use coro_vm::embed::{ErrorKind, Runtime, Step};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// About one unit an instruction (see `Runtime::set_fuel`).
pub const FUEL: u64 = 100_000;
pub const MEMORY: usize = 16 << 20;
pub const DEPTH: usize = 200;
/// Output kept for comparison; beyond it output is only counted.
const OUTPUT_CAP: usize = 64 << 10;
/// Every built-in module but `time`.
const MODULES: [&str; 9] =
    ["sys", "math", "itertools", "functools", "collections", "enum", "typing", "inspect", "asyncio"];

/// What a script wrote: the first `OUTPUT_CAP` bytes and how many there were in all. Clones share
/// the record.
#[derive(Clone, Default)]
struct Output(Rc<RefCell<(Vec<u8>, usize)>>);

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut o = self.0.borrow_mut();
        o.1 += buf.len();
        let room = OUTPUT_CAP.saturating_sub(o.0.len());
        o.0.extend_from_slice(&buf[..buf.len().min(room)]);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A runtime for untrusted scripts: the limits above, output into `out`.
fn limited_runtime(out: &Output) -> Runtime {
    Runtime::builder()
        .stdout(out.clone())
        .stderr(out.clone())
        .fuel(FUEL)
        .memory_limit(MEMORY)
        .recursion_limit(DEPTH)
        .std_modules(MODULES)
        .build()
}

/// How a run ended, as text, with what it printed: two runs of the same code give equal ones.
fn ending(r: Result<Step, coro_vm::embed::Error>, out: &Output) -> String {
    let how = match r {
        Ok(Step::Returned(_)) => "returned".to_string(),
        Ok(Step::Yielded(_)) => "yielded".to_string(),
        Ok(Step::OutOfFuel(_)) => "out of fuel".to_string(),
        Ok(Step::Suspended(_)) => "suspended".to_string(),
        Err(e) => {
            // Scripts may fail in every way a script can, and their source may not compile;
            // nothing else (a conversion or usage error) can come out of running one.
            assert!(matches!(e.kind(), ErrorKind::Exception | ErrorKind::Syntax), "unclean error: {e:?}");
            format!("{:?}: {}\n{}", e.kind(), e.summary(), e.traceback())
        }
    };
    let o = out.0.borrow();
    format!("{how}\n{} bytes of output:\n{}", o.1, String::from_utf8_lossy(&o.0))
}

/// Runs verified `code` as `__main__` in a fresh limited runtime.
pub fn run_code(code: Rc<coro_compiler::Code>) -> String {
    let out = Output::default();
    let mut rt = limited_runtime(&out);
    let r = rt.start_exec_code(code);
    ending(r, &out)
}

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

/// Source text, run under the limits: it ends cleanly, whatever it does.
pub fn run(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else { return };
    let out = Output::default();
    let mut rt = limited_runtime(&out);
    let r = rt.start_exec(source, "fuzz.py");
    ending(r, &out);
}

/// Source text: compile, save, load, save gives identical bytes and the loaded code is the
/// compiled code; and running the loaded code behaves exactly as running the compiled code
/// (same output, same ending), under the limits.
pub fn round_trip(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else { return };
    let Ok(code) = coro_compiler::compile_module(source, "fuzz.py") else { return };
    let saved = bytecode_file::save(&code);
    assert_eq!(bytecode_file::save(&code), saved, "saving is not deterministic");
    let loaded = bytecode_file::load(&saved).unwrap_or_else(|e| panic!("compiled code does not load back: {e}"));
    assert_eq!(bytecode_file::save(&loaded), saved, "compile/save/load/save differs");
    // Compared as text: a NaN constant is unequal to itself under `==`, not under `{:?}`.
    assert!(format!("{loaded:?}") == format!("{code:?}"), "the loaded code differs from the compiled code");
    let fresh = run_code(code.clone());
    let from_file = run_code(loaded);
    // A script whose two runs of the same code differ (it prints `id()`s, say) says nothing
    // about the file.
    if from_file != fresh && run_code(code) == fresh {
        panic!("the loaded code behaves differently:\n--- compiled\n{fresh}\n--- loaded\n{from_file}");
    }
}
