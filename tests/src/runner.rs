//! Finding the `coro` binary and running it on one file: bounded time, bounded captured
//! output, and a process-wide cap on how many runs happen at once.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

/// Env var naming a `coro` binary to test instead of the workspace's own.
pub const BIN_ENV: &str = "CORO_BIN";
/// Env var overriding the per-run timeout, in seconds.
pub const TIMEOUT_ENV: &str = "CORO_TEST_TIMEOUT";
/// Env var overriding how many `coro` processes may run at once.
pub const JOBS_ENV: &str = "CORO_TEST_JOBS";

const DEFAULT_TIMEOUT_SECS: u64 = 60;
/// Output past this many bytes per stream is dropped, so a runaway print loop cannot eat
/// the machine's memory before the timeout fires.
const CAPTURE_LIMIT: usize = 8 << 20;
/// How long to wait for a stream to reach end-of-file once the process has exited. Only
/// a grandchild still holding the pipe open can make this matter; the run is not
/// allowed to hang on it.
const DRAIN_GRACE: Duration = Duration::from_secs(5);

/// The `coro` binary under test. Unless `CORO_BIN` names one, this runs
/// `cargo build -p coro-vm --bin coro` once per test process (a no-op when it is fresh,
/// and it keeps a stale binary from being tested after `cargo test -p coro-tests`), then
/// takes the binary that build puts beside this test executable.
pub fn coro_bin() -> Result<&'static Path, String> {
    static BIN: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    BIN.get_or_init(locate_or_build).as_deref().map_err(Clone::clone)
}

fn locate_or_build() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os(BIN_ENV) {
        let bin = PathBuf::from(bin);
        return if bin.is_file() { Ok(bin) } else { Err(format!("{BIN_ENV}={} does not name a file", bin.display())) };
    }
    // current_exe is target/<profile>/deps/e2e-<hash>; cargo puts binaries in target/<profile>.
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the test executable: {e}"))?;
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or_else(|| format!("unexpected test executable location {}", exe.display()))?;
    let bin = profile_dir.join(format!("coro{}", std::env::consts::EXE_SUFFIX));
    match std::env::var_os("CARGO") {
        Some(cargo) => build(&cargo, profile_dir)?,
        // Run by hand rather than by cargo: test whatever binary is there.
        None if bin.is_file() => {}
        None => {
            return Err(format!(
                "{} is missing and this test was not started by cargo, so it cannot build it; \
                 run `cargo build -p coro-vm --bin coro` or set {BIN_ENV}",
                bin.display()
            ))
        }
    }
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!(
            "`cargo build -p coro-vm --bin coro` succeeded but {} does not exist \
             (cross-compiling or an unusual target dir?); set {BIN_ENV} to the binary",
            bin.display()
        ))
    }
}

