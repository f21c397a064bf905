//! `coro repl`: an interactive session in the manner of CPython's REPL. One `__main__` module
//! keeps its globals across inputs; an input is one statement (`coro_compiler::interactive`
//! decides when it is whole: brackets and triple quotes continue it, a compound statement ends
//! at a blank line); the values of module-level expression statements are echoed with their
//! `repr()` and kept in `builtins._`, as `sys.displayhook` does; exceptions and syntax errors
//! print CPython's report on stderr and the session goes on. `:dis NAME` disassembles a
//! function or class of the session, `:trace STATEMENT` runs a one-line input and prints its
//! control transfers as `coro trace` does, `:help` lists the commands.
//!
//! On a terminal the line editor is rustyline, with history kept in `~/.coro_history`. With
//! standard input not a terminal (a pipe, a file) lines are read plainly and the prompts go to
//! stderr, exactly as `python3 -i` does, so a piped session prints on stdout what CPython
//! prints for it.

use crate::object::HeapObj;
use crate::types::ExcKind;
use crate::{ObjRef, Value, Vm};
use coro_compiler::interactive::{classify, echo_source, parses, Input};
use coro_compiler::{dis, Code};
use std::io::{BufRead, IsTerminal, Write};
use std::rc::Rc;

/// The file name inputs are compiled under, as CPython's REPL names them.
const FILENAME: &str = "<stdin>";
const PS1: &str = ">>> ";
const PS2: &str = "... ";
/// The builtin the echo rewrite calls; a name no program uses, so it never shadows one.
const HOOK: &str = "__coro_displayhook__";
/// CPython's `sys.displayhook`, run hidden from tracebacks like the VM's other Python builtins.
const HOOK_SOURCE: &str = "\
import builtins
def __coro_displayhook__(value):
    if value is not None:
        builtins._ = None
        print(repr(value))
        builtins._ = value
";
/// Transfers `:trace` lists at most.
const TRACE_LIMIT: usize = 200;
const HELP: &str = "\
:dis NAME          disassemble a function or class defined in this session (`f`, `C.method`, `outer.inner`)
:trace STATEMENT   run a one-line statement and list its calls, returns, resumes and yields
:help              this list
Ctrl-D (end of input) leaves; blank line ends a block.
";

/// Runs a session on standard input; returns the exit status (0 at end of input, or the code
/// of a `SystemExit`).
pub fn main() -> i32 {
    let mut lines: Box<dyn LineSource> = if std::io::stdin().is_terminal() {
        match Editor::new() {
            Some(ed) => {
                eprintln!("coro {} (type :help for commands, Ctrl-D to leave)", env!("CARGO_PKG_VERSION"));
                Box::new(ed)
            }
            None => Box::new(Piped),
        }
    } else {
        Box::new(Piped)
    };
    let mut session = Session::new();
    let status = session.run(&mut *lines);
    lines.finish(status.is_none());
    status.unwrap_or(0)
}

/// Where input lines come from.
trait LineSource {
    /// The next line without its newline, after showing `prompt`; `None` at end of input.
    /// `Some(Err(()))` when the user interrupted the line (Ctrl-C).
    fn read(&mut self, prompt: &str) -> Option<Result<String, ()>>;
    /// Records a finished input in the history.
    fn remember(&mut self, _input: &str) {}
    /// Called once at the end of the session, `at_eof` when input ran out (not a `SystemExit`).
    fn finish(&mut self, _at_eof: bool) {}
}

/// Standard input that is not a terminal: prompts go to stderr, as CPython writes them.
struct Piped;

impl LineSource for Piped {
    fn read(&mut self, prompt: &str) -> Option<Result<String, ()>> {
        let mut err = std::io::stderr();
        let _ = err.write_all(prompt.as_bytes());
        let _ = err.flush();
        let mut line = String::new();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                if line.ends_with('\n') {
                    line.pop();
                    if line.ends_with('\r') {
                        line.pop();
                    }
                }
                Some(Ok(line))
            }
        }
    }

    fn finish(&mut self, at_eof: bool) {
        // CPython ends the last prompt's line when input runs out.
        if at_eof {
            eprintln!();
        }
    }
}

/// A terminal: rustyline's editor with a history file.
struct Editor {
    ed: rustyline::DefaultEditor,
    history: Option<std::path::PathBuf>,
}

