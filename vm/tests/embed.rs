//! The embedding API end to end: host-driven generators, host functions that call back into
//! Python or suspend the script, fuel that pauses and resumes exactly, limits, and handles that
//! survive collection.

use coro_vm::embed::{Error, ErrorKind, Handle, NativeCx, OutputBuffer, Rest, Runtime, Step};
use std::cell::RefCell;
use std::rc::Rc;

fn runtime_with_output() -> (Runtime, OutputBuffer) {
    let out = OutputBuffer::default();
    let rt = Runtime::builder().stdout(out.clone()).build();
    (rt, out)
}

fn yielded(rt: &mut Runtime, step: Step) -> i64 {
    match step {
        Step::Yielded(h) => rt.get(&h).expect("an int"),
        _ => panic!("expected a yield"),
    }
}

fn returned<T: coro_vm::embed::FromScript>(rt: &mut Runtime, step: Step) -> T {
    match step {
        Step::Returned(h) => rt.get(&h).expect("a value of the expected type"),
        _ => panic!("expected a return"),
    }
}

#[test]
fn generators_are_driven_by_the_host() {
    let (mut rt, out) = runtime_with_output();
    rt.exec(
        "def acc():\n    total = 0\n    try:\n        while True:\n            x = yield total\n            if x is None:\n                return total\n            total += x\n    except KeyError as e:\n        yield -1\n    finally:\n        print('finally', total)\n",
        "gen.py",
    )
    .unwrap();
    let g: Handle = rt.call("acc", ()).unwrap();
    assert_eq!(rt.type_name(&g).unwrap(), "generator");
    let s = rt.resume(&g, ()).unwrap();
    assert_eq!(yielded(&mut rt, s), 0);
    let s = rt.resume(&g, 5).unwrap();
    assert_eq!(yielded(&mut rt, s), 5);
    let s = rt.resume(&g, 7).unwrap();
    assert_eq!(yielded(&mut rt, s), 12);
    let s = rt.resume(&g, ()).unwrap();
    assert_eq!(returned::<i64>(&mut rt, s), 12);
    assert_eq!(out.take(), "finally 12\n");
    // A finished generator returns None again, as next() would raise StopIteration.
    let s = rt.resume(&g, ()).unwrap();
    assert_eq!(returned::<Option<i64>>(&mut rt, s), None);

    // throw: caught, the generator yields again; close runs the finally block.
    let g: Handle = rt.call("acc", ()).unwrap();
    let _ = rt.resume(&g, ()).unwrap();
    let s = rt.throw(&g, Error::new("KeyError", "k")).unwrap();
    assert_eq!(yielded(&mut rt, s), -1);
    let s = rt.close(&g).unwrap();
    assert_eq!(returned::<Option<i64>>(&mut rt, s), None);
    assert_eq!(out.take(), "finally 0\n");

    // An uncaught throw comes back as the error, with the generator's frame in the traceback.
    let g: Handle = rt.call("acc", ()).unwrap();
    let _ = rt.resume(&g, ()).unwrap();
    let e = rt.throw(&g, Error::new("ValueError", "bad")).unwrap_err();
    assert_eq!(e.summary(), "ValueError: bad");
    assert!(e.traceback().contains("File \"gen.py\", line 5, in acc"), "{}", e.traceback());

    // Sending a value to a just-started generator is CPython's TypeError.
    let g: Handle = rt.call("acc", ()).unwrap();
    let e = rt.resume(&g, 1).unwrap_err();
    assert_eq!(e.summary(), "TypeError: can't send non-None value to a just-started generator");

    // Resuming something that is not a generator is a usage error.
    let n = rt.handle(3).unwrap();
    assert_eq!(rt.resume(&n, ()).unwrap_err().kind(), ErrorKind::Usage);
}

#[test]
fn close_of_a_generator_that_keeps_yielding_is_an_error() {
    let mut rt = Runtime::new();
    rt.exec("def stubborn():\n    while True:\n        try:\n            yield 1\n        except GeneratorExit:\n            pass\n", "s.py")
        .unwrap();
    let g: Handle = rt.call("stubborn", ()).unwrap();
    let _ = rt.resume(&g, ()).unwrap();
    let e = rt.close(&g).unwrap_err();
    assert_eq!(e.summary(), "RuntimeError: generator ignored GeneratorExit");
}

