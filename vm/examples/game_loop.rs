//! A host drives thousands of entity scripts, each a Python generator: once per frame the host
//! resumes every live entity (sending it the frame's event), the entity calls host functions to
//! look at the world, and yields its new position; an entity whose generator returns is dead.
//!
//!     cargo run --release -p coro-vm --example game_loop [ENTITIES] [FRAMES]

use coro_vm::embed::{Error, Handle, NativeCx, Runtime, Step};
use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;
use std::time::Instant;

const ENTITY: &str = "\
def entity(id, x, y):
    hp = 100
    while hp > 0:
        dx, dy = wander(id)
        x = min(max(x + dx, 0), 99)
        y = min(max(y + dy, 0), 99)
        if in_lava(x, y):
            hp -= 30
        event = yield x, y
        if event == 'storm':
            hp -= 5
    return id
";

/// What a run of the game did.
pub struct Stats {
    pub resumes: u64,
    pub alive: usize,
    pub host_calls: u64,
    pub seconds: f64,
}

/// Runs `entities` entity scripts for `frames` frames, writing one line per reported frame.
pub fn run(out: &mut dyn Write, entities: usize, frames: usize) -> Result<Stats, Error> {
    let mut rt = Runtime::builder().build();
    let host_calls = Rc::new(Cell::new(0u64));
    let calls = host_calls.clone();
    // A deterministic pseudo-random walk, kept by the host.
    let seed = Rc::new(Cell::new(12345u64));
    rt.register_fn("wander", move |_cx: &mut NativeCx, (id,): (i64,)| {
        calls.set(calls.get() + 1);
        let s = seed.get().wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407 + id as u64);
        seed.set(s);
        Ok(((s >> 33) as i64 % 3 - 1, (s >> 40) as i64 % 3 - 1))
    });
    let calls = host_calls.clone();
    rt.register_fn("in_lava", move |_cx: &mut NativeCx, (x, y): (i64, i64)| {
        calls.set(calls.get() + 1);
        Ok((x - 50).abs() < 3 && (y - 50).abs() < 3)
    });
    rt.exec(ENTITY, "entity.py")?;
    let mut live: Vec<Handle> = Vec::with_capacity(entities);
    for i in 0..entities {
        let (x, y) = ((i * 7) % 100, (i * 13) % 100);
        live.push(rt.call("entity", (i, x, y))?);
    }
    let start = Instant::now();
    let mut resumes = 0u64;
    for frame in 0..frames {
        let event = if frame % 10 == 9 { Some("storm") } else { None };
        let mut died = 0;
        let mut next = Vec::with_capacity(live.len());
        for e in live {
            resumes += 1;
            // The first resume of a generator must send None.
            let sent = if frame == 0 { None } else { event };
            match rt.resume(&e, sent)? {
                Step::Yielded(_) => next.push(e),
                Step::Returned(_) => died += 1,
                Step::OutOfFuel(_) | Step::Suspended(_) => unreachable!("no fuel limit, no suspending natives"),
            }
        }
        live = next;
        if frame % 10 == 9 || frame + 1 == frames {
            let _ = writeln!(out, "frame {:>3}: {:>6} alive, {:>4} died this frame", frame + 1, live.len(), died);
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    Ok(Stats { resumes, alive: live.len(), host_calls: host_calls.get(), seconds })
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().unwrap_or(0));
    let entities = args.next().filter(|n| *n > 0).unwrap_or(10_000);
    let frames = args.next().filter(|n| *n > 0).unwrap_or(60);
    let mut out = std::io::stdout();
    match run(&mut out, entities, frames) {
        Ok(s) => println!(
            "{} resumes and {} host calls in {:.3} s: {:.0} resumes/s, {} entities alive",
            s.resumes,
            s.host_calls,
            s.seconds,
            s.resumes as f64 / s.seconds,
            s.alive
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
