//! Criterion benches of the dispatch loop: arithmetic, calls, generator resume and send, and
//! `yield from` chains of different depths. Run with `cargo bench -p coro-bench`.

use coro_bench::run;
use criterion::{criterion_group, criterion_main, Criterion};

fn arithmetic(c: &mut Criterion) {
    let src = "i = 0\nt = 0\nwhile i < 100000:\n    t = (t + i * 3) % 1000003\n    i += 1\n";
    c.bench_function("dispatch/while_arith_100k", |b| b.iter(|| run(src)));
}

fn calls(c: &mut Criterion) {
    let src = "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nfib(20)\n";
    c.bench_function("calls/fib_20", |b| b.iter(|| run(src)));
}

fn generators(c: &mut Criterion) {
    let resume = "def gen(n):\n    i = 0\n    while i < n:\n        yield i\n        i += 1\nt = 0\nfor x in gen(100000):\n    t += x\n";
    c.bench_function("generators/resume_100k", |b| b.iter(|| run(resume)));
    let send = "def acc():\n    total = 0\n    while True:\n        x = yield total\n        total += x\ng = acc()\nnext(g)\ni = 0\nwhile i < 100000:\n    g.send(i)\n    i += 1\n";
    c.bench_function("generators/send_100k", |b| b.iter(|| run(send)));
}

fn yield_from_depth(c: &mut Criterion) {
    let mut group = c.benchmark_group("generators/yield_from_20k_resumes");
    for depth in [1, 16, 256] {
        let src = format!(
            "def leaf(n):\n    i = 0\n    while i < n:\n        yield i\n        i += 1\ndef chain(d, n):\n    if d == 0:\n        yield from leaf(n)\n    else:\n        yield from chain(d - 1, n)\nt = 0\nfor x in chain({}, 20000):\n    t += x\n",
            depth - 1
        );
        group.bench_function(format!("depth_{depth}"), |b| b.iter(|| run(&src)));
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    c.bench_function("startup/print_1", |b| b.iter(|| run("print(1)\n")));
}

fn compile(c: &mut Criterion) {
    let mut src = String::new();
    for i in 0..200 {
        src.push_str(&format!("def f{i}(a, b=2, *c, **d):\n    x = [a * b for a in range(10) if a % 2]\n    try:\n        return {{k: v for k, v in d.items()}}, x\n    except KeyError as e:\n        raise ValueError(f'bad {{e!r:>10}}') from e\n"));
    }
    let lines = src.lines().count();
    c.bench_function(&format!("compile/{lines}_lines"), |b| {
        b.iter(|| coro_compiler::compile_module(&src, "<bench>").map(|_| ()).unwrap_or_default())
    });
}

criterion_group!(benches, arithmetic, calls, generators, yield_from_depth, startup, compile);
criterion_main!(benches);