#[test]
fn host_resumes_through_yield_from_chains() {
    let mut rt = Runtime::new();
    rt.exec(
        "def leaf():\n    x = yield 1\n    y = yield x + 1\n    return y * 10\n\ndef mid():\n    r = yield from leaf()\n    yield r\n\ndef top():\n    r = yield from mid()\n",
        "chain.py",
    )
    .unwrap();
    let g: Handle = rt.call("top", ()).unwrap();
    let s = rt.resume(&g, ()).unwrap();
    assert_eq!(yielded(&mut rt, s), 1);
    let s = rt.resume(&g, 41).unwrap();
    assert_eq!(yielded(&mut rt, s), 42);
    let s = rt.resume(&g, 5).unwrap();
    assert_eq!(yielded(&mut rt, s), 50);
    let s = rt.resume(&g, ()).unwrap();
    assert_eq!(returned::<Option<i64>>(&mut rt, s), None);
}

#[test]
fn calls_convert_arguments_and_results() {
    let mut rt = Runtime::new();
    rt.exec(
        "def stats(xs, names):\n    return {'n': len(xs), 'sum': sum(xs)}, [n.upper() for n in names], (min(xs), None)\n",
        "c.py",
    )
    .unwrap();
    type Out = (std::collections::HashMap<String, i64>, Vec<String>, (i64, Option<i64>));
    let (d, names, t): Out = rt.call("stats", (vec![3, 1, 2], vec!["a", "b"])).unwrap();
    assert_eq!((d["n"], d["sum"]), (3, 6));
    assert_eq!(names, ["A", "B"]);
    assert_eq!(t, (1, None));
    // Builtins and classes are callees too.
    assert_eq!(rt.call::<i64>("len", ("four",)).unwrap(), 4);
    rt.exec("class P:\n    def __init__(self, x):\n        self.x = x\n    def __repr__(self):\n        return f'P({self.x})'\n", "c.py").unwrap();
    let p: Handle = rt.call("P", (5,)).unwrap();
    assert_eq!(rt.repr(&p).unwrap(), "P(5)");
    // Errors: a missing global, a bad argument list, a result that does not convert.
    assert_eq!(rt.call::<()>("nope", ()).unwrap_err().summary(), "NameError: name 'nope' is not defined");
    assert_eq!(
        rt.call::<()>("stats", (1,)).unwrap_err().summary(),
        "TypeError: stats() missing 1 required positional argument: 'names'"
    );
    let e = rt.call::<String>("len", ("x",)).unwrap_err();
    assert_eq!((e.kind(), e.summary()), (ErrorKind::Conversion, "TypeError: expected str, got int".to_string()));
}

#[test]
fn globals_round_trip() {
    let mut rt = Runtime::new();
    rt.set_global("config", std::collections::HashMap::from([("speed", 2.5f64)])).unwrap();
    rt.exec("speed = config['speed'] * 2", "g.py").unwrap();
    assert_eq!(rt.global::<f64>("speed").unwrap(), 5.0);
    assert_eq!(rt.global::<i64>("missing").unwrap_err().type_name(), "NameError");
}

#[test]
fn handles_survive_collection_and_are_released_on_drop() {
    let mut rt = Runtime::new();
    rt.exec("def make(n):\n    return [str(i) for i in range(n)]\n", "h.py").unwrap();
    let held: Vec<Handle> = (0..50).map(|i| rt.call("make", (i,)).unwrap()).collect();
    rt.collect_garbage();
    let before = rt.memory_used();
    // Churn: many collections while the handles are held.
    rt.exec("for i in range(300000):\n    junk = [i, str(i)]\n", "h.py").unwrap();
    rt.collect_garbage();
    for (i, h) in held.iter().enumerate() {
        assert_eq!(rt.get::<Vec<String>>(h).unwrap().len(), i);
    }
    let copy = held[10].clone();
    drop(held);
    rt.collect_garbage();
    assert!(rt.memory_used() < before, "dropping handles frees their values");
    assert_eq!(rt.get::<Vec<String>>(&copy).unwrap().len(), 10);
    // A handle belongs to its runtime.
    let mut other = Runtime::new();
    assert_eq!(other.get::<Vec<String>>(&copy).unwrap_err().kind(), ErrorKind::Usage);
}

