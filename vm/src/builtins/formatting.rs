//! `str.format` and `format()`, with CPython 3.11's parsing, results and messages; the `%`
//! operator's formatting is in `percent.rs`, built the same way.
//!
//! Formatting can run user code: the values' `__str__`, `__repr__` and `__format__`, a
//! property or `__getattr__` reached by a `{0.name}` field, a `__getitem__` reached by
//! `{0[key]}`. Natives never call Python (DESIGN.md), so the parser hands a template's steps,
//! in the order CPython takes them, to a sink:
//!
//! - `NativeFormat` carries each step out at once, and stops (`Halt::Python`) before the first
//!   one that would run Python. Everything it did until then only read builtin values, so it
//!   can be thrown away and done again.
//! - `FormatPlan` records the steps as Python values, a plan the prelude's `_format_run` then
//!   carries out in order: the user methods run as frames of the dispatch loop, where CPython
//!   runs them, and the builtin parts come back to natives. A template error is recorded where
//!   the parser meets it and raised when the run reaches it, so the user methods before it
//!   still run, as in CPython.
//!
//! A plan is a list of: a str (literal text); an exception (raised there); or a field
//! `(object, steps, spec)`, whose `steps` is a tuple of `(".", name)` (an attribute),
//! `("[", key)` (an item), `("s" | "r" | "a", None)` (a conversion) and at most one exception
//! (last), and whose `spec` is a str, or a plan when the spec has fields of its own.

use super::strings::{check_size, receiver_value};
use super::{arity, split_args, NResult};
use crate::classes::Attr;
use crate::interp::Ret;
use crate::object::NativeFn;
use crate::special::bits;
use crate::value::Value;
use crate::{numfmt, Exc, Vm};

/// Hidden natives the prelude's formatting calls.
pub(crate) const FORMAT_NATIVES: &[(&str, NativeFn)] = &[
    ("_percent_one", super::percent::percent_one),
    ("_percent_star", super::percent::percent_star),
    ("_format_builtin", format_builtin),
    ("_ascii_escape", ascii_escape),
];

/// `_format_builtin(value, spec)`: `format()` as the value's builtin type does it, with no
/// user method (the prelude has checked for `__format__`, and calls `str()` itself for an
/// empty spec).
fn format_builtin(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "_format_builtin", args, 2, 2)?;
    let spec = vm.str_of(args[1]).unwrap_or("").to_string();
    Ok(vm.format_value(args[0], &spec)?.into())
}

/// `_ascii_escape(text)`: `ascii()` of an object whose repr (made by the prelude) is `text`.
fn ascii_escape(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "_ascii_escape", args, 1, 1)?;
    let s = crate::repr::ascii_escape(vm.str_of(args[0]).unwrap_or(""));
    Ok(vm.new_string(s).into())
}

/// Why a native formatting pass stopped early.
enum Halt {
    Exc(Exc),
    /// The next step runs Python: the prelude formats the template from its plan.
    Python,
}

impl From<Exc> for Halt {
    fn from(e: Exc) -> Halt {
        Halt::Exc(e)
    }
}

/// `str.format(*args, **kwargs)`.
pub(super) fn str_format(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    let fmt_v = receiver_value(vm, pos, "format")?;
    let fmt: Vec<char> = vm.str_of(fmt_v).unwrap_or("").chars().collect();
    if !fmt.iter().any(|c| *c == '{' || *c == '}') {
        // Nothing to replace: CPython gives back the receiver (a str subclass stays one).
        return Ok(pos[0].into());
    }
    let pos = &pos[1..];
    let mut run = NativeFormat::new();
    match format_template(vm, &mut run, &fmt, pos, &kws, false, &mut AutoNumber::Unset) {
        Ok(()) => {}
        Err(Halt::Exc(e)) => return Err(e),
        Err(Halt::Python) => {
            let mut plan = FormatPlan { levels: vec![PlanLevel::default()] };
            let plan = match format_template(vm, &mut plan, &fmt, pos, &kws, false, &mut AutoNumber::Unset) {
                Err(Halt::Exc(e)) => plan.fail(vm, e),
                _ => plan.finish(vm),
            };
            return Ok(Ret::TailCall(vm.prelude_fn("_format_run"), vec![plan]));
        }
    }
    let out = std::mem::take(&mut run.out[0]);
    if let Some(v) = sole_field_value(vm, &fmt, pos, &kws) {
        if vm.derived(v).is_some() && vm.str_of(v) == Some(out.as_str()) {
            // A template that is one field with a spec leaving a str unchanged gives that
            // object itself in CPython (a str subclass stays one).
            return Ok(v.into());
        }
    }
    Ok(vm.new_string(out).into())
}

