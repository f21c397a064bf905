//! Suspended runs held by the host: what happens to them when they are continued, interrupted,
//! cancelled or dropped, and what becomes of the Rust state their natives captured
//! (`call_then` continuations) when they never finish.

use coro_vm::embed::{Error, Handle, NativeCx, Runtime, Step};
use std::rc::Rc;

/// A runtime with `outer(f)`: calls `f()` through `call_then`, the continuation holding `token`,
/// and `ask()`, a native that suspends the script.
fn runtime_with_continuation(token: &Rc<()>) -> Runtime {
    let mut rt = Runtime::builder().recursion_limit(60).build();
    let t = token.clone();
    rt.register_fn("outer", move |cx: &mut NativeCx, (f,): (Handle,)| {
        let held = t.clone();
        cx.call_then(&f, (), move |_cx, r: i64| {
            let _ = &held;
            Ok(r + 1)
        })
    });
    rt.register_fn("ask", |cx: &mut NativeCx, ()| cx.suspend("q"));
    rt.exec("def spin():\n    while True:\n        pass\n", "c.py").unwrap();
    rt
}

#[test]
fn call_then_continuation_runs_and_is_released() {
    let token = Rc::new(());
    let mut rt = runtime_with_continuation(&token);
    rt.exec("r = outer(lambda: 41)", "c.py").unwrap();
    assert_eq!(rt.global::<i64>("r").unwrap(), 42);
    // Registered once (the native), used and released (the continuation).
    assert_eq!(Rc::strong_count(&token), 2);
}

#[test]
fn call_then_slot_is_released_when_a_suspended_run_is_dropped() {
    let token = Rc::new(());
    let mut rt = runtime_with_continuation(&token);
    let Step::Suspended(p) = rt.start_exec("r = outer(lambda: ask())", "c.py").unwrap() else { panic!() };
    assert_eq!(Rc::strong_count(&token), 3, "the continuation waits");
    drop(p);
    rt.exec("pass", "c.py").unwrap();
    assert_eq!(Rc::strong_count(&token), 2, "the abandoned run's continuation was dropped");
}

#[test]
fn call_then_slot_is_released_when_a_fuel_paused_run_is_dropped() {
    let token = Rc::new(());
    let mut rt = runtime_with_continuation(&token);
    rt.set_fuel(Some(1000));
    // The simple API abandons the run it cannot finish.
    let e = rt.exec("outer(spin)", "c.py").unwrap_err();
    assert_eq!(e.type_name(), "OutOfFuel");
    rt.set_fuel(None);
    rt.exec("pass", "c.py").unwrap();
    assert_eq!(Rc::strong_count(&token), 2);
}

#[test]
fn call_then_slot_is_released_when_the_call_cannot_start() {
    let token = Rc::new(());
    let mut rt = runtime_with_continuation(&token);
    // At the recursion limit the helper's frame cannot be pushed: RecursionError, caught by
    // the script, and the continuation never runs.
    rt.exec(
        "def down(n):\n    try:\n        return down(n + 1)\n    except RecursionError:\n        return outer(lambda: 1)\ntry:\n    down(0)\nexcept RecursionError:\n    pass\n",
        "c.py",
    )
    .unwrap();
    rt.collect_garbage();
    assert_eq!(Rc::strong_count(&token), 2);
}

#[test]
fn call_then_slot_is_released_when_the_reply_is_not_used() {
    let token = Rc::new(());
    let mut rt = runtime_with_continuation(&token);
    let t = token.clone();
    rt.register_fn("changes_mind", move |cx: &mut NativeCx, (f,): (Handle,)| {
        let held = t.clone();
        let _unused = cx.call_then(&f, (), move |_cx, r: i64| {
            let _ = &held;
            Ok(r)
        })?;
        Err::<i64, _>(Error::new("ValueError", "no"))
    });
    for _ in 0..100 {
        let e = rt.exec("changes_mind(lambda: 1)", "c.py").unwrap_err();
        assert_eq!(e.summary(), "ValueError: no");
    }
    rt.collect_garbage();
    assert_eq!(Rc::strong_count(&token), 3, "only the two natives hold the token");
}

const SERVER: &str = "\
log = []

def work():
    n = 0
    while True:
        n += 1

def serve():
    try:
        work()
    except KeyboardInterrupt:
        log.append('interrupted')
        return 'stopped'
    finally:
        log.append('finally')

def worker():
    total = 0
    while True:
        try:
            while True:
                total += 1
        except ValueError as e:
            log.append(str(e))
            yield 'recovered'
";

fn server() -> Runtime {
    let mut rt = Runtime::builder().fuel(5_000).build();
    rt.exec(SERVER, "server.py").unwrap();
    rt
}

#[test]
fn an_exception_raised_into_a_fuel_paused_run_is_caught_by_the_script() {
    let mut rt = server();
    let Step::OutOfFuel(p) = rt.start_call("serve", ()).unwrap() else { panic!("did not run out") };
    rt.add_fuel(5_000);
    let Step::Returned(r) = rt.raise_in(p, Error::new("KeyboardInterrupt", "")).unwrap() else { panic!() };
    assert_eq!(rt.get::<String>(&r).unwrap(), "stopped");
    assert_eq!(rt.global::<Vec<String>>("log").unwrap(), ["interrupted", "finally"]);
}

