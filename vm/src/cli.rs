//! The `coro` command line (clap): `coro run FILE|-c CODE|- [ARGS...]`, `coro dis FILE` and
//! `coro compile FILE` (FILE may be a `.coroc` bytecode file for run and dis: see `coroc`), and
//! `coro repl` (in `repl.rs`), `coro trace` and `coro profile` (the observing instance of the
//! loop: `observe.rs`, `trace.rs`, `profile.rs`).
//! Program output goes to stdout; an uncaught exception prints CPython's traceback on stderr and
//! exits with status 1; usage errors exit with status 2.

use crate::{RunError, Vm};
use clap::{Parser, Subcommand};
use std::io::Read;

#[derive(Parser)]
#[command(name = "coro", version, about = "coro: a Python-subset coroutine VM")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a program: a file, `-c CODE`, or `-` for standard input.
    Run {
        /// Program text to run instead of a file.
        #[arg(short = 'c', value_name = "CODE")]
        code: Option<String>,
        /// The program file (`-` reads standard input), then its arguments (`sys.argv[1:]`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Disassemble every code object of a program.
    Dis {
        /// The program file.
        file: String,
        /// Print JSON (schema: `coro_compiler::dis_json`, README "coro dis --json").
        #[arg(long)]
        json: bool,
        /// Only the code objects named NAME: a plain name (`inner`), a dotted path (`outer.inner`,
        /// `Class.method`) or a qualified name (`outer.<locals>.inner`).
        #[arg(long, value_name = "NAME")]
        func: Option<String>,
    },
    /// Compile a program to a bytecode file that `coro run` and `coro dis` accept.
    Compile {
        /// The program file.
        file: String,
        /// The bytecode file to write (default: FILE with the extension `.coroc`).
        #[arg(short = 'o', value_name = "OUT")]
        output: Option<String>,
        /// Only check that the program compiles; write nothing.
        #[arg(long)]
        check: bool,
    },
    /// An interactive session: multi-line input, history, results echoed (stdin may be a pipe).
    Repl,
    /// Run a program and print the control transfers between its frames (calls, returns,
    /// resumes, yields, `yield from`), after its own output.
    Trace {
        /// Print a Mermaid sequenceDiagram instead of the plain log.
        #[arg(long)]
        mermaid: bool,
        /// Keep the first N transfers (0: all).
        #[arg(long, value_name = "N", default_value_t = 1000)]
        limit: usize,
        /// Write the trace to OUT instead of standard output.
        #[arg(short = 'o', value_name = "OUT")]
        output: Option<String>,
        /// The program file, then its arguments (`sys.argv[1:]`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
        args: Vec<String>,
    },
    /// Run a program with the profiling loop and report instructions, functions, lines and
    /// generators, after its own output.
    Profile {
        /// Print the report as JSON (README "coro profile --json").
        #[arg(long)]
        json: bool,
        /// Also write a flame graph of the Python-level stacks, sampled by instruction count.
        #[arg(long, value_name = "OUT.svg")]
        flamegraph: Option<String>,
        /// Rows in the pair, function and line tables.
        #[arg(long, value_name = "N", default_value_t = 15)]
        top: usize,
        /// Write the report to OUT instead of standard output.
        #[arg(short = 'o', value_name = "OUT")]
        output: Option<String>,
        /// The program file, then its arguments (`sys.argv[1:]`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
        args: Vec<String>,
    },
}

/// Runs the CLI with the process arguments; returns the exit status. The work happens on a
/// thread with a large stack reservation: the VM itself never recurses, but the compiler's
/// recursive descent over deeply nested (yet bounded) source is safer with room to spare.
pub fn main() -> i32 {
    const STACK: usize = 256 << 20;
    match std::thread::Builder::new().name("coro".into()).stack_size(STACK).spawn(run_cli) {
        Ok(handle) => handle.join().unwrap_or(70),
        Err(_) => run_cli(),
    }
}

