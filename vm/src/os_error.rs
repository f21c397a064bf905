//! `OSError(errno, strerror[, filename[, winerror[, filename2]]])` as CPython 3.11 reads its
//! arguments: `OSError` itself picks the subclass the errno names (`OSError(2, ...)` is a
//! FileNotFoundError), the instance gets `errno`, `strerror`, `filename` and `filename2`,
//! `args` keeps only the first two when a file name is given, and `str()` is
//! `[Errno 2] No such file or directory: 'name'`. Errno numbers are Linux's.

use crate::object::HeapObj;
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// The subclass `OSError(errno, ...)` makes for an errno (Linux numbering), as CPython's
/// errno map has it.
fn errno_subclass(errno: i64) -> Option<ExcKind> {
    Some(match errno {
        1 | 13 => ExcKind::PermissionError,         // EPERM, EACCES
        2 => ExcKind::FileNotFoundError,            // ENOENT
        3 => ExcKind::ProcessLookupError,           // ESRCH
        4 => ExcKind::InterruptedError,             // EINTR
        10 => ExcKind::ChildProcessError,           // ECHILD
        11 | 114 | 115 => ExcKind::BlockingIOError, // EAGAIN (EWOULDBLOCK), EALREADY, EINPROGRESS
        17 => ExcKind::FileExistsError,             // EEXIST
        20 => ExcKind::NotADirectoryError,          // ENOTDIR
        21 => ExcKind::IsADirectoryError,           // EISDIR
        32 | 108 => ExcKind::BrokenPipeError,       // EPIPE, ESHUTDOWN
        103 => ExcKind::ConnectionAbortedError,     // ECONNABORTED
        104 => ExcKind::ConnectionResetError,       // ECONNRESET
        110 => ExcKind::TimeoutError,               // ETIMEDOUT
        111 => ExcKind::ConnectionRefusedError,     // ECONNREFUSED
        _ => return None,
    })
}

/// The attributes an OSError instance gets from its arguments.
pub(crate) const OS_ERROR_ATTRS: [&str; 4] = ["errno", "strerror", "filename", "filename2"];

impl Vm {
    /// Whether `cls` is OSError or one of its subclasses.
    pub(crate) fn is_os_error_class(&self, cls: ObjRef) -> bool {
        self.is_subclass(cls, self.types.exc(ExcKind::OSError))
    }

    /// The class `cls(*args)` makes: for OSError itself with 2 to 5 arguments whose first is
    /// an int, the subclass its errno names; `cls` otherwise.
    pub(crate) fn os_error_class(&self, cls: ObjRef, args: &[Value]) -> ObjRef {
        if cls != self.types.exc(ExcKind::OSError) || !(2..=5).contains(&args.len()) {
            return cls;
        }
        let errno = match args[0] {
            Value::Int(n) => n,
            Value::Bool(b) => b as i64,
            _ => return cls,
        };
        errno_subclass(errno).map_or(cls, |k| self.types.exc(k))
    }

    /// Reads OSError instance `e`'s arguments `args` into its attributes (all None unless
    /// there are 2 to 5 arguments), and keeps only errno and strerror in `args` when a file
    /// name is given. BlockingIOError's third argument, when an int, is `characters_written`.
    pub(crate) fn os_error_fill(&mut self, e: Exc, args: &[Value]) -> Result<(), Exc> {
        let mut values = [Value::None; 4];
        let mut written = None;
        if (2..=5).contains(&args.len()) {
            values[0] = args[0];
            values[1] = args[1];
            let class = self.exc_obj(e).map(|x| x.class);
            let blocking = class.is_some_and(|c| self.is_subclass(c, self.types.exc(ExcKind::BlockingIOError)));
            match args.get(2) {
                Some(&Value::Int(n)) if blocking && args.len() == 3 => written = Some(Value::Int(n)),
                Some(&f) => values[2] = f,
                None => {}
            }
            if let Some(&f2) = args.get(4) {
                values[3] = f2;
            }
        }
        let d = match self.exc_obj(e).and_then(|x| x.dict) {
            Some(d) => d,
            None => {
                let d = self.new_dict().as_obj().unwrap_or(self.builtins);
                if let HeapObj::Exception(x) = self.heap.get_mut(e.0) {
                    x.dict = Some(d);
                }
                d
            }
        };
        for (name, v) in OS_ERROR_ATTRS.iter().zip(values) {
            let key = self.intern(name);
            self.dict_set(d, key, v)?;
        }
        if let Some(n) = written {
            let key = self.intern("characters_written");
            self.dict_set(d, key, n)?;
        }
        if !values[2].is_none() {
            let t = self.new_tuple(args[..2].to_vec());
            if let HeapObj::Exception(x) = self.heap.get_mut(e.0) {
                x.args = t;
            }
        }
        Ok(())
    }

    /// An OSError attribute `e` was never given (one made without going through its
    /// constructor): None, as CPython has it.
    pub(crate) fn os_error_default(&self, e: Exc, name: &str) -> Option<Value> {
        (OS_ERROR_ATTRS.contains(&name) && self.exc_is(e, ExcKind::OSError)).then_some(Value::None)
    }

    /// `str(e)` for an OSError with an errno and strerror, or a file name:
    /// `[Errno N] text`, then `: 'file'` and ` -> 'file2'`. None: the usual text of the args.
    pub(crate) fn os_error_str(&mut self, e: Exc) -> Result<Option<String>, Exc> {
        if !self.exc_is(e, ExcKind::OSError) {
            return Ok(None);
        }
        let Some(d) = self.exc_obj(e).and_then(|x| x.dict) else { return Ok(None) };
        let mut values = [Value::None; 4];
        for (slot, name) in values.iter_mut().zip(OS_ERROR_ATTRS) {
            let key = self.intern(name);
            *slot = self.dict_get_str(d, key).unwrap_or(Value::None);
        }
        let [errno, strerror, filename, filename2] = values;
        if filename.is_none() && (errno.is_none() || strerror.is_none()) {
            return Ok(None);
        }
        let mut s = format!("[Errno {}] {}", self.str_string(errno)?, self.str_string(strerror)?);
        if !filename.is_none() {
            s.push_str(": ");
            s.push_str(&self.repr_string(filename)?);
            if !filename2.is_none() {
                s.push_str(" -> ");
                s.push_str(&self.repr_string(filename2)?);
            }
        }
        Ok(Some(s))
    }
}
