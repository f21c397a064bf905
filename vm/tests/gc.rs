//! The collector reclaims garbage, cycles included, so memory stays flat in loops that make it.

use coro_vm::Vm;

fn live_after(src: &str) -> usize {
    let mut vm = Vm::with_output(Box::new(std::io::sink()), Box::new(std::io::sink()));
    if let Err(e) = vm.run_main(src, "<gc>") {
        panic!("program failed: {e:?}");
    }
    vm.collect_garbage(None);
    vm.heap.len()
}

#[test]
fn cyclic_garbage_is_reclaimed() {
    let base = live_after("pass\n");
    // 300,000 two-element cycles (a list holding a dict holding the list), all unreachable.
    let after = live_after("for i in range(300000):\n    a = []\n    d = {'a': a}\n    a.append(d)\n");
    assert!(after < base + 100, "live objects grew from {base} to {after}");
}

#[test]
fn suspended_generators_are_reclaimed_when_dropped() {
    let base = live_after("pass\n");
    let after = live_after(
        "def g():\n    x = [1, 2, 3]\n    yield x\n    yield x\nfor i in range(200000):\n    it = g()\n    next(it)\n",
    );
    assert!(after < base + 100, "live objects grew from {base} to {after}");
}

#[test]
fn collection_runs_during_long_loops() {
    let mut vm = Vm::with_output(Box::new(std::io::sink()), Box::new(std::io::sink()));
    let src = "for i in range(1000000):\n    a = [i]\n    a.append(a)\n";
    if let Err(e) = vm.run_main(src, "<gc>") {
        panic!("program failed: {e:?}");
    }
    assert!(vm.heap.collections > 0, "the collector never ran");
    assert!(vm.heap.len() < 300_000, "{} objects live after the loop", vm.heap.len());
}

#[test]
fn deque_cycles_are_reclaimed() {
    let base = live_after("from collections import deque\n");
    // Deques holding themselves, each other, and iterators over themselves: all unreachable.
    let after = live_after(
        "from collections import deque\nfor i in range(100000):\n    d = deque([i])\n    e = deque([d], maxlen=3)\n    d.append(e)\n    d.append(iter(d))\n    e.appendleft(e)\n",
    );
    assert!(after < base + 100, "live objects grew from {base} to {after}");
}
