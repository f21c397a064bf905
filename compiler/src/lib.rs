//! coro-compiler: source text in, `Code` out.
//!
//! Pipeline: `lexer` (tokens with spans, INDENT/DEDENT) -> `parser` (AST in a bumpalo arena) ->
//! `scope` (local/global/nonlocal/free/cell analysis) -> `codegen` (bytecode from the opcode table
//! in `opcode`, with exception and line tables and `max_stack`) -> `code::Code`. `verify` checks a
//! `Code` is safe to run; `bytecode_file` saves and loads `.coroc` files (verifying on load).

pub mod ast;
pub mod bytecode_file;
pub mod code;
pub mod codegen;
pub mod dis;
pub mod dis_json;
pub mod error;
mod file_encoding;
pub mod interactive;
pub mod lexer;
pub mod opcode;
pub mod parser;
pub mod percent_fold;
pub mod scope;
pub mod verify;

pub use code::{Code, CodeFlags, Const, ExceptionEntry};
pub use codegen::{compile_hidden, compile_module};
pub use error::{CompileError, ErrorKind};
