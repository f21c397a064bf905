//! Exception objects: creating them with CPython's messages, reading their parts, and formatting
//! uncaught exceptions as CPython's traceback (with chained causes and contexts and the
//! "[Previous line repeated N more times]" folding).

use crate::object::{ExcObj, HeapObj};
use crate::special::bits;
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

impl Vm {
    /// A new exception instance of `class` with the given args.
    pub fn new_exception(&mut self, class: ObjRef, args: Vec<Value>) -> Exc {
        let args = self.new_tuple(args);
        Exc(self.heap.alloc(HeapObj::Exception(Box::new(ExcObj {
            class,
            args,
            traceback: Vec::new(),
            last_activation: 0,
            cause: Value::None,
            context: Value::None,
            suppress_context: false,
            dict: None,
        }))))
    }

    /// An exception of a builtin kind with one message argument.
    pub fn exc_msg(&mut self, kind: ExcKind, msg: &str) -> Exc {
        let m = self.new_str(msg);
        let class = self.types.exc(kind);
        self.new_exception(class, vec![m])
    }

    pub fn type_error(&mut self, msg: &str) -> Exc {
        self.exc_msg(ExcKind::TypeError, msg)
    }

    pub fn value_error(&mut self, msg: &str) -> Exc {
        self.exc_msg(ExcKind::ValueError, msg)
    }

    pub fn index_error(&mut self, msg: &str) -> Exc {
        self.exc_msg(ExcKind::IndexError, msg)
    }

    pub fn runtime_error(&mut self, msg: &str) -> Exc {
        self.exc_msg(ExcKind::RuntimeError, msg)
    }

    pub fn overflow_error(&mut self, msg: &str) -> Exc {
        self.exc_msg(ExcKind::OverflowError, msg)
    }

    pub fn zero_division(&mut self, msg: &str) -> Exc {
        self.exc_msg(ExcKind::ZeroDivisionError, msg)
    }

    pub fn attribute_error(&mut self, msg: &str) -> Exc {
        self.exc_msg(ExcKind::AttributeError, msg)
    }

    pub fn key_error(&mut self, key: Value) -> Exc {
        let class = self.types.exc(ExcKind::KeyError);
        self.new_exception(class, vec![key])
    }

    pub fn memory_error(&mut self) -> Exc {
        let class = self.types.exc(ExcKind::MemoryError);
        self.new_exception(class, vec![])
    }

    /// StopIteration carrying a generator's return value (no args when the value is None, as
    /// CPython does).
    pub fn stop_iteration(&mut self, value: Value) -> Exc {
        let class = self.types.exc(ExcKind::StopIteration);
        let args = if value.is_none() { vec![] } else { vec![value] };
        self.new_exception(class, args)
    }

    pub fn exc_obj(&self, e: Exc) -> Option<&ExcObj> {
        match self.heap.get(e.0) {
            HeapObj::Exception(x) => Some(x),
            _ => None,
        }
    }

    pub fn exc_obj_mut(&mut self, e: Exc) -> Option<&mut ExcObj> {
        match self.heap.get_mut(e.0) {
            HeapObj::Exception(x) => Some(x),
            _ => None,
        }
    }

    /// Is `e` an instance of the builtin exception `kind` (or a subclass)?
    pub fn exc_is(&self, e: Exc, kind: ExcKind) -> bool {
        self.exc_obj(e).map(|x| self.is_subclass(x.class, self.types.exc(kind))).unwrap_or(false)
    }

    pub fn exc_args(&self, e: Exc) -> Vec<Value> {
        match self.exc_obj(e).map(|x| x.args) {
            Some(Value::Obj(r)) => match self.heap.get(r) {
                HeapObj::Tuple(t) => t.to_vec(),
                _ => vec![],
            },
            _ => vec![],
        }
    }

    /// `StopIteration.value`: the first argument, or None.
    pub fn stop_iteration_value(&self, e: Exc) -> Value {
        self.exc_args(e).first().copied().unwrap_or(Value::None)
    }

    /// `str(exc)` for a report (an uncaught exception's last line, an embedding host's error):
    /// when the text fails (a user `__str__` raising or returning a non-str), CPython's
    /// `<exception str() failed>`.
    pub fn exc_str(&mut self, e: Exc) -> String {
        self.try_exc_str(e).unwrap_or_else(|_| "<exception str() failed>".into())
    }

