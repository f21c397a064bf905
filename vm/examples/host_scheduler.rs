//! Scripts call a host `sleep(ms)` that suspends the whole script; the host keeps a timer heap
//! (virtual time, so the run is deterministic) and resumes each script when its deadline comes,
//! in deadline order. A suspension works at any depth: here inside a generator a `for` loop
//! drives, and inside a `yield from` chain.
//!
//!     cargo run -p coro-vm --example host_scheduler

use coro_vm::embed::{Error, NativeCx, OutputBuffer, Pending, Runtime, Step};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::Write;

const SCRIPTS: &str = "\
def worker(name, delays):
    for d in delays:
        print(f'{name}: sleep {d}')
        now = sleep(d)
        print(f'{name}: woke at {now}')
    return name + ' finished'

def ticks(n, every):
    for i in range(n):
        yield sleep(every)

def relay(n, every):
    got = yield from ticks(n, every)
    return got

def watcher(name):
    count = 0
    for now in relay(3, 250):
        count += 1
        print(f'{name}: tick {count} at {now}')
    return f'{name} saw {count} ticks'
";

/// A suspended script waiting for its timer.
struct Timer {
    deadline: u64,
    seq: u64,
    name: String,
    pending: Pending,
}

impl PartialEq for Timer {
    fn eq(&self, o: &Self) -> bool {
        (self.deadline, self.seq) == (o.deadline, o.seq)
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timer {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.deadline, self.seq).cmp(&(o.deadline, o.seq))
    }
}

/// Runs the scripts to completion; everything they and the host print goes to `out`.
pub fn run(out: &mut dyn Write) -> Result<(), Error> {
    let printed = OutputBuffer::default();
    let mut rt = Runtime::builder().stdout(printed.clone()).build();
    rt.register_fn("sleep", |cx: &mut NativeCx, (ms,): (u64,)| cx.suspend(ms));
    rt.exec(SCRIPTS, "scripts.py")?;
    let mut timers: BinaryHeap<Reverse<Timer>> = BinaryHeap::new();
    let mut now = 0u64;
    let mut seq = 0u64;
    let tasks: [(&str, Step); 3] = [
        ("A", rt.start_call("worker", ("A", vec![300, 100]))?),
        ("B", rt.start_call("worker", ("B", vec![100, 100, 100]))?),
        ("W", rt.start_call("watcher", ("W",))?),
    ];
    let mut ready: Vec<(String, Step)> = tasks.into_iter().map(|(n, s)| (n.to_string(), s)).collect();
    loop {
        for (name, step) in ready.drain(..) {
            let _ = out.write_all(printed.take().as_bytes());
            match step {
                Step::Suspended(pending) => {
                    let ms: u64 = rt.get(pending.request())?;
                    seq += 1;
                    timers.push(Reverse(Timer { deadline: now + ms, seq, name, pending }));
                }
                Step::Returned(v) => {
                    let _ = writeln!(out, "[{now:>4} ms] {name} returned {}", rt.repr(&v)?);
                }
                Step::Yielded(_) | Step::OutOfFuel(_) => unreachable!("tasks are plain calls without a fuel limit"),
            }
        }
        let Some(Reverse(t)) = timers.pop() else { break };
        now = t.deadline;
        let _ = writeln!(out, "[{now:>4} ms] resume {}", t.name);
        let step = rt.reply(t.pending, now)?;
        ready.push((t.name, step));
    }
    let _ = out.write_all(printed.take().as_bytes());
    Ok(())
}

fn main() {
    if let Err(e) = run(&mut std::io::stdout()) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
