//! Untrusted scripts, each stopped cleanly by a limit: an infinite loop by fuel, runaway
//! recursion by the recursion limit, a memory bomb by the memory limit, and an attempt to reach
//! the host by the module allow-list. The host goes on running scripts afterwards.
//!
//!     cargo run -p coro-vm --example sandbox

use coro_vm::embed::{Error, OutputBuffer, Runtime, Step};
use std::io::Write;

const UNTRUSTED: &[(&str, &str)] = &[
    ("infinite loop", "n = 0\nwhile True:\n    n += 1\n"),
    ("runaway recursion", "def down(n):\n    return down(n + 1) + 1\ndown(0)\n"),
    ("memory bomb", "hoard = []\nwhile True:\n    hoard.append('x' * 1_000_000)\n"),
    ("escape attempt", "import time\ntime.sleep(3600)\n"),
    ("well behaved", "print('sum of squares:', sum(i * i for i in range(1000)))\n"),
];

/// Fuel for one script: about this many instructions.
const FUEL: u64 = 2_000_000;

/// Runs every untrusted script in one runtime, reporting how each ended.
pub fn run(out: &mut dyn Write) -> Result<(), Error> {
    let printed = OutputBuffer::default();
    let mut rt = Runtime::builder()
        .stdout(printed.clone())
        .recursion_limit(200)
        .memory_limit(64 << 20)
        .std_modules(["math"])
        .build();
    for (name, source) in UNTRUSTED {
        rt.set_fuel(Some(FUEL));
        // Each script gets its own globals, so what a stopped script held is freed with them.
        let ns = rt.namespace();
        let verdict = match rt.start_exec_in(&ns, source, &format!("<{name}>")) {
            Ok(Step::Returned(_)) => "finished".to_string(),
            // The script is only suspended; dropping the Paused abandons it.
            Ok(Step::OutOfFuel(_paused)) => format!("stopped: out of fuel ({FUEL} units)"),
            Ok(Step::Yielded(_) | Step::Suspended(_)) => "suspended".to_string(),
            Err(e) => format!("stopped: {}", e.summary()),
        };
        let _ = out.write_all(printed.take().as_bytes());
        let _ = writeln!(out, "{name:<18} {verdict}");
    }
    rt.set_fuel(None);
    rt.exec("import math\nprint('host still fine:', math.factorial(10))", "<after>")?;
    let _ = out.write_all(printed.take().as_bytes());
    rt.collect_garbage();
    let mib = rt.memory_used() >> 20;
    let _ = writeln!(out, "heap after the bombs: {} MiB", if mib < 8 { "under 8" } else { "8 or more" });
    Ok(())
}

fn main() {
    if let Err(e) = run(&mut std::io::stdout()) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
