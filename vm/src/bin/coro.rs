//! The `coro` command line: run programs, disassemble them.

fn main() {
    std::process::exit(coro_vm::cli::main());
}
