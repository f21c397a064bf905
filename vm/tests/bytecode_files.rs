//! Bytecode files through the real `coro` binary: `coro compile` output runs and prints what the
//! source prints, is byte-for-byte deterministic, disassembles, and files from other versions or
//! that fail to verify are refused with a clean message; and mutated files that *do* verify run
//! without a panic or a signal.
//!
//! What the mutant runs cover: every single-byte change of the compiled `programs/` is loaded
//! in-process (deterministically, 8 replacement values per byte; every truncation is refused, see
//! compiler/tests/hostile_bytecode.rs). Every one that verifies is run in-process under the fuzz
//! targets' fuel, memory and depth limits (`tests/fuzz/src/targets.rs`) and must end cleanly,
//! however it ends. A fixed pseudo-random sample of them (`CORO_MUTANTS`, default 40, two thirds
//! changes to instruction bytes) is also run by the binary, unbounded, in child processes with a
//! timeout: a run may end with any exit status and message, but not by a signal or a Rust panic;
//! one that loops forever (a jump turned backwards) is a legitimate program that never ends, and
//! is killed at the timeout and counted, not failed.

#[path = "../../tests/fuzz/src/targets.rs"]
#[allow(dead_code)]
mod targets;

use coro_compiler::bytecode_file;
use coro_compiler::code::{Code, Const};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_coro");

fn programs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../programs")
}