/// The argument of a template that is exactly one field with a non-empty spec and no
/// conversion (`"{:>3}"`, `"{0:>3}"`, `"{name:>3}"`).
fn sole_field_value(vm: &Vm, fmt: &[char], pos: &[Value], kws: &[(String, Value)]) -> Option<Value> {
    let inner = fmt.strip_prefix(&['{'])?.strip_suffix(&['}'])?;
    if inner.iter().any(|c| matches!(c, '{' | '}' | '!')) {
        return None;
    }
    let colon = inner.iter().position(|c| *c == ':')?;
    if colon + 1 == inner.len() {
        return None;
    }
    let name: String = inner[..colon].iter().collect();
    if name.is_empty() {
        return pos.first().copied();
    }
    if let Ok(i) = name.parse::<usize>() {
        return pos.get(i).copied();
    }
    let _ = vm;
    kws.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

/// Whether a format string numbers its positional fields itself (`{0}`) or leaves it to the
/// fields' order (`{}`); shared with the fields nested in format specs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AutoNumber {
    Unset,
    Auto(usize),
    Manual,
}

/// One replacement field: char ranges into the format string.
struct Field {
    name: std::ops::Range<usize>,
    conversion: Option<char>,
    spec: std::ops::Range<usize>,
    spec_has_fields: bool,
}

/// Receives a template's steps in the order CPython takes them. Each field is `field`, then
/// its `attr`/`item` steps, at most one `convert`, its spec (`spec`, or `begin_spec`, the
/// nested template's steps and `end_spec`), then `render`.
trait FormatSink {
    fn text(&mut self, vm: &mut Vm, text: &[char]) -> Result<(), Halt>;
    /// A field starts with this argument as its object.
    fn field(&mut self, vm: &mut Vm, v: Value) -> Result<(), Halt>;
    /// The object becomes its attribute `name`.
    fn attr(&mut self, vm: &mut Vm, name: Value) -> Result<(), Halt>;
    /// The object becomes its item `key`.
    fn item(&mut self, vm: &mut Vm, key: Value) -> Result<(), Halt>;
    /// The object becomes its `str()` (`s`), `repr()` (`r`) or `ascii()` (`a`).
    fn convert(&mut self, vm: &mut Vm, conv: char) -> Result<(), Halt>;
    /// The field's spec, without fields of its own.
    fn spec(&mut self, vm: &mut Vm, spec: &[char]) -> Result<(), Halt>;
    fn begin_spec(&mut self, vm: &mut Vm) -> Result<(), Halt>;
    fn end_spec(&mut self, vm: &mut Vm) -> Result<(), Halt>;
    /// The object, formatted with the spec, joins the output.
    fn render(&mut self, vm: &mut Vm) -> Result<(), Halt>;
}

/// Reads a template (`nested`: a spec's) and hands its steps to `sink`.
fn format_template<S: FormatSink>(
    vm: &mut Vm,
    sink: &mut S,
    fmt: &[char],
    pos: &[Value],
    kws: &[(String, Value)],
    nested: bool,
    numbering: &mut AutoNumber,
) -> Result<(), Halt> {
    let mut i = 0;
    let mut literal = 0;
    while let Some(&c) = fmt.get(i) {
        i += 1;
        if c != '{' && c != '}' {
            continue;
        }
        let next = fmt.get(i).copied();
        if next == Some(c) {
            // `{{` or `}}`: the text so far with one brace.
            sink.text(vm, &fmt[literal..i])?;
            i += 1;
            literal = i;
            continue;
        }
        if literal < i - 1 {
            sink.text(vm, &fmt[literal..i - 1])?;
        }
        if c == '}' {
            return Err(vm.value_error("Single '}' encountered in format string").into());
        }
        if next.is_none() {
            return Err(vm.value_error("Single '{' encountered in format string").into());
        }
        let field = parse_field(vm, fmt, &mut i)?;
        literal = i;
        field_value(vm, sink, &fmt[field.name.clone()], pos, kws, numbering)?;
        match field.conversion {
            None => {}
            Some(c @ ('r' | 's' | 'a')) => sink.convert(vm, c)?,
            Some(c) if c > ' ' && c < '\x7f' => {
                return Err(vm.value_error(&format!("Unknown conversion specifier {c}")).into())
            }
            Some(c) => {
                let n = c as u32;
                return Err(vm.value_error(&format!("Unknown conversion specifier \\x{n:x}")).into());
            }
        }
        let spec = &fmt[field.spec.clone()];
        if !field.spec_has_fields {
            sink.spec(vm, spec)?;
        } else if nested {
            // CPython expands fields in a spec, but not in a spec inside one.
            return Err(vm.value_error("Max string recursion exceeded").into());
        } else {
            sink.begin_spec(vm)?;
            format_template(vm, sink, spec, pos, kws, true, numbering)?;
            sink.end_spec(vm)?;
        }
        sink.render(vm)?;
    }
    if literal < fmt.len() {
        sink.text(vm, &fmt[literal..])?;
    }
    Ok(())
}