fn run_cli() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Run { code, args } => {
            let program = match code {
                Some(c) => {
                    let mut argv = vec!["-c".to_string()];
                    argv.extend(args);
                    let dir = std::env::current_dir().unwrap_or_default();
                    Program {
                        source: c,
                        filename: "<string>".into(),
                        argv,
                        dir,
                        bytecode: None,
                        shown: "<string>".into(),
                    }
                }
                None => match Program::load(args) {
                    Ok(p) => p,
                    Err(status) => return status,
                },
            };
            let mut vm = program.vm();
            let status = program.run(&mut vm);
            // The process exits next, and nothing a script can observe happens when the VM is
            // dropped (its output is flushed): freeing a large heap object by object would only
            // add time to the run's end.
            std::mem::forget(vm);
            status
        }
        Command::Trace { mermaid, limit, output, args } => {
            let program = match Program::load(args) {
                Ok(p) => p,
                Err(status) => return status,
            };
            let mut vm = program.vm();
            let limit = (limit > 0).then_some(limit);
            vm.set_observer(crate::observe::Observer::new(None, Some(crate::trace::Trace::new(limit))));
            let status = program.run(&mut vm);
            let Some(obs) = vm.take_observer() else { return status };
            let Some(trace) = obs.trace.as_ref() else { return status };
            let text = if mermaid { trace.mermaid(&obs.funcs) } else { trace.log(&obs.funcs) };
            let text = if mermaid {
                format!("%% coro trace --mermaid --limit {} {}\n{text}", limit.unwrap_or(0), program.shown)
            } else {
                text
            };
            emit(&text, output.as_deref()).unwrap_or(status)
        }
        Command::Profile { json, flamegraph, top, output, args } => {
            let program = match Program::load(args) {
                Ok(p) => p,
                Err(status) => return status,
            };
            let mut vm = program.vm();
            vm.set_observer(crate::observe::Observer::new(Some(crate::profile::Profile::new()), None));
            let started = std::time::Instant::now();
            let status = program.run(&mut vm);
            let elapsed = started.elapsed();
            let Some(obs) = vm.take_observer() else { return status };
            let Some(profile) = obs.profile.as_ref() else { return status };
            let report = profile.report(&obs.funcs, &vm, &program.shown, elapsed);
            if let Some(svg) = flamegraph {
                if let Err(msg) = write_flamegraph(&report, &svg) {
                    eprintln!("coro profile: {msg}");
                    return 2;
                }
            }
            let text = if json { report.json() } else { report.table(top) };
            emit(&text, output.as_deref()).unwrap_or(status)
        }
        Command::Compile { file, output, check } => crate::coroc::compile_command(&file, output.as_deref(), check),
        Command::Dis { file, json, func } => {
            if let Some(loaded) = crate::coroc::load_if_bytecode(&file) {
                return loaded.map_or_else(|s| s, |code| dis(&code, &file, json, func.as_deref()));
            }
            let text = match read_source(&file) {
                Ok(t) => t,
                Err(msg) => {
                    eprintln!("coro: {msg}");
                    return 2;
                }
            };
            match coro_compiler::compile_module(&text, &file) {
                Ok(code) => dis(&code, &file, json, func.as_deref()),
                Err(e) => {
                    eprint!("{}", e.render(&file, &text));
                    1
                }
            }
        }
        Command::Repl => crate::repl::main(),
    }
}

/// `coro dis`: the listing (or JSON) of every code object, or of those `func` names; a name
/// that matches nothing is a usage error that lists the names there are.
fn dis(code: &coro_compiler::Code, file: &str, json: bool, func: Option<&str>) -> i32 {
    use coro_compiler::{dis, dis_json};
    let codes = match func {
        None => dis::all_codes(code),
        Some(name) => {
            let found = dis::find_codes(code, name);
            if found.is_empty() {
                let known: Vec<String> = dis::all_codes(code).iter().skip(1).map(|c| dis::dotted_path(c)).collect();
                let known = if known.is_empty() {
                    "it has none".to_string()
                } else {
                    format!("there are: {}", known.join(", "))
                };
                eprintln!("coro dis: no function or class named '{name}' in {file} ({known})");
                return 2;
            }
            found
        }
    };
    if json {
        print!("{}", dis_json::to_json(file, &codes));
    } else {
        print!("{}", dis::disassemble_list(&codes));
    }
    0
}

/// Reads a program file (or stdin for `-`); invalid UTF-8 is reported the way CPython does.
pub(crate) fn read_source(file: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        bytes = std::fs::read(file).map_err(|e| format!("can't open file '{file}': {e}"))?;
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            // CPython's message for a source file that is not UTF-8 (coro has no coding cookies).
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let shown = if file == "-" {
                "<stdin>".to_string()
            } else {
                std::path::absolute(file).map(|p| p.display().to_string()).unwrap_or_else(|_| file.to_string())
            };
            Err(format!(
                "SyntaxError: Non-UTF-8 code starting with '\\x{:02x}' in file {shown} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                bytes.get(at).copied().unwrap_or(0)
            ))
        }
    }
}