fn programs() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(programs_dir())
        .expect("programs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    files
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("coro-bytecode-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn coro(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).stdin(Stdio::null()).output().expect("run coro")
}

/// The stdout section of a CPython expectation file (see tests/README.md).
fn expected_stdout(py: &Path) -> String {
    let text = std::fs::read_to_string(py.with_extension("expected")).expect("expectation");
    let at = text.find("--- stdout\n").expect("stdout marker") + "--- stdout\n".len();
    text[at..].to_string()
}

#[test]
fn compiled_programs_print_what_cpython_prints() {
    let dir = scratch("programs");
    for py in programs() {
        let out = dir.join(py.file_name().unwrap()).with_extension("coroc");
        let (py_s, out_s) = (py.to_str().unwrap(), out.to_str().unwrap());
        let c = coro(&["compile", py_s, "-o", out_s]);
        assert!(c.status.success(), "compile {py_s}: {}", String::from_utf8_lossy(&c.stderr));
        let first = std::fs::read(&out).unwrap();
        // Deterministic: compiling again gives the same bytes.
        assert!(coro(&["compile", py_s, "-o", out_s]).status.success());
        assert_eq!(first, std::fs::read(&out).unwrap(), "{py_s} compiled twice differs");
        let r = coro(&["run", out_s]);
        assert_eq!(r.status.code(), Some(0), "{out_s}: {}", String::from_utf8_lossy(&r.stderr));
        assert_eq!(String::from_utf8_lossy(&r.stdout), expected_stdout(&py), "{out_s}");
        let d = coro(&["dis", out_s]);
        assert!(d.status.success());
        assert_eq!(d.stdout, coro(&["dis", py_s]).stdout, "dis of {out_s} and of its source differ");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn compile_check_writes_nothing_and_reports_syntax_errors() {
    let dir = scratch("check");
    let bad = dir.join("bad.py");
    std::fs::write(&bad, "x = (\n").unwrap();
    let r = coro(&["compile", "--check", bad.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("SyntaxError: '(' was never closed"));
    let good = dir.join("good.py");
    std::fs::write(&good, "print('hi')\n").unwrap();
    let r = coro(&["compile", "--check", good.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(0));
    assert!(!dir.join("good.coroc").exists());
    // Without -o the file goes beside the source.
    assert!(coro(&["compile", good.to_str().unwrap()]).status.success());
    let r = coro(&["run", dir.join("good.coroc").to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&r.stdout), "hi\n");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn tracebacks_and_imports_from_bytecode() {
    let dir = scratch("imports");
    std::fs::write(dir.join("helper.py"), "def boom(x):\n    return 1 // x\n").unwrap();
    let main = dir.join("main.py");
    std::fs::write(&main, "import helper\nprint(helper.__name__)\nhelper.boom(0)\n").unwrap();
    let out = dir.join("main.coroc");
    assert!(coro(&["compile", main.to_str().unwrap(), "-o", out.to_str().unwrap()]).status.success());
    let r = coro(&["run", out.to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&r.stdout), "helper\n");
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1));
    // The main file's frame names the source it was compiled from, with its line.
    assert!(err.contains(&format!("File \"{}\", line 3, in <module>\n    helper.boom(0)", main.display())), "{err}");
    assert!(err.ends_with("ZeroDivisionError: integer division or modulo by zero\n"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_bytecode_program_imports_bytecode_modules_beside_it() {
    let dir = scratch("coroc-imports");
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    let compile = |name: &str| {
        let py = dir.join(name);
        assert!(coro(&["compile", py.to_str().unwrap()]).status.success());
    };
    write(
        "main.py",
        "import helper\nimport other\nprint(helper.where, other.where, helper.__file__[-6:])\nhelper.boom(0)\n",
    );
    write("helper.py", "where = 'helper compiled'\ndef boom(x):\n    return 1 // x\n");
    write("other.py", "where = 'other compiled'\n");
    for f in ["main.py", "helper.py", "other.py"] {
        compile(f);
    }
    // Only bytecode shipped for helper; other's source was edited after compiling, and wins.
    std::fs::remove_file(dir.join("helper.py")).unwrap();
    write("other.py", "where = 'other source'\n");
    let r = coro(&["run", dir.join("main.coroc").to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&r.stdout), "helper compiled other source .coroc\n");
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    // The traceback names the module's source (it was compiled from there) and its line.
    assert!(err.contains("helper.py\", line 3, in boom"), "{err}");
    assert!(err.ends_with("ZeroDivisionError: integer division or modulo by zero\n"), "{err}");
    // A source program does not import bytecode modules.
    let r = coro(&["run", dir.join("main.py").to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&r.stderr).ends_with("ModuleNotFoundError: No module named 'helper'\n"));
    // A module file that does not load is an ImportError naming it.
    let mut bad = std::fs::read(dir.join("helper.coroc")).unwrap();
    bad.truncate(bad.len() - 1);
    std::fs::write(dir.join("helper.coroc"), bad).unwrap();
    let r = coro(&["run", dir.join("main.coroc").to_str().unwrap()]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("ImportError: ") && err.contains("helper.coroc: malformed bytecode file at byte"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn refused_files_give_clean_messages() {
    let dir = scratch("refused");
    let py = dir.join("p.py");
    std::fs::write(&py, "print(1)\n").unwrap();
    let out = dir.join("p.coroc");
    assert!(coro(&["compile", py.to_str().unwrap(), "-o", out.to_str().unwrap()]).status.success());
    let good = std::fs::read(&out).unwrap();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            {
                let mut b = good.clone();
                b[4] = b[4].wrapping_add(1);
                b
            },
            "bytecode file from another version of coro",
        ),
        (
            {
                let mut b = good.clone();
                b[5] ^= 0x55;
                b
            },
            "recompile it from its source",
        ),
        (good[..good.len() - 1].to_vec(), "malformed bytecode file at byte"),
    ];
    for (bytes, needle) in cases {
        std::fs::write(&out, &bytes).unwrap();
        for cmd in ["run", "dis"] {
            let r = coro(&[cmd, out.to_str().unwrap()]);
            let err = String::from_utf8_lossy(&r.stderr);
            assert_eq!(r.status.code(), Some(1), "{cmd}: {err}");
            assert!(err.starts_with(&format!("coro: {}: ", out.display())) && err.contains(needle), "{cmd}: {err}");
            assert!(r.stdout.is_empty());
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// Every code object of `c`, depth first.
fn codes(c: &Code) -> Vec<&Code> {
    let mut out = vec![c];
    for k in &c.consts {
        if let Const::Code(inner) = k {
            out.extend(codes(inner));
        }
    }
    out
}

/// The verifying single-byte mutants of the compiled `programs/` (8 values a byte), as
/// (label, bytes), split into those that changed instructions and the others.
type Mutants = Vec<(String, Vec<u8>)>;

fn verified_mutants() -> (Mutants, Mutants) {
    let mut code_mutants = Vec::new();
    let mut other_mutants = Vec::new();
    for py in programs() {
        let src = std::fs::read_to_string(&py).unwrap();
        let name = py.file_name().unwrap().to_string_lossy().to_string();
        let orig = coro_compiler::compile_module(&src, &name).unwrap();
        let orig_code: Vec<Vec<u8>> = codes(&orig).iter().map(|c| c.code.clone()).collect();
        let bytes = bytecode_file::save(&orig);
        let mut m = bytes.clone();
        for i in 0..bytes.len() {
            let b = bytes[i];
            let mut values = [b ^ 1, b ^ 2, b ^ 0x10, b ^ 0x80, 0, 0xff, b.wrapping_add(1), b.wrapping_sub(1)];
            values.sort_unstable();
            for (k, &v) in values.iter().enumerate() {
                if v == b || (k > 0 && values[k - 1] == v) {
                    continue;
                }
                m[i] = v;
                if let Ok(loaded) = bytecode_file::load(&m) {
                    let changed = codes(&loaded).iter().map(|c| &c.code).ne(orig_code.iter());
                    let label = format!("{name} byte {i}: {b} -> {v}");
                    if changed { &mut code_mutants } else { &mut other_mutants }.push((label, m.clone()));
                }
            }
            m[i] = b;
        }
    }
    (code_mutants, other_mutants)
}

#[test]
fn every_verified_mutant_runs_cleanly_under_limits() {
    let (code_mutants, other_mutants) = verified_mutants();
    let all: Vec<&(String, Vec<u8>)> = code_mutants.iter().chain(&other_mutants).collect();
    let next = AtomicUsize::new(0);
    let endings = Mutex::new(std::collections::BTreeMap::<String, usize>::new());
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(4);
    std::thread::scope(|s| {
        for _ in 0..workers {
            let (all, next, endings, failures) = (&all, &next, &endings, &failures);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((label, bytes)) = all.get(i) else { break };
                let code = bytecode_file::load(bytes).expect("it verified before");
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| targets::run_code(code))) {
                    Ok(ending) => {
                        let how = ending.lines().next().unwrap_or("").split(':').next().unwrap_or("").to_string();
                        *endings.lock().unwrap().entry(how).or_default() += 1;
                    }
                    Err(_) => failures.lock().unwrap().push(label.clone()),
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    eprintln!(
        "verified mutants run under limits: {} ({} changing instructions); endings: {:?}",
        all.len(),
        code_mutants.len(),
        endings.into_inner().unwrap()
    );
    assert!(all.len() > 1000, "only {} mutants verified", all.len());
    assert!(failures.is_empty(), "{} mutants did not end cleanly: {}", failures.len(), failures.join(", "));
}

#[test]
fn verified_mutants_run_without_crashing() {
    let sample: usize = std::env::var("CORO_MUTANTS").ok().and_then(|s| s.parse().ok()).unwrap_or(40);
    let (mut code_mutants, mut other_mutants) = verified_mutants();
    // A fixed pseudo-random pick (so failures reproduce), two thirds instruction changes.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut pick = |from: &mut Vec<(String, Vec<u8>)>, n: usize| {
        let mut out = Vec::new();
        for _ in 0..n.min(from.len()) {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let at = (seed >> 33) as usize % from.len();
            out.push(from.swap_remove(at));
        }
        out
    };
    let (n_code, n_other) = (code_mutants.len(), other_mutants.len());
    let mut chosen = pick(&mut code_mutants, sample * 2 / 3);
    chosen.extend(pick(&mut other_mutants, sample - chosen.len()));

    let dir = scratch("mutants");
    let limit = Duration::from_secs(4);
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let timeouts = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(4);
    std::thread::scope(|s| {
        for w in 0..workers {
            let (dir, chosen, next, failures, timeouts) = (&dir, &chosen, &next, &failures, &timeouts);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((label, bytes)) = chosen.get(i) else { break };
                let file = dir.join(format!("m{w}.coroc"));
                let err_file = dir.join(format!("m{w}.err"));
                std::fs::write(&file, bytes).unwrap();
                let mut child = Command::new(BIN)
                    .arg("run")
                    .arg(&file)
                    .current_dir(dir)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(std::fs::File::create(&err_file).unwrap())
                    .spawn()
                    .expect("start coro");
                let start = Instant::now();
                let status = loop {
                    if let Some(st) = child.try_wait().expect("wait") {
                        break Some(st);
                    }
                    if start.elapsed() > limit {
                        let _ = child.kill();
                        let _ = child.wait();
                        break None;
                    }
                    std::thread::sleep(Duration::from_millis(2));
                };
                let err = std::fs::read(&err_file).unwrap_or_default();
                let err = String::from_utf8_lossy(&err[err.len().saturating_sub(2000)..]).to_string();
                match status {
                    None => {
                        timeouts.fetch_add(1, Ordering::Relaxed);
                    }
                    Some(st)
                        if st.code().is_none() || err.contains("panicked") || matches!(st.code(), Some(70 | 101)) =>
                    {
                        failures.lock().unwrap().push(format!("{label}: {st:?}\n{err}"));
                    }
                    Some(_) => {}
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "verified mutants: {n_code} changing instructions, {n_other} other; ran {}, {} killed at the {limit:?} timeout",
        chosen.len(),
        timeouts.load(Ordering::Relaxed)
    );
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{} mutants crashed:\n{}", failures.len(), failures.join("\n"));
}