#[test]
fn natives_raise_python_exceptions_of_a_given_type() {
    let (mut rt, out) = runtime_with_output();
    rt.register_fn(
        "check",
        |_cx: &mut NativeCx, (n,): (i64,)| {
            if n < 0 {
                Err(Error::new("ValueError", format!("negative: {n}")))
            } else {
                Ok(n)
            }
        },
    );
    rt.exec("class GameOver(Exception):\n    pass\n", "n.py").unwrap();
    rt.register_fn("end", |_cx: &mut NativeCx, ()| -> Result<(), Error> { Err(Error::new("GameOver", "bye")) });
    rt.exec(
        "try:\n    check(-2)\nexcept ValueError as e:\n    print(type(e).__name__, e)\ntry:\n    end()\nexcept GameOver as e:\n    print('caught', e)\nprint(check(4), check)",
        "n.py",
    )
    .unwrap();
    assert_eq!(out.take(), "ValueError negative: -2\ncaught bye\n4 <built-in function check>\n");
    let e = rt.exec("check(1, 2)", "n.py").unwrap_err();
    assert_eq!(e.summary(), "TypeError: check() takes at most 1 argument (2 given)");
    let e = rt.exec("check()", "n.py").unwrap_err();
    assert_eq!(e.summary(), "TypeError: check() takes 1 argument (0 given)");
    let e = rt.exec("check(n=1)", "n.py").unwrap_err();
    assert_eq!(e.summary(), "TypeError: check() takes no keyword arguments");
}

#[test]
fn natives_call_python_through_the_loop() {
    let (mut rt, out) = runtime_with_output();
    // map_sum(f, xs): sum of f(x), each call asked of the loop, the sum kept in Rust.
    fn step(cx: &mut NativeCx, f: Handle, mut xs: Vec<i64>, acc: i64) -> Result<coro_vm::embed::Reply, Error> {
        match xs.pop() {
            None => cx.call(&f, ("done", acc)),
            Some(x) => {
                let g = f.clone();
                cx.call_then(&f, ("item", x), move |cx, y: i64| step(cx, g, xs, acc + y))
            }
        }
    }
    rt.register_fn("map_sum", |cx: &mut NativeCx, (f, xs): (Handle, Vec<i64>)| step(cx, f, xs, 0));
    rt.exec(
        "def f(kind, x):\n    if kind == 'done':\n        return x\n    if x == 99:\n        raise KeyError(x)\n    return x * x\nprint(map_sum(f, [1, 2, 3]))\ntry:\n    map_sum(f, [1, 99])\nexcept KeyError as e:\n    print('KeyError', e)\n",
        "m.py",
    )
    .unwrap();
    assert_eq!(out.take(), "14\nKeyError 99\n");
    // Deep chains of requests never recurse on the native stack.
    rt.exec("r = map_sum(lambda k, x: x if k == 'done' else 1, list(range(20000)))", "m.py").unwrap();
    assert_eq!(rt.global::<i64>("r").unwrap(), 20000);
    // Variadic natives take anything.
    rt.register_fn("count", |_cx: &mut NativeCx, Rest(args): Rest<Handle>| Ok(args.len()));
    rt.exec("print(count(1, 'a', None, [2]))", "m.py").unwrap();
    assert_eq!(out.take(), "4\n");
}

