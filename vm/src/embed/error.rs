//! The embedding API's one error type: a Python exception (its type name, message and formatted
//! traceback), a compile error, a failed conversion, a run that could not finish, or a misuse of
//! the API. It holds only text, so it is `Send + Sync` and fits `Box<dyn Error + Send + Sync>`.

use crate::types::ExcKind;
use crate::value::Value;
use crate::{Exc, Vm};
use std::fmt;

/// What kind of failure an [`Error`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A Python exception: raised by the script, by a builtin, or by a native function
    /// ([`Error::new`]). `RecursionError` and `MemoryError` from the limits are exceptions too.
    Exception,
    /// The source did not compile (`SyntaxError`, `IndentationError`, `TabError`).
    Syntax,
    /// A value could not be converted between Rust and Python (`TypeError`, `OverflowError`).
    Conversion,
    /// A run that had to finish was suspended instead (it ran out of fuel, or a native asked
    /// to suspend); the `start_*` methods return a resumable [`Step`](super::Step) instead.
    Suspended,
    /// The API was used wrongly: a handle of another runtime, resuming something that is not
    /// a generator.
    Usage,
}

/// An error from the embedding API, or an exception a native function raises.
///
/// ```
/// use coro_vm::embed::{ErrorKind, Runtime};
///
/// let mut rt = Runtime::new();
/// let err = rt.exec("def f():\n    return 1 / 0\nf()\n", "main.py").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Exception);
/// assert_eq!(err.type_name(), "ZeroDivisionError");
/// assert_eq!(err.message(), "division by zero");
/// assert!(err.traceback().contains("line 2, in f"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    type_name: String,
    message: String,
    traceback: String,
}

impl Error {
    /// An exception of the class named `type_name` with `message` as its argument, for a native
    /// function to raise (`Err(Error::new("ValueError", "bad move"))`) or the host to throw
    /// into a generator. The name is looked up in the builtins, then among the globals of
    /// `__main__` (a script's own exception classes); an unknown name raises `RuntimeError`
    /// with the name in the message.
    pub fn new(type_name: impl Into<String>, message: impl Into<String>) -> Error {
        Error::with_kind(ErrorKind::Exception, type_name, message)
    }

    pub(crate) fn with_kind(kind: ErrorKind, type_name: impl Into<String>, message: impl Into<String>) -> Error {
        Error { kind, type_name: type_name.into(), message: message.into(), traceback: String::new() }
    }

    pub(crate) fn conversion(type_name: &str, message: impl Into<String>) -> Error {
        Error::with_kind(ErrorKind::Conversion, type_name, message)
    }

    pub(crate) fn usage(message: impl Into<String>) -> Error {
        Error::with_kind(ErrorKind::Usage, "RuntimeError", message)
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The exception class's name as a traceback's last line shows it (`ValueError`,
    /// `mymodule.MyError`).
    pub fn type_name(&self) -> &str {
        &self.type_name
    }

    /// `str(exception)`: the message without the type name.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The whole report as CPython prints it for an uncaught exception (`Traceback (most recent
    /// call last):`, the frames with their source lines, chained exceptions, the last line);
    /// for errors that are not exceptions, `Type: message`.
    pub fn traceback(&self) -> String {
        if self.traceback.is_empty() {
            format!("{}\n", self.summary())
        } else {
            self.traceback.clone()
        }
    }

    /// `Type: message`, the last line of the traceback.
    pub fn summary(&self) -> String {
        if self.message.is_empty() {
            self.type_name.clone()
        } else {
            format!("{}: {}", self.type_name, self.message)
        }
    }

    /// Does this error report an exception of the class named `type_name` (exactly)?
    pub fn is(&self, type_name: &str) -> bool {
        self.type_name == type_name
    }

    /// An argument's conversion failed: the message says which argument of which function.
    pub(crate) fn in_argument(mut self, func: &str, index: usize) -> Error {
        self.message = format!("{func}() argument {}: {}", index + 1, self.message);
        self
    }

    /// An item of a container failed to convert.
    pub(crate) fn in_item(mut self, what: impl fmt::Display) -> Error {
        self.message = format!("{what}: {}", self.message);
        self
    }

    /// The report of exception `e` raised by a run.
    pub(crate) fn from_exc(vm: &mut Vm, e: Exc) -> Error {
        // Formatting may run a user `__str__` (and so the collector): keep `e` alive meanwhile.
        vm.roots.push(Value::Obj(e.0));
        let type_name = vm.exc_type_display(e);
        let message = vm.exc_str(e);
        let traceback = vm.format_exception(e);
        vm.roots.pop();
        Error { kind: ErrorKind::Exception, type_name, message, traceback }
    }

    pub(crate) fn from_compile(e: &coro_compiler::CompileError, filename: &str, source: &str) -> Error {
        Error {
            kind: ErrorKind::Syntax,
            type_name: e.kind.name().to_string(),
            message: e.msg.clone(),
            traceback: e.render(filename, source),
        }
    }

    /// The exception this error describes, created in `vm` (see [`Error::new`] for how the
    /// class is found).
    pub(crate) fn to_exc(&self, vm: &mut Vm) -> Exc {
        let base = vm.types.exc(ExcKind::BaseException);
        let key = vm.intern(&self.type_name);
        let main = vm.embed.main_globals;
        let class = [Some(vm.builtins), main]
            .into_iter()
            .flatten()
            .find_map(|d| vm.dict_get_str(d, key))
            .and_then(|v| v.as_obj())
            .filter(|c| vm.class(*c).is_some() && vm.is_subclass(*c, base));
        match class {
            Some(c) => {
                let args = if self.message.is_empty() { vec![] } else { vec![vm.new_str(&self.message)] };
                vm.new_exception(c, args)
            }
            None => vm.runtime_error(&self.summary()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.traceback().trim_end())
    }
}

impl std::error::Error for Error {}
