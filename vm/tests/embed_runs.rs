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
