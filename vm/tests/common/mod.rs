//! What several integration tests share: running a program on a thread with a small native stack
//! and capturing what it prints.

use coro_vm::{RunError, Vm};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Output captured from a VM run.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `src` as `filename` on a 256 KiB thread, with imports searching `dir` (none when
/// `None`); returns stdout, or the last line of the error report. The VM never recurses on the
/// native stack, so a deep program must finish or fail cleanly here, never overflow.
pub fn run_on_small_stack(src: &str, filename: &str, dir: Option<PathBuf>) -> Result<String, String> {
    let (src, filename) = (src.to_string(), filename.to_string());
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let out = Capture::default();
            let mut vm = Vm::with_output(Box::new(out.clone()), Box::new(std::io::sink()));
            if let Some(d) = &dir {
                vm.set_search_dir(d);
            }
            let r = vm.run_main(&src, &filename);
            let text = String::from_utf8_lossy(&out.0.lock().map(|b| b.clone()).unwrap_or_default()).to_string();
            match r {
                Ok(()) => Ok(text),
                Err(RunError::Compile(e)) => Err(format!("{}: {}", e.kind.name(), e.msg)),
                Err(RunError::Exception(e)) => Err(vm.exc_summary(e)),
            }
        })
        .expect("spawn test thread");
    handle.join().expect("the VM thread must not crash")
}