/// Parses the field that starts at `fmt[*i]` (just past its '{') and leaves `*i` past its '}'.
/// The name runs to '}', ':' or '!' (a '[' hides all of these up to the next ']'); a
/// conversion is one char; the spec runs to the '}' that balances the braces inside it.
fn parse_field(vm: &mut Vm, fmt: &[char], i: &mut usize) -> Result<Field, Exc> {
    let start = *i;
    let mut last = None;
    while let Some(&c) = fmt.get(*i) {
        *i += 1;
        last = Some(c);
        match c {
            '{' => return Err(vm.value_error("unexpected '{' in field name")),
            '[' => {
                while fmt.get(*i).is_some_and(|c| *c != ']') {
                    *i += 1;
                }
            }
            '}' | ':' | '!' => break,
            _ => {}
        }
    }
    let mut field = Field { name: start..*i - 1, conversion: None, spec: *i..*i, spec_has_fields: false };
    match last {
        Some('}') => return Ok(field),
        Some('!') | Some(':') => {}
        _ => return Err(vm.value_error("expected '}' before end of string")),
    }
    if last == Some('!') {
        let Some(&conv) = fmt.get(*i) else {
            return Err(vm.value_error("end of string while looking for conversion specifier"));
        };
        field.conversion = Some(conv);
        *i += 1;
        if let Some(&c) = fmt.get(*i) {
            *i += 1;
            if c == '}' {
                field.spec = *i..*i;
                return Ok(field);
            }
            if c != ':' {
                return Err(vm.value_error("expected ':' after conversion specifier"));
            }
        }
    }
    let spec_start = *i;
    let mut depth = 1;
    while let Some(&c) = fmt.get(*i) {
        *i += 1;
        match c {
            '{' => {
                field.spec_has_fields = true;
                depth += 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    field.spec = spec_start..*i - 1;
                    return Ok(field);
                }
            }
            _ => {}
        }
    }
    Err(vm.value_error("unmatched '{' in format spec"))
}

/// A field name or index made only of decimal digits (any script's) is a number, as CPython's
/// `get_integer` reads it; anything else is `None`.
fn field_integer(vm: &mut Vm, text: &[char]) -> Result<Option<usize>, Exc> {
    if text.is_empty() {
        return Ok(None);
    }
    let mut n: usize = 0;
    for &c in text {
        let Some(d) = numfmt::py_decimal_value(c) else {
            return Ok(None);
        };
        n = match n.checked_mul(10).and_then(|n| n.checked_add(d as usize)).filter(|n| *n <= isize::MAX as usize) {
            Some(n) => n,
            None => return Err(vm.value_error("Too many decimal digits in format string")),
        };
    }
    Ok(Some(n))
}

