//! Criterion benches of the embedding API (`coro_vm::embed`).
//!
//! `fuel`: the same programs run with fuel unbounded and with a budget large enough never to
//! run out, and sliced into runs of 10,000 units continued with `proceed` (the cost of fuel
//! accounting proper is measured against the build before fuel existed; see the note).
//!
//! `host_round_trips`: calling a script function from Rust, resuming a script generator from
//! Rust, and a script calling a Rust function, each next to the same done with Lua 5.4 through
//! mlua (vendored build).
//!
//!     cargo bench -p coro-bench --bench embed                     # everything
//!     cargo bench -p coro-bench --bench embed -- host_round_trips # one group

use coro_vm::embed::{Handle, NativeCx, Runtime, Step};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const LOOP: &str = "def work(n):\n    i = 0\n    t = 0\n    while i < n:\n        t = (t + i * 3) % 1000003\n        i += 1\n    return t\n";
const FIB: &str = "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n";
const GEN: &str = "def gen(n):\n    i = 0\n    while i < n:\n        yield i\n        i += 1\ndef consume(n):\n    t = 0\n    for x in gen(n):\n        t += x\n    return t\n";

/// Runs `f(arg)` to completion, continuing after each `OutOfFuel` with `slice` more units.
fn sliced(rt: &mut Runtime, f: &str, arg: i64, slice: u64) -> i64 {
    rt.set_fuel(Some(slice));
    let mut step = rt.start_call(f, (arg,)).expect("runs");
    loop {
        match step {
            Step::OutOfFuel(p) => {
                rt.add_fuel(slice);
                step = rt.proceed(p).expect("continues");
            }
            Step::Returned(h) => return rt.get(&h).expect("an int"),
            _ => panic!("unexpected step"),
        }
    }
}

fn fuel(c: &mut Criterion) {
    let mut g = c.benchmark_group("fuel");
    for (name, src, f, arg, elements) in [
        ("while_arith", LOOP, "work", 100_000i64, 100_000u64),
        ("fib_20", FIB, "fib", 20, 21_891),
        ("generator_for", GEN, "consume", 100_000, 100_000),
    ] {
        g.throughput(Throughput::Elements(elements));
        let mut rt = Runtime::new();
        rt.exec(src, "bench.py").expect("compiles");
        g.bench_function(format!("{name}/unbounded"), |b| {
            rt.set_fuel(None);
            b.iter(|| rt.call::<i64>(f, (arg,)).expect("runs"))
        });
        g.bench_function(format!("{name}/budget"), |b| {
            b.iter(|| {
                rt.set_fuel(Some(u64::MAX / 2));
                rt.call::<i64>(f, (arg,)).expect("runs")
            })
        });
        g.bench_function(format!("{name}/sliced_10k"), |b| b.iter(|| sliced(&mut rt, f, arg, 10_000)));
        rt.set_fuel(None);
    }
    g.finish();
}

/// Calls of a Rust function made by a script loop, per bench iteration.
const NATIVE_CALLS: u64 = 10_000;

fn host_round_trips(c: &mut Criterion) {
    let mut g = c.benchmark_group("host_round_trips");
    g.throughput(Throughput::Elements(1));

    // coro
    let mut rt = Runtime::new();
    rt.exec(
        "def add(a, b):\n    return a + b\ndef counter():\n    i = 0\n    while True:\n        i += yield i\n",
        "rt.py",
    )
    .expect("compiles");
    let add: Handle = rt.global("add").expect("add");
    g.bench_function("coro/call_script_fn", |b| b.iter(|| rt.call::<i64>(&add, (1, 2)).expect("call")));
    let gen: Handle = rt.call("counter", ()).expect("generator");
    let _ = rt.resume(&gen, ()).expect("started");
    g.bench_function("coro/resume_generator", |b| {
        b.iter(|| match rt.resume(&gen, 1).expect("resume") {
            Step::Yielded(_) => {}
            _ => panic!("the counter yields forever"),
        })
    });
    rt.register_fn("radd", |_cx: &mut NativeCx, (a, b): (i64, i64)| Ok(a + b));
    let src =
        format!("def drive():\n    t = 0\n    for i in range({NATIVE_CALLS}):\n        t = radd(t, i)\n    return t\n");
    rt.exec(&src, "rt.py").expect("compiles");
    g.throughput(Throughput::Elements(NATIVE_CALLS));
    g.bench_function("coro/script_calls_native", |b| b.iter(|| rt.call::<i64>("drive", ()).expect("drive")));

    // Lua 5.4 through mlua
    g.throughput(Throughput::Elements(1));
    let lua = mlua::Lua::new();
    lua.load("function add(a, b) return a + b end\nfunction counter() local i = 0 while true do i = i + coroutine.yield(i) end end")
        .exec()
        .expect("lua compiles");
    let ladd: mlua::Function = lua.globals().get("add").expect("add");
    g.bench_function("lua/call_script_fn", |b| b.iter(|| ladd.call::<i64>((1, 2)).expect("call")));
    let counter: mlua::Function = lua.globals().get("counter").expect("counter");
    let thread = lua.create_thread(counter).expect("thread");
    let _ = thread.resume::<i64>(()).expect("started");
    g.bench_function("lua/resume_generator", |b| b.iter(|| thread.resume::<i64>(1).expect("resume")));
    let radd = lua.create_function(|_, (a, b): (i64, i64)| Ok(a + b)).expect("function");
    lua.globals().set("radd", radd).expect("set");
    let src =
        format!("function drive() local t = 0 for i = 0, {} do t = radd(t, i) end return t end", NATIVE_CALLS - 1);
    lua.load(&src).exec().expect("lua compiles");
    let drive: mlua::Function = lua.globals().get("drive").expect("drive");
    g.throughput(Throughput::Elements(NATIVE_CALLS));
    g.bench_function("lua/script_calls_native", |b| b.iter(|| drive.call::<i64>(()).expect("drive")));
    g.finish();
}

criterion_group!(benches, fuel, host_round_trips);
criterion_main!(benches);
