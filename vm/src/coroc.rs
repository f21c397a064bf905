//! `.coroc` bytecode files in the CLI: `coro compile` writes them; `coro run` and `coro dis`
//! recognise them by their magic number (whatever the file is called) and load them, verifying
//! every code object before anything runs (`coro_compiler::bytecode_file`).
//!
//! Imports under `coro run X.coroc` find modules in the directory of `X.coroc` as `.py` source
//! or, where there is none, as `.coroc` bytecode (`Vm::import_bytecode`, `Vm::find_module` in `modules`).

use coro_compiler::bytecode_file;
use coro_compiler::Code;
use std::rc::Rc;

/// `coro compile FILE [-o OUT] [--check]`: compiles FILE (recording its name as given, as
/// CPython's `py_compile` does) and writes the bytecode to OUT (FILE with its extension replaced
/// by `.coroc` by default), or with `--check` only reports whether it compiles. Returns the exit
/// status: 0, 1 for a syntax error, 2 for a file that cannot be read or written.
#[cfg(feature = "cli")]
pub fn compile_command(file: &str, output: Option<&str>, check: bool) -> i32 {
    let source = match crate::cli::read_source(file) {
        Ok(t) => t,
        Err(msg) if msg.starts_with("SyntaxError") => {
            eprintln!("{msg}");
            return 1;
        }
        Err(msg) => {
            eprintln!("coro: {msg}");
            return 2;
        }
    };
    let code = match coro_compiler::compile_module(&source, file) {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", e.render(file, &source));
            return 1;
        }
    };
    if check {
        return 0;
    }
    let out = match output {
        Some(o) => o.to_string(),
        None => std::path::Path::new(file).with_extension("coroc").display().to_string(),
    };
    match std::fs::write(&out, bytecode_file::save(&code)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("coro: cannot write '{out}': {e}");
            2
        }
    }
}

/// Loads `file` if it is a bytecode file: `None` when it is not one (or cannot be read: the
/// caller reads it as source and reports that), `Some(Err(status))` after printing why a
/// bytecode file was refused.
pub fn load_if_bytecode(file: &str) -> Option<Result<Rc<Code>, i32>> {
    let bytes = std::fs::read(file).ok()?;
    if !bytecode_file::is_bytecode(&bytes) {
        return None;
    }
    Some(bytecode_file::load(&bytes).map_err(|e| {
        eprintln!("coro: {file}: {e}");
        1
    }))
}