/// Starts the field a field name designates: an argument, then attributes (`.name`) and
/// items (`[key]`, a number when it is all digits), as steps.
fn field_value<S: FormatSink>(
    vm: &mut Vm,
    sink: &mut S,
    name: &[char],
    pos: &[Value],
    kws: &[(String, Value)],
    numbering: &mut AutoNumber,
) -> Result<(), Halt> {
    let first_end = name.iter().position(|c| *c == '.' || *c == '[').unwrap_or(name.len());
    let first = &name[..first_end];
    let index = field_integer(vm, first)?;
    let value = if first.is_empty() || index.is_some() {
        let n = match (*numbering, index) {
            (AutoNumber::Unset, None) => 0,
            (AutoNumber::Auto(n), None) => n,
            (AutoNumber::Unset | AutoNumber::Manual, Some(n)) => n,
            (AutoNumber::Manual, None) => {
                let msg = "cannot switch from manual field specification to automatic field numbering";
                return Err(vm.value_error(msg).into());
            }
            (AutoNumber::Auto(_), Some(_)) => {
                let msg = "cannot switch from automatic field numbering to manual field specification";
                return Err(vm.value_error(msg).into());
            }
        };
        *numbering = if index.is_some() { AutoNumber::Manual } else { AutoNumber::Auto(n + 1) };
        match pos.get(n) {
            Some(v) => *v,
            None => {
                let msg = format!("Replacement index {n} out of range for positional args tuple");
                return Err(vm.index_error(&msg).into());
            }
        }
    } else {
        let key: String = first.iter().collect();
        match kws.iter().find(|(k, _)| *k == key) {
            Some((_, v)) => *v,
            None => {
                let k = vm.new_string(key);
                return Err(vm.key_error(k).into());
            }
        }
    };
    sink.field(vm, value)?;
    let mut j = first_end;
    while let Some(&c) = name.get(j) {
        j += 1;
        let start = j;
        match c {
            '.' => {
                while name.get(j).is_some_and(|c| *c != '.' && *c != '[') {
                    j += 1;
                }
                if start == j {
                    return Err(vm.value_error("Empty attribute in format string").into());
                }
                let attr: String = name[start..j].iter().collect();
                let attr = vm.intern(&attr);
                sink.attr(vm, attr)?;
            }
            '[' => {
                while name.get(j).is_some_and(|c| *c != ']') {
                    j += 1;
                }
                if j == name.len() {
                    return Err(vm.value_error("Missing ']' in format string").into());
                }
                let key = &name[start..j];
                j += 1;
                let index = field_integer(vm, key)?;
                if key.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string").into());
                }
                let k = match index {
                    Some(n) => Value::Int(n as i64),
                    None => vm.new_string(key.iter().collect()),
                };
                sink.item(vm, k)?;
            }
            _ => return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier").into()),
        }
    }
    Ok(())
}

/// Formats as the steps arrive. Index 0 is the template, 1 a spec with fields (CPython
/// expands one level): its output, its current field's object and that field's spec.
struct NativeFormat {
    out: [String; 2],
    value: [Value; 2],
    spec: [String; 2],
    level: usize,
}

impl NativeFormat {
    fn new() -> NativeFormat {
        NativeFormat { out: Default::default(), value: [Value::None; 2], spec: Default::default(), level: 0 }
    }
}

impl FormatSink for NativeFormat {
    fn text(&mut self, _vm: &mut Vm, text: &[char]) -> Result<(), Halt> {
        self.out[self.level].extend(text);
        Ok(())
    }

    fn field(&mut self, _vm: &mut Vm, v: Value) -> Result<(), Halt> {
        self.value[self.level] = v;
        Ok(())
    }

    fn attr(&mut self, vm: &mut Vm, name: Value) -> Result<(), Halt> {
        let v = &mut self.value[self.level];
        match vm.get_attr_flow(*v, name)? {
            Attr::Value(a) => *v = a,
            // A property or `__getattr__`.
            Attr::Call(..) => return Err(Halt::Python),
        }
        Ok(())
    }

    fn item(&mut self, vm: &mut Vm, key: Value) -> Result<(), Halt> {
        let v = &mut self.value[self.level];
        if vm.item_needs_python(*v) {
            return Err(Halt::Python);
        }
        *v = vm.get_item(*v, key)?;
        Ok(())
    }

    fn convert(&mut self, vm: &mut Vm, conv: char) -> Result<(), Halt> {
        let v = &mut self.value[self.level];
        if vm.needs_python_text(*v, if conv == 's' { bits::TEXT_STR } else { bits::REPR }) {
            return Err(Halt::Python);
        }
        *v = match conv {
            's' => vm.to_str(*v)?,
            'r' => vm.to_repr(*v)?,
            _ => vm.to_ascii(*v)?,
        };
        Ok(())
    }

    fn spec(&mut self, _vm: &mut Vm, spec: &[char]) -> Result<(), Halt> {
        let s = &mut self.spec[self.level];
        s.clear();
        s.extend(spec);
        Ok(())
    }

    fn begin_spec(&mut self, _vm: &mut Vm) -> Result<(), Halt> {
        self.level = 1;
        self.out[1].clear();
        Ok(())
    }

    fn end_spec(&mut self, _vm: &mut Vm) -> Result<(), Halt> {
        self.level = 0;
        self.spec[0] = std::mem::take(&mut self.out[1]);
        Ok(())
    }

    fn render(&mut self, vm: &mut Vm) -> Result<(), Halt> {
        let (v, l) = (self.value[self.level], self.level);
        if vm.needs_python_text(v, bits::TEXT_FORMAT) {
            return Err(Halt::Python);
        }
        let s = vm.format_value(v, &self.spec[l])?;
        let text = vm.str_of(s).unwrap_or("");
        check_size(vm, self.out[l].len().checked_add(text.len()))?;
        let text = vm.str_of(s).unwrap_or("");
        self.out[l].push_str(text);
        Ok(())
    }
}

