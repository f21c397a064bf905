//! Bounding scripts from the host: fuel that suspends and resumes exactly where it stopped
//! (invisible to the script), the recursion limit and the memory limit, each a clean error
//! after which the runtime goes on working.

use coro_vm::embed::{Handle, NativeCx, OutputBuffer, Runtime, Step};

const PROGRAM: &str = "\
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def squares():
    i = 0
    while True:
        yield i * i
        i += 1

def work(n):
    out = []
    gen = squares()
    total = 0
    for i in range(n):
        total += next(gen) % 7
        if i % 10 == 0:
            out.append(fib(i % 12))
        try:
            if i % 13 == 0:
                raise ValueError(i)
        except ValueError as e:
            total += e.args[0]
        finally:
            total += 1
    print('work', n, total, sum(out))
    return total, out
";

/// Runs `work(n)` with `fuel` units per slice; returns the result, the output and the slices.
fn run_sliced(n: i64, fuel: Option<u64>) -> ((i64, Vec<i64>), String, usize) {
    let out = OutputBuffer::default();
    let mut rt = Runtime::builder().stdout(out.clone()).build();
    rt.exec(PROGRAM, "work.py").unwrap();
    rt.set_fuel(fuel);
    let mut step = rt.start_call("work", (n,)).unwrap();
    let mut slices = 1;
    let result = loop {
        match step {
            Step::OutOfFuel(p) => {
                rt.add_fuel(fuel.unwrap_or(0));
                step = rt.proceed(p).unwrap();
                slices += 1;
            }
            Step::Returned(h) => break rt.get(&h).unwrap(),
            _ => panic!("unexpected step"),
        }
    };
    (result, out.contents(), slices)
}

#[test]
fn fuel_suspends_and_resumes_exactly() {
    let (expected, expected_out, slices) = run_sliced(500, None);
    assert_eq!(slices, 1);
    for fuel in [1, 7, 50, 1000] {
        let (got, got_out, slices) = run_sliced(500, Some(fuel));
        assert_eq!(got, expected, "fuel {fuel}");
        assert_eq!(got_out, expected_out, "fuel {fuel}");
        assert!(slices > 1, "fuel {fuel} never ran out");
    }
}

#[test]
fn fuel_bounds_an_infinite_loop_and_the_runtime_goes_on() {
    let mut rt = Runtime::new();
    rt.set_fuel(Some(10_000));
    let step = rt.start_exec("while True:\n    pass\n", "spin.py").unwrap();
    let Step::OutOfFuel(paused) = step else { panic!("did not run out") };
    assert!(rt.fuel().unwrap() < 10);
    drop(paused);
    // The simple API reports running out of fuel as an error.
    let e = rt.exec("while True:\n    pass\n", "spin.py").unwrap_err();
    assert_eq!(e.type_name(), "OutOfFuel");
    rt.set_fuel(None);
    rt.exec("x = sum(range(10))", "ok.py").unwrap();
    assert_eq!(rt.global::<i64>("x").unwrap(), 45);
    // Recursion without loops is bounded too (calls cost fuel).
    rt.exec("def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n", "rec.py").unwrap();
    rt.set_fuel(Some(5_000));
    assert!(matches!(rt.start_call("fib", (60,)).unwrap(), Step::OutOfFuel(_)));
}

#[test]
fn fuel_pauses_host_driven_generators_and_suspending_natives() {
    let mut rt = Runtime::new();
    rt.register_fn("ask", |cx: &mut NativeCx, (x,): (i64,)| cx.suspend(x));
    rt.exec(
        "def g():\n    for i in range(3):\n        t = 0\n        for j in range(1000):\n            t += j\n        yield t + ask(i)\n",
        "g.py",
    )
    .unwrap();
    rt.set_fuel(Some(100));
    let gen: Handle = rt.call("g", ()).unwrap();
    let mut got = Vec::new();
    let mut step = rt.resume(&gen, ()).unwrap();
    let mut pauses = 0;
    loop {
        step = match step {
            Step::OutOfFuel(p) => {
                pauses += 1;
                rt.add_fuel(100);
                rt.proceed(p).unwrap()
            }
            Step::Suspended(p) => {
                let i: i64 = rt.get(p.request()).unwrap();
                rt.reply(p, i * 1_000_000).unwrap()
            }
            Step::Yielded(v) => {
                got.push(rt.get::<i64>(&v).unwrap());
                rt.resume(&gen, ()).unwrap()
            }
            Step::Returned(_) => break,
        }
    }
    assert_eq!(got, [499500, 1499500, 2499500]);
    assert!(pauses > 20);
}

#[test]
fn recursion_limit_is_a_clean_recursion_error() {
    let mut rt = Runtime::builder().recursion_limit(100).build();
    rt.exec("def down(n):\n    return down(n + 1)\n", "r.py").unwrap();
    let e = rt.call::<()>("down", (0,)).unwrap_err();
    assert_eq!(e.summary(), "RecursionError: maximum recursion depth exceeded");
    assert!(e.traceback().contains("[Previous line repeated"), "{}", e.traceback());
    rt.exec("def ok(n):\n    return 0 if n == 0 else 1 + ok(n - 1)\n", "r.py").unwrap();
    assert_eq!(rt.call::<i64>("ok", (90,)).unwrap(), 90);
}