#[test]
fn native_modules_and_in_memory_sources() {
    let out = OutputBuffer::default();
    let mut rt = Runtime::builder()
        .stdout(out.clone())
        .module("shapes", "import geometry\ndef area(w, h):\n    return geometry.mul(w, h)\n")
        .module("broken", "def f(:\n    pass\n")
        .std_modules(["math"])
        .build();
    rt.register_module("geometry", |m| {
        m.function("mul", |_cx: &mut NativeCx, (a, b): (f64, f64)| Ok(a * b));
        m.value("UNIT", 1.0)
    })
    .unwrap();
    rt.exec("from shapes import area\nimport geometry\nprint(area(3, 4), geometry.UNIT, geometry)", "main.py").unwrap();
    assert_eq!(out.take(), "12.0 1.0 <module 'geometry'>\n");
    let e = rt.exec("import broken", "main.py").unwrap_err();
    assert_eq!(e.type_name(), "SyntaxError");
    assert!(e.traceback().contains("File \"broken.py\", line 1"), "{}", e.traceback());
    let e = rt.exec("import sys", "main.py").unwrap_err();
    assert_eq!(e.summary(), "ModuleNotFoundError: No module named 'sys'");
    // Nothing is read from disk: a file beside the process is not importable.
    let e = rt.exec("import Cargo", "main.py").unwrap_err();
    assert_eq!(e.type_name(), "ModuleNotFoundError");
    // Even after a script removes a host module from sys.modules, it imports again.
    let mut rt = Runtime::new();
    rt.register_module("m", |m| m.value("X", 1)).unwrap();
    rt.exec("import sys, m\ndel sys.modules['m']\nimport m\nx = m.X", "main.py").unwrap();
    assert_eq!(rt.global::<i64>("x").unwrap(), 1);
}

#[test]
fn syntax_errors_are_reported_like_cpython() {
    let mut rt = Runtime::new();
    let e = rt.exec("x = (1,\n", "bad.py").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Syntax);
    assert_eq!(e.type_name(), "SyntaxError");
    assert!(e.traceback().starts_with("  File \"bad.py\", line 1"), "{}", e.traceback());
}

/// A script suspended by a native, continued by the host with values and exceptions, at depth:
/// in nested calls, in a generator, and in a `yield from` chain the host drives.
#[test]
fn natives_suspend_the_script_anywhere() {
    let (mut rt, out) = runtime_with_output();
    rt.register_fn("ask", |cx: &mut NativeCx, (q,): (String,)| cx.suspend(q));
    rt.exec(
        "def deep(n):\n    if n == 0:\n        return ask('deep')\n    return deep(n - 1) + 1\n\ndef inner():\n    a = yield ask('in-gen')\n    try:\n        b = ask('fail?')\n    except ValueError as e:\n        b = str(e)\n    yield a, b\n    return 'inner done'\n\ndef outer():\n    r = yield from inner()\n    yield r + '/' + ask('last')\n",
        "s.py",
    )
    .unwrap();
    // Nested calls.
    let Step::Suspended(p) = rt.start_call("deep", (50,)).unwrap() else { panic!("not suspended") };
    assert_eq!(rt.get::<String>(p.request()).unwrap(), "deep");
    let s = rt.reply(p, 100).unwrap();
    assert_eq!(returned::<i64>(&mut rt, s), 150);

    // A yield-from chain driven by the host, suspended inside the leaf.
    let g: Handle = rt.call("outer", ()).unwrap();
    let Step::Suspended(p) = rt.resume(&g, ()).unwrap() else { panic!("not suspended") };
    assert_eq!(rt.get::<String>(p.request()).unwrap(), "in-gen");
    // While suspended, the generator is running: resuming it directly is an error.
    assert_eq!(rt.resume(&g, ()).unwrap_err().summary(), "ValueError: generator already executing");
    let s = rt.reply(p, "A").unwrap();
    let Step::Yielded(v) = s else { panic!("no yield") };
    assert_eq!(rt.get::<String>(&v).unwrap(), "A");
    let Step::Suspended(p) = rt.resume(&g, "sent").unwrap() else { panic!("not suspended") };
    let Step::Yielded(v) = rt.reply_error(p, Error::new("ValueError", "no")).unwrap() else { panic!() };
    assert_eq!(rt.get::<(String, String)>(&v).unwrap(), ("sent".into(), "no".into()));
    let Step::Suspended(p) = rt.resume(&g, ()).unwrap() else { panic!("not suspended") };
    let Step::Yielded(v) = rt.reply(p, "L").unwrap() else { panic!() };
    assert_eq!(rt.get::<String>(&v).unwrap(), "inner done/L");
    assert_eq!(out.take(), "");

    // The simple API refuses to leave a run suspended: it reports it and abandons the run.
    let e = rt.exec("x = ask('q')", "s.py").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Suspended);
    // An error reply nobody catches comes back with the script's traceback.
    let Step::Suspended(p) = rt.start_call("deep", (2,)).unwrap() else { panic!() };
    let e = rt.reply_error(p, Error::new("LookupError", "slow")).unwrap_err();
    assert_eq!(e.summary(), "LookupError: slow");
    assert_eq!(e.traceback().matches("in deep").count(), 3, "{}", e.traceback());
}