/// A program to run: its text (empty when `bytecode` holds it), the file name tracebacks show,
/// `sys.argv`, and the directory imports search.
struct Program {
    source: String,
    filename: String,
    argv: Vec<String>,
    dir: std::path::PathBuf,
    bytecode: Option<std::rc::Rc<coro_compiler::Code>>,
    /// The file as the user gave it (for reports).
    shown: String,
}

impl Program {
    /// The program `args[0]` names (a source or bytecode file, `-` for stdin), with
    /// `sys.argv = args`; `Err(status)` after reporting why it cannot run.
    fn load(args: Vec<String>) -> Result<Program, i32> {
        let Some(file) = args.first().cloned() else {
            eprintln!("coro: a FILE, `-c CODE` or `-` is required");
            return Err(2);
        };
        let bytecode = match crate::coroc::load_if_bytecode(&file) {
            Some(Err(status)) => return Err(status),
            loaded => loaded.and_then(Result::ok),
        };
        let source = match if bytecode.is_some() { Ok(String::new()) } else { read_source(&file) } {
            Ok(t) => t,
            Err(msg) if msg.starts_with("SyntaxError") => {
                eprintln!("{msg}");
                return Err(1);
            }
            Err(msg) => {
                eprintln!("coro: {msg}");
                return Err(2);
            }
        };
        // CPython reports the main script by its absolute path (sys.argv keeps it as given).
        let filename = if file == "-" {
            "<stdin>".to_string()
        } else {
            std::path::absolute(&file).map(|p| p.display().to_string()).unwrap_or_else(|_| file.clone())
        };
        // Imports search the script's directory, or the current one for stdin.
        let dir = match std::path::Path::new(&filename).parent() {
            Some(d) if !filename.starts_with('<') => d.to_path_buf(),
            _ => std::env::current_dir().unwrap_or_default(),
        };
        Ok(Program { source, filename, argv: args, dir, bytecode, shown: file })
    }

    /// A VM for the program: output buffered to stdout, `sys.argv` and the import directory set.
    fn vm(&self) -> Vm {
        let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
        let mut vm = Vm::with_output(Box::new(out), Box::new(std::io::stderr()));
        vm.argv = self.argv.clone();
        vm.set_search_dir(&self.dir);
        vm.import_bytecode = self.bytecode.is_some();
        vm
    }

    /// Runs the program; returns the exit status (a traceback or syntax error is reported).
    fn run(&self, vm: &mut Vm) -> i32 {
        let (source, filename) = (&self.source, &self.filename);
        let result = match &self.bytecode {
            Some(code) => vm.run_main_code(code.clone(), filename).map_err(RunError::Exception),
            None => vm.run_main(source, filename),
        };
        let status = match result {
            Ok(()) => 0,
            Err(RunError::Compile(e)) => {
                let _ = vm.out.flush();
                eprint!("{}", e.render(filename, source));
                1
            }
            Err(RunError::Exception(e)) => {
                let _ = vm.out.flush();
                if vm.exc_is(e, crate::types::ExcKind::SystemExit) {
                    let (code, msg) = crate::builtins::misc::system_exit_status(vm, e);
                    if let Some(m) = msg {
                        eprintln!("{m}");
                    }
                    code
                } else {
                    let report = vm.format_exception(e);
                    eprint!("{report}");
                    1
                }
            }
        };
        let _ = vm.out.flush();
        status
    }
}

/// Writes a report to `output` (a file) or stdout; `Some(2)` when the file cannot be written.
fn emit(text: &str, output: Option<&str>) -> Option<i32> {
    match output {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => None,
            Err(e) => {
                eprintln!("coro: cannot write {path}: {e}");
                Some(2)
            }
        },
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            None
        }
    }
}

/// `coro profile --flamegraph OUT.svg`: the report's folded stacks drawn by inferno.
fn write_flamegraph(report: &crate::profile::Report, path: &str) -> Result<(), String> {
    let mut opts = inferno::flamegraph::Options::default();
    opts.title = format!("coro profile: {}", report.file);
    opts.count_name = "instructions".to_string();
    let file = std::fs::File::create(path).map_err(|e| format!("cannot write {path}: {e}"))?;
    let lines: Vec<&str> = report.stacks.iter().map(|s| s.as_str()).collect();
    if lines.is_empty() {
        return Err("no instructions were profiled, so there is no flame graph".to_string());
    }
    inferno::flamegraph::from_lines(&mut opts, lines, std::io::BufWriter::new(file))
        .map_err(|e| format!("cannot write {path}: {e}"))
}

use std::io::Write;
