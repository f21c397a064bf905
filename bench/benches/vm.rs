//! Criterion benches of the dispatch loop: arithmetic dispatch, calls, attribute access
//! (instance attribute load/store, method calls), generator resume and send, `yield from`
//! chains of depth 1, 16 and 256, start-up, compile throughput in source lines per second, and
//! the observing instance of the loop (`coro profile`, `coro trace`) beside the ordinary one.
//! Each program runs in a fresh VM (`coro_bench::run`), so times include compiling the few
//! lines of the program; the loops are long enough for that to be noise. Each group declares
//! its throughput, so criterion also reports operations (or lines) per second.
//!
//!     cargo bench -p coro-bench                     # everything
//!     cargo bench -p coro-bench -- attributes       # one group (a regex over bench names)

use coro_bench::{run, run_observed};
use coro_vm::observe::Observer;
use coro_vm::profile::Profile;
use coro_vm::trace::Trace;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Iterations of each loop below (the throughput unit of the groups that use it).
const N: u64 = 100_000;

/// fib(20): 21,891 calls.
const FIB_20: &str = "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nfib(20)\n";

/// A `for` loop over a generator yielding {N} values.
const RESUME_FOR: &str =
    "def gen(n):\n    i = 0\n    while i < n:\n        yield i\n        i += 1\nt = 0\nfor x in gen({N}):\n    t += x\n";

/// `src` with `{N}` replaced by the iteration count.
fn program(src: &str) -> String {
    src.replace("{N}", &N.to_string())
}

fn arithmetic(c: &mut Criterion) {
    let mut g = c.benchmark_group("dispatch");
    g.throughput(Throughput::Elements(N));
    let src = program("i = 0\nt = 0\nwhile i < {N}:\n    t = (t + i * 3) % 1000003\n    i += 1\n");
    g.bench_function("while_arith", |b| b.iter(|| run(&src)));
    g.finish();
}

fn calls(c: &mut Criterion) {
    let mut g = c.benchmark_group("calls");
    // fib(20) makes 21,891 calls.
    g.throughput(Throughput::Elements(21_891));
    g.bench_function("fib_20", |b| b.iter(|| run(FIB_20)));
    g.throughput(Throughput::Elements(N));
    let src = program("def f(a, b):\n    return a\ni = 0\nwhile i < {N}:\n    f(i, 2)\n    i += 1\n");
    g.bench_function("two_args", |b| b.iter(|| run(&src)));
    g.finish();
}

fn attributes(c: &mut Criterion) {
    let mut g = c.benchmark_group("attributes");
    g.throughput(Throughput::Elements(N));
    let class = "class P:\n    def __init__(self, x):\n        self.x = x\n    def get(self):\n        return self.x\n    def set(self, v):\n        self.x = v\np = P(0)\ni = 0\nt = 0\n";
    let load = program(&format!("{class}while i < {{N}}:\n    t += p.x\n    i += 1\n"));
    g.bench_function("instance_load", |b| b.iter(|| run(&load)));
    let store = program(&format!("{class}while i < {{N}}:\n    p.x = i\n    i += 1\n"));
    g.bench_function("instance_store", |b| b.iter(|| run(&store)));
    let method = program(&format!("{class}while i < {{N}}:\n    t += p.get()\n    i += 1\n"));
    g.bench_function("method_call", |b| b.iter(|| run(&method)));
    let method_store = program(&format!("{class}while i < {{N}}:\n    p.set(i)\n    i += 1\n"));
    g.bench_function("method_call_storing", |b| b.iter(|| run(&method_store)));
    g.finish();
}

