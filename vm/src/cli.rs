//! The `coro` command line (clap): `coro run FILE|-c CODE|- [ARGS...]`, `coro dis FILE` and
//! `coro compile FILE` (FILE may be a `.coroc` bytecode file for run and dis: see `coroc`), and
//! `coro repl` (in `repl.rs`).
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
    let mut bytecode = None;
    match cli.command {
        Command::Run { code, args } => {
            let (source, filename, argv) = match code {
                Some(c) => {
                    let mut argv = vec!["-c".to_string()];
                    argv.extend(args);
                    (c, "<string>".to_string(), argv)
                }
                None => {
                    let Some(file) = args.first().cloned() else {
                        eprintln!("coro run: a FILE, `-c CODE` or `-` is required");
                        return 2;
                    };
                    bytecode = match crate::coroc::load_if_bytecode(&file) {
                        Some(Err(status)) => return status,
                        loaded => loaded.and_then(Result::ok),
                    };
                    let text = match if bytecode.is_some() { Ok(String::new()) } else { read_source(&file) } {
                        Ok(t) => t,
                        Err(msg) if msg.starts_with("SyntaxError") => {
                            eprintln!("{msg}");
                            return 1;
                        }
                        Err(msg) => {
                            eprintln!("coro: {msg}");
                            return 2;
                        }
                    };
                    // CPython reports the main script by its absolute path (sys.argv keeps it as given).
                    let name = if file == "-" {
                        "<stdin>".to_string()
                    } else {
                        std::path::absolute(&file).map(|p| p.display().to_string()).unwrap_or_else(|_| file.clone())
                    };
                    (text, name, args)
                }
            };
            // Imports search the script's directory, or the current one for -c and stdin.
            let dir = match std::path::Path::new(&filename).parent() {
                Some(d) if !filename.starts_with('<') => d.to_path_buf(),
                _ => std::env::current_dir().unwrap_or_default(),
            };
            run_source(&source, &filename, argv, &dir, bytecode)
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

fn run_source(
    source: &str,
    filename: &str,
    argv: Vec<String>,
    search_dir: &std::path::Path,
    bytecode: Option<std::rc::Rc<coro_compiler::Code>>,
) -> i32 {
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    let mut vm = Vm::with_output(Box::new(out), Box::new(std::io::stderr()));
    vm.argv = argv;
    vm.set_search_dir(search_dir);
    let result = match bytecode {
        Some(code) => vm.run_main_code(code, filename).map_err(RunError::Exception),
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
                let (code, msg) = crate::builtins::misc::system_exit_status(&mut vm, e);
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

use std::io::Write;