#[test]
fn an_exception_nobody_catches_reports_where_the_run_was_paused() {
    let mut rt = server();
    rt.exec("def outer():\n    return work()\n", "outer.py").unwrap();
    let Step::OutOfFuel(p) = rt.start_call("outer", ()).unwrap() else { panic!() };
    let e = rt.raise_in(p, Error::new("TimeoutError", "too slow")).unwrap_err();
    assert_eq!(e.summary(), "TimeoutError: too slow");
    let tb = e.traceback();
    assert!(tb.contains("File \"outer.py\", line 2, in outer"), "{tb}");
    // The line of the loop's back edge, as CPython attributes its JUMP_BACKWARD.
    assert!(tb.contains("File \"server.py\", line 5, in work"), "{tb}");
    // The runtime goes on.
    rt.set_fuel(None);
    assert_eq!(rt.call::<i64>("len", ("abc",)).unwrap(), 3);
}

#[test]
fn a_host_driven_generator_paused_by_fuel_takes_an_exception_and_goes_on() {
    let mut rt = server();
    let gen: Handle = rt.call("worker", ()).unwrap();
    for round in 0..3 {
        let Step::OutOfFuel(p) = rt.resume(&gen, ()).unwrap() else { panic!("round {round}") };
        rt.add_fuel(5_000);
        let Step::Yielded(v) = rt.raise_in(p, Error::new("ValueError", format!("tick {round}"))).unwrap() else {
            panic!()
        };
        assert_eq!(rt.get::<String>(&v).unwrap(), "recovered");
    }
    assert_eq!(rt.global::<Vec<String>>("log").unwrap(), ["tick 0", "tick 1", "tick 2"]);
    // An exception it does not catch finishes it.
    let Step::OutOfFuel(p) = rt.resume(&gen, ()).unwrap() else { panic!() };
    assert_eq!(rt.raise_in(p, Error::new("KeyError", "k")).unwrap_err().summary(), "KeyError: 'k'");
    let e = rt.resume(&gen, ()).unwrap();
    assert!(matches!(e, Step::Returned(_)), "the generator is finished");
}

#[test]
fn without_fuel_the_handler_pauses_again() {
    let mut rt = server();
    let gen: Handle = rt.call("worker", ()).unwrap();
    let Step::OutOfFuel(p) = rt.resume(&gen, ()).unwrap() else { panic!() };
    assert!(rt.fuel().unwrap() < 10);
    // The handler calls `str` and `log.append`: with no fuel it stops at the first call, inside
    // the handler, and goes on from there when given more.
    let Step::OutOfFuel(p) = rt.raise_in(p, Error::new("ValueError", "x")).unwrap() else { panic!() };
    assert_eq!(rt.global::<Vec<String>>("log").unwrap(), Vec::<String>::new());
    rt.add_fuel(1_000);
    assert!(matches!(rt.proceed(p).unwrap(), Step::Yielded(_)));
    assert_eq!(rt.global::<Vec<String>>("log").unwrap(), ["x"]);
}

#[test]
fn cancel_stops_paused_and_pending_runs_without_running_the_script() {
    let token = Rc::new(());
    let mut rt = runtime_with_continuation(&token);
    rt.exec("log = []\ndef g():\n    try:\n        yield outer(lambda: ask())\n    finally:\n        log.append('finally')\n", "c.py")
        .unwrap();
    // A pending run.
    let gen: Handle = rt.call("g", ()).unwrap();
    let Step::Suspended(p) = rt.resume(&gen, ()).unwrap() else { panic!() };
    assert_eq!(Rc::strong_count(&token), 3);
    rt.cancel(p).unwrap();
    assert_eq!(Rc::strong_count(&token), 2, "cancel drops the continuation at once");
    assert!(matches!(rt.resume(&gen, ()).unwrap(), Step::Returned(_)));
    assert_eq!(rt.global::<Vec<String>>("log").unwrap(), Vec::<String>::new());
    // A paused run.
    rt.set_fuel(Some(1_000));
    let Step::OutOfFuel(p) = rt.start_call("spin", ()).unwrap() else { panic!() };
    rt.cancel(p).unwrap();
    rt.set_fuel(None);
    rt.exec("x = 1", "c.py").unwrap();
}

#[test]
fn a_suspended_run_belongs_to_its_runtime() {
    let mut a = server();
    let mut b = server();
    let Step::OutOfFuel(p) = a.start_call("serve", ()).unwrap() else { panic!() };
    let e = b.raise_in(p, Error::new("ValueError", "")).unwrap_err();
    assert_eq!(e.kind(), coro_vm::embed::ErrorKind::Usage);
    let Step::OutOfFuel(p) = a.start_call("serve", ()).unwrap() else { panic!() };
    assert_eq!(b.cancel(p).unwrap_err().kind(), coro_vm::embed::ErrorKind::Usage);
}
