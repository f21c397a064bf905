//! The `coro` command line: run programs, disassemble them.

/// The command line allocates with mimalloc. A coroutine program makes and drops many small
/// objects (generator frames, instances, iterators), and glibc's malloc spent a measurable share
/// of the scheduler benchmark in its bins; mimalloc's per-size free lists keep recently freed
/// memory hot. It is built without transparent huge pages (`no_thp`): with them the scheduler
/// benchmark's peak memory was 36 MB instead of 23 MB, for no gain in time. Only the binary
/// chooses it: a host embedding the VM keeps its own allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(coro_vm::cli::main());
}