fn generators(c: &mut Criterion) {
    let mut g = c.benchmark_group("generators");
    g.throughput(Throughput::Elements(N));
    let resume = program(RESUME_FOR);
    g.bench_function("resume_for", |b| b.iter(|| run(&resume)));
    let next = program(
        "def gen():\n    i = 0\n    while True:\n        yield i\n        i += 1\ng = gen()\ni = 0\nwhile i < {N}:\n    next(g)\n    i += 1\n",
    );
    g.bench_function("resume_next", |b| b.iter(|| run(&next)));
    let send = program("def acc():\n    total = 0\n    while True:\n        x = yield total\n        total += x\ng = acc()\nnext(g)\ni = 0\nwhile i < {N}:\n    g.send(i)\n    i += 1\n");
    g.bench_function("send", |b| b.iter(|| run(&send)));
    g.finish();
}

fn yield_from_depth(c: &mut Criterion) {
    const RESUMES: u64 = 20_000;
    let mut g = c.benchmark_group("yield_from");
    g.throughput(Throughput::Elements(RESUMES));
    for depth in [1, 16, 256] {
        // `depth` generators delegate with `yield from`, the innermost (leaf) yields.
        let src = format!(
            "def leaf(n):\n    i = 0\n    while i < n:\n        yield i\n        i += 1\ndef chain(d, n):\n    if d == 0:\n        yield from leaf(n)\n    else:\n        yield from chain(d - 1, n)\nt = 0\nfor x in chain({}, {RESUMES}):\n    t += x\n",
            depth - 1
        );
        g.bench_function(format!("depth_{depth}"), |b| b.iter(|| run(&src)));
    }
    g.finish();
}

/// The same programs run ordinarily, profiled and traced: the price of observation (the
/// ordinary run has no observation code; compare `dispatch` and `calls` across commits for that).
fn observe(c: &mut Criterion) {
    let mut g = c.benchmark_group("observe");
    g.throughput(Throughput::Elements(21_891));
    let fib = FIB_20;
    g.bench_function("fib_20/plain", |b| b.iter(|| run(fib)));
    g.bench_function("fib_20/profiled", |b| {
        b.iter(|| run_observed(fib, Some(Observer::new(Some(Profile::new()), None))))
    });
    g.bench_function("fib_20/traced", |b| {
        b.iter(|| run_observed(fib, Some(Observer::new(None, Some(Trace::new(Some(1000)))))))
    });
    g.throughput(Throughput::Elements(N));
    let resume = program(RESUME_FOR);
    g.bench_function("resume_for/plain", |b| b.iter(|| run(&resume)));
    g.bench_function("resume_for/profiled", |b| {
        b.iter(|| run_observed(&resume, Some(Observer::new(Some(Profile::new()), None))))
    });
    g.finish();
}

fn startup(c: &mut Criterion) {
    c.bench_function("startup/print_1", |b| b.iter(|| run("print(1)\n")));
}

fn compile(c: &mut Criterion) {
    let mut src = String::new();
    for i in 0..200 {
        src.push_str(&format!("def f{i}(a, b=2, *c, **d):\n    x = [a * b for a in range(10) if a % 2]\n    try:\n        return {{k: v for k, v in d.items()}}, x\n    except KeyError as e:\n        raise ValueError(f'bad {{e!r:>10}}') from e\n"));
        src.push_str(&format!("class C{i}(Base):\n    def m(self, n):\n        while n > 0:\n            yield from self.step(n)\n            n -= 1\n"));
    }
    let lines = src.lines().count() as u64;
    if let Err(e) = coro_compiler::compile_module(&src, "<bench>") {
        panic!("the compile bench's source does not compile: {e}");
    }
    let mut g = c.benchmark_group("compile");
    // Reported as source lines per second.
    g.throughput(Throughput::Elements(lines));
    g.bench_function(format!("{lines}_lines"), |b| {
        b.iter(|| coro_compiler::compile_module(&src, "<bench>").map(|_| ()).unwrap_or_default())
    });
    g.finish();
}

criterion_group!(benches, arithmetic, calls, attributes, generators, yield_from_depth, observe, startup, compile);
criterion_main!(benches);