#[test]
fn abandoned_runs_finish_their_generators() {
    let mut rt = Runtime::new();
    rt.register_fn("ask", |cx: &mut NativeCx, ()| cx.suspend(()));
    rt.exec("def g():\n    yield ask()\n", "a.py").unwrap();
    let gen: Handle = rt.call("g", ()).unwrap();
    let Step::Suspended(p) = rt.resume(&gen, ()).unwrap() else { panic!() };
    drop(p);
    let s = rt.resume(&gen, ()).unwrap();
    assert!(matches!(s, Step::Returned(_)), "the abandoned generator is finished");
}

/// Host functions used many times, with handles created per call, keep memory flat.
#[test]
fn host_calls_keep_memory_flat() {
    let mut rt = Runtime::new();
    let seen = Rc::new(RefCell::new(0));
    let s = seen.clone();
    rt.register_fn("note", move |cx: &mut NativeCx, (x,): (Handle,)| {
        *s.borrow_mut() += 1;
        let f = cx.handle("x")?;
        cx.call_then(&f, (), move |_cx, _r: Handle| Ok(x))
    });
    rt.exec("def loop(n):\n    for i in range(n):\n        try:\n            note(i)\n        except TypeError:\n            pass\n", "f.py").unwrap();
    rt.call::<()>("loop", (1000,)).unwrap();
    rt.collect_garbage();
    let before = rt.memory_used();
    rt.call::<()>("loop", (20000,)).unwrap();
    rt.collect_garbage();
    assert!(rt.memory_used() <= before + 4096, "{} -> {}", before, rt.memory_used());
    assert_eq!(*seen.borrow(), 21000);
}

/// Suspending from deep recursion, continuing it, and long call_then chains all run on a
/// 256 KiB native stack: nothing in the API recurses with the script's depth.
#[test]
fn deep_runs_fit_a_small_native_stack() {
    let t = std::thread::Builder::new().stack_size(256 << 10).spawn(|| {
        let mut rt = Runtime::builder().recursion_limit(20_000).build();
        rt.register_fn("ask", |cx: &mut NativeCx, ()| cx.suspend(()));
        rt.register_fn("chain", |cx: &mut NativeCx, (f, n): (Handle, i64)| {
            fn go(cx: &mut NativeCx, f: Handle, n: i64, acc: i64) -> Result<coro_vm::embed::Reply, Error> {
                let g = f.clone();
                cx.call_then(&f, (acc,), move |cx, r: i64| if n == 0 { cx.suspend(r) } else { go(cx, g, n - 1, r) })
            }
            go(cx, f, n, 0)
        });
        rt.exec("def deep(n):\n    return ask() if n == 0 else deep(n - 1) + 1\n", "d.py").unwrap();
        let Step::Suspended(p) = rt.start_call("deep", (10_000,)).unwrap() else { panic!() };
        let Step::Returned(h) = rt.reply(p, 5).unwrap() else { panic!() };
        assert_eq!(rt.get::<i64>(&h).unwrap(), 10_005);
        let Step::Suspended(p) = rt.start_exec("r = chain(lambda x: x + 1, 30000)", "d.py").unwrap() else { panic!() };
        assert_eq!(rt.get::<i64>(p.request()).unwrap(), 30001);
        drop(p);
        rt.exec("x = 1", "d.py").unwrap();
    });
    t.expect("spawn").join().expect("the thread finished without overflowing its stack");
}

