//! coro-bench: helpers shared by the criterion benches. The benches run small programs through
//! the embedding API with output discarded, so they measure the VM, not the terminal.

use coro_vm::Vm;

/// Runs `source` in a fresh VM with output discarded; panics (failing the bench) if the program
/// raises, so a broken bench can never report a time.
pub fn run(source: &str) {
    run_observed(source, None);
}

/// Runs `source` as `run` does, with `observer` installed (the profiling or tracing instance
/// of the dispatch loop runs it).
pub fn run_observed(source: &str, observer: Option<coro_vm::observe::Observer>) {
    let mut vm = Vm::with_output(Box::new(std::io::sink()), Box::new(std::io::sink()));
    if let Some(o) = observer {
        vm.set_observer(o);
    }
    if let Err(e) = vm.run_main(source, "<bench>") {
        match e {
            coro_vm::RunError::Compile(c) => panic!("bench program does not compile: {c}"),
            coro_vm::RunError::Exception(x) => {
                let report = vm.format_exception(x);
                panic!("bench program raised:\n{report}");
            }
        }
    }
}