#[test]
fn memory_limit_is_a_clean_memory_error() {
    let mut rt = Runtime::builder().memory_limit(32 << 20).build();
    let e = rt.exec("blocks = []\nwhile True:\n    blocks.append('x' * 100000)\n", "bomb.py").unwrap_err();
    assert_eq!(e.summary(), "MemoryError");
    rt.exec("blocks = None", "bomb.py").unwrap();
    rt.collect_garbage();
    assert!(rt.memory_used() < 8 << 20, "{}", rt.memory_used());
    // The script may catch MemoryError and go on, like in CPython (the loop is the first thing
    // in the `try`: the error is raised inside its body, not at the loop's head).
    rt.exec(
        "b = []\ntry:\n    while True:\n        b.append('y' * 100000)\nexcept MemoryError:\n    b = None\n    ok = True\n",
        "bomb.py",
    )
    .unwrap();
    assert!(rt.global::<bool>("ok").unwrap());
}

#[test]
fn one_huge_repetition_is_refused_before_it_allocates() {
    // Far above the limit but below the fixed 16 GiB bound: the limit refuses it up front.
    let mut rt = Runtime::builder().memory_limit(32 << 20).build();
    for src in ["x = [0] * 10**8\n", "x = 'ab' * 10**8\n", "x = (1, 2) * 10**8\n"] {
        let e = rt.exec(src, "big.py").unwrap_err();
        assert_eq!(e.summary(), "MemoryError", "{src}");
    }
    rt.exec("small = [0] * 1000\n", "ok.py").unwrap();
    assert!(rt.memory_used() < 8 << 20, "{}", rt.memory_used());
}

/// Builtins that make their result in one piece, of a size the script chooses, refuse it before
/// allocating when it would pass the memory limit (each used to abort the process, run for
/// minutes, or allocate far past the limit), and the runtime goes on.
#[test]
fn one_piece_builtins_refuse_what_would_pass_the_limit() {
    let mut rt = Runtime::builder().memory_limit(32 << 20).build();
    for src in [
        // padding and layout
        "''.ljust(10**9)",
        "''.rjust(10**9)",
        "''.center(10**9)",
        "'1'.zfill(10**9)",
        "'\\t\\t\\t\\t'.expandtabs(10**8)",
        // format widths and precisions
        "f'{1:1000000000}'",
        "f'{\"a\":>1000000000}'",
        "f'{1.5:.1000000000f}'",
        "'{:1000000000}'.format(1)",
        "format(1, ',>1000000000')",
        "'%1000000000d' % 1",
        "'%.1000000000f' % 1.5",
        "'{0}{0}{0}{0}{0}{0}{0}{0}'.format('a' * 10**7)",
        // joins, replaces, splits
        "''.join(['a' * 1000] * 100000)",
        "'x'.join('a' * 10**7)",
        "('a' * 10000).replace('a', 'b' * 10000)",
        "('a' * 1000).replace('', 'x' * 100000)",
        "('a ' * 10**7).split()",
        "('a\\n' * 10**7).splitlines()",
        "'a' * 10**7 + 'b' * 10**7",
        // materialised ranges and strings
        "list(range(10**8))",
        "tuple(range(10**8))",
        "[*range(10**8)]",
        "sorted(range(10**8))",
        "set(range(10**8))",
        "dict.fromkeys(range(10**8))",
        "list('a' * 10**8)",
        "x = []\nx.extend(range(10**8))",
        "x = [1]\nx += range(10**8)",
        "x = [0]\nx *= 10**8",
        "a, *b = range(10**8)",
        // ints
        "10**(10**8)",
        "1 << 10**9",
        "(10**100) ** (10**7)",
    ] {
        let e = rt.exec(src, "big.py").unwrap_err();
        assert_eq!(e.summary(), "MemoryError", "{src}");
        rt.collect_garbage();
        assert!(rt.memory_used() < 8 << 20, "{src}: {}", rt.memory_used());
    }
    // The script can catch it, and what fits still works.
    rt.exec(
        "try:\n    ''.ljust(10**9)\nexcept MemoryError:\n    caught = True\nsmall = ''.ljust(10**5) + f'{1:1000}' + ','.join(['ab'] * 1000)\nn = len(list(range(10**5)))",
        "ok.py",
    )
    .unwrap();
    assert!(rt.global::<bool>("caught").unwrap());
    assert_eq!(rt.global::<i64>("n").unwrap(), 100_000);
}

/// Consumers that only iterate do not need the items at once: under the limit they still work
/// on ranges too long to materialise.
#[test]
fn iterating_a_long_range_needs_no_room_for_its_items() {
    let mut rt = Runtime::builder().memory_limit(32 << 20).build();
    rt.exec("r = next(reversed(range(10**12))), sum(range(3 * 10**6)), any(range(3 * 10**6))", "it.py").unwrap();
    assert_eq!(rt.global::<(i64, i64, bool)>("r").unwrap(), (10i64.pow(12) - 1, 4_499_998_500_000, true));
}

/// A container grown in place, an item at a time, is counted as it grows: a loop that only
/// appends ints (allocating nothing else) reaches the limit too.
#[test]
fn containers_growing_in_place_reach_the_limit() {
    let mut rt = Runtime::builder().memory_limit(32 << 20).build();
    for src in [
        "x = []\nwhile True:\n    x.append(1)\n",
        "x = [i for i in range(10**8)]\n",
        "d = {}\ni = 0\nwhile True:\n    d[i] = i\n    i += 1\n",
        "s = set()\ni = 0\nwhile True:\n    s.add(i)\n    i += 1\n",
        "from collections import deque\nq = deque()\nwhile True:\n    q.append(1)\n",
        "from collections import deque\nq = deque()\nwhile True:\n    q.extendleft((1, 2))\n",
    ] {
        let e = rt.exec(src, "grow.py").unwrap_err();
        assert_eq!(e.summary(), "MemoryError", "{src}");
        rt.exec("x = d = s = q = None", "grow.py").unwrap();
    }
}