/// Records the steps as a plan (see the top of the file): one level per template being read,
/// the innermost last.
struct FormatPlan {
    levels: Vec<PlanLevel>,
}

#[derive(Default)]
struct PlanLevel {
    items: Vec<Value>,
    /// Literal text not yet in `items`.
    text: String,
    /// The field being read: its object, steps and spec (Undef until known).
    field: Option<(Value, Vec<Value>, Value)>,
}

impl FormatPlan {
    fn level(&mut self) -> &mut PlanLevel {
        let last = self.levels.len() - 1;
        &mut self.levels[last]
    }

    fn step(&mut self, vm: &mut Vm, op: &str, x: Value) {
        let op = vm.intern(op);
        let t = vm.new_tuple(vec![op, x]);
        if let Some((_, steps, _)) = &mut self.level().field {
            steps.push(t);
        }
    }

    /// Closes the innermost level's field, if one is open, into its items.
    fn close_field(&mut self, vm: &mut Vm) {
        if let Some((v, steps, spec)) = self.level().field.take() {
            let steps = vm.new_tuple(steps);
            let spec = if spec.is_undef() { vm.intern("") } else { spec };
            let t = vm.new_tuple(vec![v, steps, spec]);
            self.level().items.push(t);
        }
    }

    fn flush_text(&mut self, vm: &mut Vm) {
        let level = self.level();
        if !level.text.is_empty() {
            let s = std::mem::take(&mut level.text);
            let s = vm.new_string(s);
            self.level().items.push(s);
        }
    }

    /// Closes the innermost level into a list: the plan, or the spec of the field around it.
    fn close_level(&mut self, vm: &mut Vm) -> Value {
        self.flush_text(vm);
        self.close_field(vm);
        let items = std::mem::take(&mut self.level().items);
        if self.levels.len() > 1 {
            self.levels.pop();
        }
        let list = vm.new_list(items);
        if let Some((_, _, spec)) = &mut self.level().field {
            *spec = list;
        }
        list
    }

    /// The plan of a template read to its end.
    fn finish(&mut self, vm: &mut Vm) -> Value {
        let mut plan = self.close_level(vm);
        while self.levels.len() > 1 || self.level().field.is_some() {
            plan = self.close_level(vm);
        }
        plan
    }

    /// The plan of a template that stopped at error `e`: the steps so far, then `e`.
    fn fail(&mut self, vm: &mut Vm, e: Exc) -> Value {
        self.flush_text(vm);
        let e = Value::Obj(e.0);
        let level = self.level();
        match &mut level.field {
            Some((_, steps, _)) => steps.push(e),
            None => level.items.push(e),
        }
        self.finish(vm)
    }
}

impl FormatSink for FormatPlan {
    fn text(&mut self, _vm: &mut Vm, text: &[char]) -> Result<(), Halt> {
        self.level().text.extend(text);
        Ok(())
    }

    fn field(&mut self, vm: &mut Vm, v: Value) -> Result<(), Halt> {
        self.flush_text(vm);
        self.level().field = Some((v, Vec::new(), Value::Undef));
        Ok(())
    }

    fn attr(&mut self, vm: &mut Vm, name: Value) -> Result<(), Halt> {
        self.step(vm, ".", name);
        Ok(())
    }

    fn item(&mut self, vm: &mut Vm, key: Value) -> Result<(), Halt> {
        self.step(vm, "[", key);
        Ok(())
    }

    fn convert(&mut self, vm: &mut Vm, conv: char) -> Result<(), Halt> {
        self.step(vm, conv.encode_utf8(&mut [0; 4]), Value::None);
        Ok(())
    }

    fn spec(&mut self, vm: &mut Vm, spec: &[char]) -> Result<(), Halt> {
        let s = vm.new_string(spec.iter().collect());
        if let Some((_, _, slot)) = &mut self.level().field {
            *slot = s;
        }
        Ok(())
    }

    fn begin_spec(&mut self, _vm: &mut Vm) -> Result<(), Halt> {
        self.levels.push(PlanLevel::default());
        Ok(())
    }

    fn end_spec(&mut self, vm: &mut Vm) -> Result<(), Halt> {
        self.close_level(vm);
        Ok(())
    }

    fn render(&mut self, vm: &mut Vm) -> Result<(), Halt> {
        self.close_field(vm);
        Ok(())
    }
}