    /// `str(exc)`. A user `__str__`, or args whose text needs one, runs through the prelude's
    /// `_str` when the host has control (no dispatch loop running); inside a run, callers that
    /// can run Python go through the prelude before getting here, and anything else gets a clean
    /// error rather than a wrong text.
    pub fn try_exc_str(&mut self, e: Exc) -> Result<String, Exc> {
        let v = Value::Obj(e.0);
        if self.needs_python_text(v, bits::TEXT_STR) {
            if self.loops_active != 0 {
                return Err(
                    self.exc_msg(ExcKind::NotImplementedError, "coro: a user __str__ cannot be called from here yet")
                );
            }
            let f = self.prelude_fn("_str");
            let s = self.call_from_host(f, &[v])?;
            return match self.str_of(s) {
                Some(s) => Ok(s.to_string()),
                None => Err(self.type_error("__str__ returned non-string")),
            };
        }
        let key_error = self.exc_is(e, ExcKind::KeyError);
        self.builtin_exc_str(e, key_error)
    }

    /// BaseException's `str(exc)` (with SyntaxError's, and with `key_error` KeyError's), from
    /// the args alone: an arg whose text needs a user method is a clean error here (the
    /// prelude's `_exc_str` is the way that runs it).
    pub(crate) fn builtin_exc_str(&mut self, e: Exc, key_error: bool) -> Result<String, Exc> {
        if let Some((msg, file, line, _, _)) = self.syntax_error_details(e) {
            // CPython's SyntaxError.__str__: the message, then the file's base name and line.
            let base = file.rsplit('/').next().unwrap_or(&file).to_string();
            return Ok(format!("{msg} ({base}, line {line})"));
        }
        if let Some(s) = self.os_error_str(e)? {
            return Ok(s);
        }
        let args = self.exc_args(e);
        match args.len() {
            0 => Ok(String::new()),
            1 if key_error => self.repr_string(args[0]),
            1 => self.str_string(args[0]),
            _ => {
                let t = self.new_tuple(args);
                self.repr_string(t)
            }
        }
    }

    /// Whether showing the args of `e` (by str or repr) would call a user method.
    pub(crate) fn exc_args_need_python(&mut self, e: Exc) -> bool {
        let args = self.exc_args(e);
        args.into_iter().any(|a| self.needs_python_text(a, bits::TEXT_STR))
    }

    /// BaseException's `repr(exc)`: the class's name, then the args (one shown bare).
    pub(crate) fn builtin_exc_repr(&mut self, e: Exc) -> Result<String, Exc> {
        let name = self.exc_obj(e).and_then(|x| self.class(x.class)).map(|c| c.name.to_string()).unwrap_or_default();
        let args = self.exc_args(e);
        let inner = if args.len() == 1 {
            self.repr_string(args[0])?
        } else {
            let t = self.new_tuple(args.clone());
            let s = self.repr_string(t)?;
            if args.is_empty() {
                String::new()
            } else {
                s[1..s.len() - 1].to_string()
            }
        };
        Ok(format!("{name}({inner})"))
    }

    /// The class name as the last traceback line shows it: `Name`, or `module.Name` for classes
    /// defined outside builtins and `__main__`.
    pub fn exc_type_display(&self, e: Exc) -> String {
        let Some(x) = self.exc_obj(e) else {
            return "Exception".into();
        };
        let Some(c) = self.class(x.class) else {
            return "Exception".into();
        };
        if &*c.module == "builtins" || &*c.module == "__main__" {
            c.qualname.to_string()
        } else {
            format!("{}.{}", c.module, c.qualname)
        }
    }

    /// The last line of a traceback: `TypeError: message` (or just the name without a message).
    pub fn exc_summary(&mut self, e: Exc) -> String {
        let name = self.exc_type_display(e);
        let msg = match self.syntax_error_details(e) {
            Some((msg, ..)) => msg,
            None => self.exc_str(e),
        };
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }

    /// The full CPython-style report of an uncaught exception, chained exceptions first.
    pub fn format_exception(&mut self, e: Exc) -> String {
        let mut chain: Vec<(Exc, &'static str)> = Vec::new();
        let mut cur = Some(e);
        let mut seen = Vec::new();
        while let Some(x) = cur {
            if seen.contains(&x.0) {
                break;
            }
            seen.push(x.0);
            let Some(obj) = self.exc_obj(x) else { break };
            let (cause, context, suppress) = (obj.cause, obj.context, obj.suppress_context);
            cur = None;
            if let Value::Obj(c) = cause {
                chain.push((Exc(c), "\nThe above exception was the direct cause of the following exception:\n\n"));
                cur = Some(Exc(c));
            } else if let (Value::Obj(c), false) = (context, suppress) {
                chain.push((Exc(c), "\nDuring handling of the above exception, another exception occurred:\n\n"));
                cur = Some(Exc(c));
            }
        }
        let mut out = String::new();
        for (x, sep) in chain.iter().rev() {
            out.push_str(&self.format_one(*x));
            out.push_str(sep);
        }
        out.push_str(&self.format_one(e));
        out
    }

    fn format_one(&mut self, e: Exc) -> String {
        let mut out = String::new();
        let entries: Vec<(std::rc::Rc<str>, u32, String)> = self
            .exc_obj(e)
            .map(|x| {
                x.traceback
                    .iter()
                    .rev()
                    .map(|(c, line)| (c.code.filename.clone(), *line, c.code.name.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        if !entries.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
        }
        let mut i = 0;
        while i < entries.len() {
            let mut j = i + 1;
            while j < entries.len() && entries[j] == entries[i] {
                j += 1;
            }
            let shown = (j - i).min(3);
            for _ in 0..shown {
                self.format_entry(&entries[i], &mut out);
            }
            let rest = j - i - shown;
            if rest > 0 {
                out.push_str(&format!(
                    "  [Previous line repeated {} more time{}]\n",
                    rest,
                    if rest == 1 { "" } else { "s" }
                ));
            }
            i = j;
        }
        if let Some((_, file, line, offset, text)) = self.syntax_error_details(e) {
            // The offending line with a caret under the column, as CPython prints it.
            out.push_str(&format!("  File \"{file}\", line {line}\n"));
            let trimmed = text.trim_start();
            if !trimmed.trim_end().is_empty() {
                out.push_str(&format!("    {}\n", trimmed.trim_end()));
                let shift = text.chars().count() - trimmed.chars().count();
                if offset > shift as i64 {
                    out.push_str(&format!("    {}^\n", " ".repeat(offset as usize - shift - 1)));
                }
            }
        }
        out.push_str(&self.exc_summary(e));
        out.push('\n');
        out
    }

    /// For a SyntaxError raised by an import (args `(msg, (file, line, offset, text, ...))`):
    /// its message, file, line, offset and source text.
    fn syntax_error_details(&mut self, e: Exc) -> Option<(String, String, i64, i64, String)> {
        if !self.exc_is(e, ExcKind::SyntaxError) {
            return None;
        }
        let args = self.exc_args(e);
        let [msg, details] = args.as_slice() else { return None };
        let msg = self.str_of(*msg)?.to_string();
        let parts = match details {
            Value::Obj(r) => match self.heap.get(*r) {
                HeapObj::Tuple(t) => t.to_vec(),
                _ => return None,
            },
            _ => return None,
        };
        let file = parts.first().and_then(|v| self.str_of(*v)).unwrap_or("<unknown>").to_string();
        let line = match parts.get(1) {
            Some(Value::Int(n)) => *n,
            _ => 0,
        };
        let offset = match parts.get(2) {
            Some(Value::Int(n)) => *n,
            _ => 0,
        };
        let text = parts.get(3).and_then(|v| self.str_of(*v)).unwrap_or("").to_string();
        Some((msg, file, line, offset, text))
    }

    fn format_entry(&self, entry: &(std::rc::Rc<str>, u32, String), out: &mut String) {
        let (file, line, name) = entry;
        out.push_str(&format!("  File \"{file}\", line {line}, in {name}\n"));
        if let Some(src) = self.sources.get(file) {
            if let Some(text) = src.lines().nth((*line as usize).saturating_sub(1)) {
                let t = text.trim();
                if !t.is_empty() {
                    out.push_str(&format!("    {t}\n"));
                }
            }
        }
    }
}