/// Builds coro with the profile this test executable was built with.
fn build(cargo: &std::ffi::OsStr, profile_dir: &Path) -> Result<(), String> {
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "--quiet", "-p", "coro-vm", "--bin", "coro"]);
    match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") | None => {}
        Some("release") => {
            cmd.arg("--release");
        }
        Some(custom) => {
            cmd.args(["--profile", custom]);
        }
    }
    if let Some(dir) = option_env!("CARGO_MANIFEST_DIR") {
        cmd.current_dir(dir);
    }
    let out = cmd.stdin(Stdio::null()).output().map_err(|e| format!("cannot start cargo to build coro: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "building the coro binary failed ({:?}, {}); fix the build or set {BIN_ENV}.\n{}",
            cmd,
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// How one run ended: exit status (`None` if killed by a signal), both streams decoded
/// lossily as UTF-8, and whether the timeout killed it.
#[derive(Debug)]
pub struct Outcome {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub timed_out: bool,
    pub elapsed: Duration,
}

/// The per-run time limit: `CORO_TEST_TIMEOUT` seconds, else 60.
pub fn timeout() -> Duration {
    let secs = std::env::var(TIMEOUT_ENV).ok().and_then(|s| s.parse().ok());
    Duration::from_secs(secs.unwrap_or(DEFAULT_TIMEOUT_SECS))
}

/// Runs `bin run <file_name> <args>` in `dir` with stdin from `stdin` (else empty). Waits
/// for at most `limit`; a run still going then is killed and reported with `timed_out`.
pub fn run(
    bin: &Path,
    dir: &Path,
    file_name: &str,
    args: &[String],
    stdin: Option<&Path>,
    limit: Duration,
) -> Result<Outcome, String> {
    let _permit = Permit::acquire();
    let stdin = match stdin {
        Some(p) => Stdio::from(std::fs::File::open(p).map_err(|e| format!("cannot open {}: {e}", p.display()))?),
        None => Stdio::null(),
    };
    let start = Instant::now();
    let mut child = Command::new(bin)
        .arg("run")
        .arg(file_name)
        .args(args)
        .current_dir(dir)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let out_reader = capture(child.stdout.take());
    let err_reader = capture(child.stderr.take());
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() >= limit => {
                timed_out = true;
                // Ignoring the error: the child may have exited since try_wait.
                let _ = child.kill();
                break child.wait().map_err(|e| format!("waiting for coro: {e}"))?;
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for coro: {e}")),
        }
    };
    let elapsed = start.elapsed();
    let drain_deadline = Instant::now() + DRAIN_GRACE;
    Ok(Outcome {
        status: status.code(),
        stdout: out_reader.finish(drain_deadline),
        stderr: err_reader.finish(drain_deadline),
        timed_out,
        elapsed,
    })
}

/// A pipe being drained on its own thread (so neither stream can fill up and block the
/// child), keeping the first `CAPTURE_LIMIT` bytes.
struct Capture {
    kept: Arc<Mutex<Vec<u8>>>,
    dropped: Arc<Mutex<bool>>,
    done: Receiver<()>,
}

impl Capture {
    /// What was read, once the pipe hit end-of-file or `deadline` passed.
    fn finish(self, deadline: Instant) -> String {
        let wait = deadline.saturating_duration_since(Instant::now());
        let complete = self.done.recv_timeout(wait).is_ok();
        let kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        let mut text = String::from_utf8_lossy(&kept).into_owned();
        if *self.dropped.lock().unwrap_or_else(|p| p.into_inner()) {
            text.push_str("\n[coro-tests: output past 8 MiB dropped]\n");
        }
        if !complete {
            text.push_str("\n[coro-tests: stream still open after the process ended]\n");
        }
        text
    }
}

fn capture<R: Read + Send + 'static>(pipe: Option<R>) -> Capture {
    let kept = Arc::new(Mutex::new(Vec::new()));
    let dropped = Arc::new(Mutex::new(false));
    let (tx, done) = mpsc::channel();
    let (kept2, dropped2) = (Arc::clone(&kept), Arc::clone(&dropped));
    thread::spawn(move || {
        if let Some(mut pipe) = pipe {
            let mut buf = [0u8; 8192];
            loop {
                match pipe.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut kept = kept2.lock().unwrap_or_else(|p| p.into_inner());
                        let room = CAPTURE_LIMIT.saturating_sub(kept.len());
                        kept.extend_from_slice(&buf[..n.min(room)]);
                        if n > room {
                            *dropped2.lock().unwrap_or_else(|p| p.into_inner()) = true;
                        }
                    }
                }
            }
        }
        // The receiver may be gone if the run already gave up waiting.
        let _ = tx.send(());
    });
    Capture { kept, dropped, done }
}

/// How many `coro` processes may run at once across all tests of this process:
/// `CORO_TEST_JOBS`, else the machine's parallelism.
pub fn jobs() -> usize {
    let env = std::env::var(JOBS_ENV).ok().and_then(|s| s.parse().ok());
    env.unwrap_or_else(|| thread::available_parallelism().map_or(2, |n| n.get())).max(1)
}

/// A slot in the process-wide limit on concurrent runs. libtest already runs the
/// `#[test]`s in parallel and each of them runs its cases in parallel, so without this the
/// machine would see tests x jobs processes at once.
struct Permit;

static RUNNING: Mutex<usize> = Mutex::new(0);
static SLOT_FREED: Condvar = Condvar::new();

impl Permit {
    fn acquire() -> Permit {
        let limit = jobs();
        let mut running = RUNNING.lock().unwrap_or_else(|p| p.into_inner());
        while *running >= limit {
            running = SLOT_FREED.wait(running).unwrap_or_else(|p| p.into_inner());
        }
        *running += 1;
        Permit
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut running = RUNNING.lock().unwrap_or_else(|p| p.into_inner());
        *running -= 1;
        SLOT_FREED.notify_one();
    }
}

/// Runs the coro binary with `args` in a scratch directory holding `files`, feeding `stdin`;
/// returns (status, stdout, stderr).
pub fn coro_in_scratch(args: &[&str], files: &[(&str, &str)], stdin: &str) -> (Option<i32>, String, String) {
    let bin = coro_bin().unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("coro-scratch-{}-{}", std::process::id(), unique()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write a scratch file");
    }
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start coro");
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("wait for coro");
    let _ = writer.join();
    let _ = std::fs::remove_dir_all(&dir);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn unique() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}