/// The example of the README's embedding section.
#[test]
fn readme_example() -> Result<(), Error> {
    let mut rt = Runtime::new();
    rt.register_fn("sleep", |cx: &mut NativeCx, (ms,): (u64,)| cx.suspend(ms)); // suspends the script
    rt.exec("def task(name):\n    t = sleep(100)\n    return f'{name} woke at {t}'\n", "main.py")?;
    let Step::Suspended(pending) = rt.start_call("task", ("a",))? else { unreachable!() };
    let ms: u64 = rt.get(pending.request())?; // the host decides when to continue
    let Step::Returned(v) = rt.reply(pending, ms)? else { unreachable!() };
    assert_eq!(rt.get::<String>(&v)?, "a woke at 100");
    Ok(())
}

/// Errors cross threads (and fit `Box<dyn Error + Send + Sync>`); runtimes and handles do not.
#[test]
fn errors_are_send_and_sync() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Error>();
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(Error::new("ValueError", "x"));
    assert_eq!(boxed.to_string(), "ValueError: x");
}

/// Keyword arguments of host functions, bound by the names of their `Signature`, with the
/// messages CPython gives for `def spawn(kind, x, y=None, *, hp)` (checked with python3.11).
#[test]
fn natives_take_keyword_arguments_by_their_signature() {
    let (mut rt, out) = runtime_with_output();
    let sig = coro_vm::embed::Signature::new("spawn", ["kind", "x", "y", "*", "hp"]);
    rt.register_fn(sig, |_cx: &mut NativeCx, (kind, x, y, hp): (String, f64, Option<f64>, i64)| {
        Ok(format!("{kind} {x:?} {y:?} {hp}"))
    });
    rt.exec(
        "print(spawn('orc', 1.5, hp=3))\nprint(spawn(hp=1, x=2.0, kind='elf', y=0.5))\nprint(spawn('imp', 0, 1, hp=2))\nargs = {'kind': 'dict', 'x': 1, 'hp': 0}\nprint(spawn(**args))",
        "k.py",
    )
    .unwrap();
    assert_eq!(out.take(), "orc 1.5 None 3\nelf 2.0 Some(0.5) 1\nimp 0.0 Some(1.0) 2\ndict 1.0 None 0\n");
    for (call, msg) in [
        ("spawn('orc', 1.0, hp=1, speed=3)", "spawn() got an unexpected keyword argument 'speed'"),
        ("spawn('orc', kind='elf', hp=1)", "spawn() got multiple values for argument 'kind'"),
        ("spawn(y=1.0, hp=1)", "spawn() missing 2 required positional arguments: 'kind' and 'x'"),
        ("spawn('orc', 1.0)", "spawn() missing 1 required keyword-only argument: 'hp'"),
        ("spawn(1)", "spawn() missing 1 required positional argument: 'x'"),
        ("spawn('a', 1.0, x=2, hp=1)", "spawn() got multiple values for argument 'x'"),
        ("spawn('a', 1.0, 2.0, 3)", "spawn() takes 3 positional arguments but 4 were given"),
        ("spawn('a', x='far', hp=1)", "spawn() argument 'x': expected float, got str"),
    ] {
        let e = rt.exec(call, "k.py").unwrap_err();
        assert_eq!(e.summary(), format!("TypeError: {msg}"), "{call}");
        // The script can catch it like any TypeError.
        rt.exec(&format!("try:\n    {call}\nexcept TypeError as e:\n    print(e)"), "k.py").unwrap();
        assert_eq!(out.take(), format!("{msg}\n"));
    }
    // A plain name takes no keywords; a module function can have a signature too.
    rt.register_fn("plain", |_cx: &mut NativeCx, (a,): (i64,)| Ok(a));
    let e = rt.exec("plain(a=1)", "k.py").unwrap_err();
    assert_eq!(e.summary(), "TypeError: plain() takes no keyword arguments");
    rt.register_module("geo", |m| {
        m.function(
            coro_vm::embed::Signature::new("scale", ["v", "by"]),
            |_cx: &mut NativeCx, (v, by): (f64, Option<f64>)| Ok(v * by.unwrap_or(2.0)),
        );
        Ok(())
    })
    .unwrap();
    rt.exec("import geo\nprint(geo.scale(3, by=4), geo.scale(v=1))", "k.py").unwrap();
    assert_eq!(out.take(), "12.0 2.0\n");
}