impl Editor {
    fn new() -> Option<Editor> {
        let mut ed = rustyline::DefaultEditor::new().ok()?;
        let history = std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".coro_history"));
        if let Some(path) = &history {
            let _ = ed.load_history(path);
        }
        Some(Editor { ed, history })
    }
}

impl LineSource for Editor {
    fn read(&mut self, prompt: &str) -> Option<Result<String, ()>> {
        match self.ed.readline(prompt) {
            Ok(line) => Some(Ok(line)),
            Err(rustyline::error::ReadlineError::Interrupted) => Some(Err(())),
            Err(_) => None,
        }
    }

    fn remember(&mut self, input: &str) {
        let _ = self.ed.add_history_entry(input.trim_end_matches('\n'));
        // Saved at once: Ctrl-C while a program runs ends the process (the VM has no interrupt
        // flag yet), and the history should survive that.
        if let Some(path) = &self.history {
            let _ = self.ed.save_history(path);
        }
    }

    fn finish(&mut self, at_eof: bool) {
        if at_eof {
            eprintln!();
        }
    }
}

/// The state kept across inputs: the VM, `__main__`'s globals and every input's code.
struct Session {
    vm: Vm,
    globals: ObjRef,
    /// The compiled inputs, oldest first, for `:dis`.
    codes: Vec<Rc<Code>>,
    /// The display hook is installed (inputs are rewritten to call it).
    echo: bool,
}

impl Session {
    fn new() -> Session {
        let mut vm = Vm::with_output(Box::new(std::io::stdout()), Box::new(std::io::stderr()));
        vm.argv = vec![String::new()];
        vm.set_search_dir(&std::env::current_dir().unwrap_or_default());
        let main = vm.new_module("__main__");
        let globals = vm.module_dict(main);
        let mut s = Session { vm, globals, codes: Vec::new(), echo: false };
        s.echo = s.install_hook().is_some();
        s
    }

    /// Defines the display hook in builtins (compiled hidden, run in a scratch namespace);
    /// `None` if that failed, and then nothing is echoed.
    fn install_hook(&mut self) -> Option<()> {
        let code = coro_compiler::compile_hidden(HOOK_SOURCE, "<repl>").ok()?;
        let scratch = self.vm.new_dict().as_obj()?;
        self.vm.run_code(code, scratch).ok()?;
        let key = self.vm.intern(HOOK);
        let hook = self.vm.dict_get_str(scratch, key)?;
        let builtins = self.vm.builtins;
        self.vm.dict_set(builtins, key, hook).ok()
    }

    /// Reads and runs inputs until the end of input (`None`) or a `SystemExit` (its status).
    fn run(&mut self, lines: &mut dyn LineSource) -> Option<i32> {
        loop {
            let first = match lines.read(PS1) {
                None => return None,
                Some(Err(())) => {
                    eprintln!("\nKeyboardInterrupt");
                    continue;
                }
                Some(Ok(l)) => l,
            };
            let trimmed = first.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if let Some(command) = trimmed.strip_prefix(':') {
                lines.remember(&first);
                if let Some(status) = self.command(command) {
                    return Some(status);
                }
                continue;
            }
            let mut buffer = format!("{first}\n");
            let mut at_end = false;
            let verdict = loop {
                match classify(&buffer) {
                    Input::Incomplete if !at_end => match lines.read(PS2) {
                        Some(Ok(l)) => {
                            buffer.push_str(&l);
                            buffer.push('\n');
                        }
                        Some(Err(())) => break None,
                        // The end of input ends the statement, as a blank line would; CPython
                        // ends the prompt's line first.
                        None => {
                            eprintln!();
                            at_end = true;
                        }
                    },
                    Input::Invalid(e) => break Some(Err(e)),
                    _ => break Some(Ok(())),
                }
            };
            lines.remember(&buffer);
            match verdict {
                None => eprintln!("\nKeyboardInterrupt"),
                Some(Err(e)) => self.report_syntax_error(&e, &buffer),
                Some(Ok(())) => {
                    if let Some(status) = self.execute(&buffer) {
                        return Some(status);
                    }
                }
            }
        }
    }

    /// Compiles and runs one input; `Some(status)` when it raised `SystemExit`.
    fn execute(&mut self, source: &str) -> Option<i32> {
        let code = match coro_compiler::compile_module(source, FILENAME) {
            Ok(code) => code,
            Err(e) => {
                let shown = if parses(source) { "" } else { source };
                self.report_syntax_error(&e, shown);
                return None;
            }
        };
        // The echoing variant runs; the plain one (same lines, same names) is what `:dis` shows.
        let run = echo_source(source, HOOK)
            .filter(|_| self.echo)
            .and_then(|echo| coro_compiler::compile_module(&echo, FILENAME).ok())
            .unwrap_or_else(|| code.clone());
        self.codes.push(code);
        let result = self.vm.run_code(run, self.globals);
        let _ = self.vm.out.flush();
        match result {
            Ok(_) => None,
            Err(e) if self.vm.exc_is(e, ExcKind::SystemExit) => {
                let (status, msg) = crate::builtins::misc::system_exit_status(&mut self.vm, e);
                if let Some(m) = msg {
                    eprintln!("{m}");
                }
                Some(status)
            }
            Err(e) => {
                let report = self.vm.format_exception(e);
                eprint!("{report}");
                None
            }
        }
    }

    fn report_syntax_error(&mut self, e: &coro_compiler::CompileError, source: &str) {
        let _ = self.vm.out.flush();
        eprint!("{}", e.render(FILENAME, source));
    }

    /// Runs a `:command` line (without its colon); `Some(status)` when it raised `SystemExit`.
    fn command(&mut self, line: &str) -> Option<i32> {
        if let Some(statement) = line.strip_prefix("trace").filter(|s| s.starts_with(char::is_whitespace)) {
            return self.trace(statement.trim());
        }
        let mut words = line.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some("dis"), Some(name), None) => match self.find_code(name) {
                Some(codes) => {
                    let refs: Vec<&Code> = codes.iter().map(|c| &**c).collect();
                    print!("{}", dis::disassemble_list(&refs));
                    let _ = std::io::stdout().flush();
                }
                None => eprintln!(":dis: no function or class named '{name}' in this session"),
            },
            (Some("help"), None, None) => {
                print!("{HELP}");
                let _ = std::io::stdout().flush();
            }
            _ => eprint!("unknown command ':{line}'; the commands are:\n{HELP}"),
        }
        None
    }

    /// `:trace STATEMENT`: runs the statement as an input (echoing as usual) with the tracer
    /// installed, then prints the transfers as `coro trace` does.
    fn trace(&mut self, statement: &str) -> Option<i32> {
        let trace = crate::trace::Trace::new(Some(TRACE_LIMIT));
        self.vm.set_observer(crate::observe::Observer::new(None, Some(trace)));
        let status = self.execute(&format!("{statement}\n"));
        if let Some(obs) = self.vm.take_observer() {
            if let Some(t) = &obs.trace {
                let log = t.log(&obs.funcs);
                print!("{}", if log.is_empty() { "(no transfers between frames)\n".to_string() } else { log });
                let _ = std::io::stdout().flush();
            }
        }
        status
    }

    /// The code objects `:dis NAME` shows: the function a global of that name holds now, else
    /// the code objects so named in the newest input that defines any.
    fn find_code(&mut self, name: &str) -> Option<Vec<Rc<Code>>> {
        let key = self.vm.intern(name);
        if let Some(Value::Obj(r)) = self.vm.dict_get_str(self.globals, key) {
            if let HeapObj::Function(f) = self.vm.heap.get(r) {
                return Some(vec![f.code.code.clone()]);
            }
        }
        self.codes.iter().rev().find_map(|top| {
            let found = named_codes(top, name);
            (!found.is_empty()).then_some(found)
        })
    }
}

/// The code objects nested in `top` (not `top` itself, an input's module code) that `name`
/// names, depth first.
fn named_codes(top: &Rc<Code>, name: &str) -> Vec<Rc<Code>> {
    let mut found = Vec::new();
    let mut todo: Vec<Rc<Code>> = nested(top).collect();
    todo.reverse();
    while let Some(c) = todo.pop() {
        if dis::is_named(&c, name) {
            found.push(c.clone());
        }
        let mut inner: Vec<Rc<Code>> = nested(&c).collect();
        inner.reverse();
        todo.extend(inner);
    }
    found
}

fn nested(c: &Code) -> impl Iterator<Item = Rc<Code>> + '_ {
    c.consts.iter().filter_map(|k| if let coro_compiler::Const::Code(inner) = k { Some(inner.clone()) } else { None })
}
