//! The `%` operator's formatting of a str (printf-style, CPython 3.11's `PyUnicode_Format`),
//! built as `str.format` is (see `formatting.rs`): one parser hands the conversions, in
//! CPython's order, to a sink. `NativePercent` formats at once; `PercentPlan` records a plan
//! for the prelude's `_percent_run` when an argument's text comes from a user method or a
//! `%(key)` mapping's `__getitem__` is Python. The dispatch loop cannot take a request from an
//! operator, so it asks first (`Vm::percent_needs_python`) and then sends the operation
//! through the prelude's `_binary_op`, which comes back to `percent_call`.
//!
//! A plan is a list of: a str (literal text); an exception (raised there); `(value, spec)`;
//! or `(mapping, key, spec)`, whose value is `mapping[key]`, looked up where CPython looks it
//! up. `spec` is `(conversion, flags, width, precision)` for `_percent_one`; a lookup that a
//! conversion never used (the template fails first) has `spec` None, or `"*"`/`".*"` when a
//! `*` took the value as a width or precision, which `_percent_star` checks.

use super::strings::check_size;
use super::NResult;
use crate::interp::Ret;
use crate::object::HeapObj;
use crate::special::bits;
use crate::value::Value;
use crate::{numfmt, Exc, Vm};
use coro_compiler::opcode::BinOpKind;

impl Vm {
    /// Whether `a % b` is `%`-formatting that may run Python, so the dispatch loop must send
    /// it through the prelude. Costs a few loads when `b` is a number, a str or a tuple of
    /// them, and allocates nothing unless an argument is a container.
    #[inline]
    pub(crate) fn percent_needs_python(&mut self, kind: BinOpKind, a: Value, b: Value) -> bool {
        let (Value::Obj(ra), Value::Obj(rb)) = (a, b) else { return false };
        if kind != BinOpKind::Mod || !matches!(self.heap.get(ra), HeapObj::Str(_)) {
            return false;
        }
        if matches!(self.heap.get(rb), HeapObj::Str(_)) && self.heap.derived.is_empty() {
            return false;
        }
        self.percent_args_need_python(b)
    }

    /// Whether formatting with the arguments `b` may run Python: an argument (or a mapping's
    /// value) whose `str`/`repr` is a user method, or a mapping whose items come from Python.
    #[inline(never)]
    fn percent_args_need_python(&mut self, b: Value) -> bool {
        let Value::Obj(r) = b else { return false };
        match self.heap.get(r) {
            HeapObj::Str(_) => self.needs_python_text(b, bits::TEXT_STR),
            HeapObj::Tuple(items) => {
                if items.iter().all(|v| self.plain_text(*v)) {
                    return false;
                }
                let items = items.to_vec();
                items.into_iter().any(|v| self.needs_python_text(v, bits::TEXT_STR))
            }
            HeapObj::Dict(d) if self.default_factory(b).is_undef() && self.derived(b).is_none() => {
                // A mapping's values are what its `%(key)` conversions format.
                let values: Vec<Value> = d.iter().map(|e| e.value).filter(|v| !self.plain_text(*v)).collect();
                values.into_iter().any(|v| self.needs_python_text(v, bits::TEXT_STR))
            }
            _ => self.needs_python_text(b, bits::TEXT_STR) || self.item_needs_python(b),
        }
    }

    /// Whether `v` is a number or a plain str, whose text never needs Python.
    #[inline]
    fn plain_text(&self, v: Value) -> bool {
        match v {
            Value::Obj(o) => matches!(self.heap.get(o), HeapObj::Str(_)) && self.derived(v).is_none(),
            _ => true,
        }
    }

    /// Whether `c[k]` may run Python: a user `__getitem__`, a dict subclass's `__missing__`,
    /// a defaultdict's factory, a `__class_getitem__`.
    pub(crate) fn item_needs_python(&mut self, c: Value) -> bool {
        self.specials(c) & bits::GETITEM != 0
            || !self.default_factory(c).is_undef()
            || self.derived(c).is_some()
            || self.class_getitem(c).is_some()
    }
}

/// An argument a conversion takes: a value, or in a plan `mapping[key]`, looked up by the
/// prelude.
#[derive(Clone, Copy)]
enum Arg {
    Value(Value),
    Item(Value, Value),
}

/// The arguments of `%`-formatting as CPython walks them: a tuple's items in turn, or one
/// argument (`len` -1) that a single conversion takes.
struct PercentArgs {
    single: Arg,
    items: Vec<Value>,
    len: i64,
    next: i64,
}

impl PercentArgs {
    fn one(a: Arg) -> PercentArgs {
        PercentArgs { single: a, items: Vec::new(), len: -1, next: -2 }
    }

    fn take(&mut self, vm: &mut Vm) -> Result<Arg, Exc> {
        if self.next < self.len {
            let i = self.next;
            self.next += 1;
            let a = if self.len < 0 { Some(self.single) } else { self.items.get(i as usize).map(|v| Arg::Value(*v)) };
            if let Some(a) = a {
                return Ok(a);
            }
        }
        Err(vm.type_error("not enough arguments for format string"))
    }
}

/// One conversion specifier: `%(key)flags width .precision conversion`.
#[derive(Default)]
struct PercentSpec {
    left: bool,
    plus: bool,
    blank: bool,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    precision: Option<usize>,
    conv: char,
}

impl PercentSpec {
    /// `(conversion, flags, width, precision)`, as a plan holds it; the flags are bits, from
    /// bit 0: `-`, `+`, ` `, `#`, `0`.
    fn to_value(&self, vm: &mut Vm) -> Value {
        let conv = vm.new_string(self.conv.to_string());
        let bits = [self.left, self.plus, self.blank, self.alt, self.zero];
        let flags = bits.iter().enumerate().fold(0, |acc, (i, f)| acc | (*f as i64) << i);
        let num = |n: Option<usize>| n.map_or(Value::None, |n| Value::Int(n as i64));
        vm.new_tuple(vec![conv, Value::Int(flags), num(self.width), num(self.precision)])
    }

    /// The spec `to_value` made (anything else reads as a bare `%s`).
    fn from_value(vm: &Vm, v: Value) -> PercentSpec {
        let items = vm.tuple_items(v);
        let at = |i: usize| items.get(i).copied().unwrap_or(Value::None);
        let num = |v: Value| match v {
            Value::Int(n) => Some(n.max(0) as usize),
            _ => None,
        };
        let flags = match at(1) {
            Value::Int(n) => n,
            _ => 0,
        };
        let bit = |i: usize| flags & (1 << i) != 0;
        PercentSpec {
            left: bit(0),
            plus: bit(1),
            blank: bit(2),
            alt: bit(3),
            zero: bit(4),
            width: num(at(2)),
            precision: num(at(3)),
            conv: vm.str_of(at(0)).and_then(|s| s.chars().next()).unwrap_or('s'),
        }
    }
}

/// Receives a `%` template's literal text and conversions in the order CPython takes them.
trait PercentSink {
    fn text(&mut self, vm: &mut Vm, text: &[char]);
    /// A `%(key)` specifier's argument, `mapping[key]`.
    fn lookup(&mut self, vm: &mut Vm, mapping: Value, key: Value) -> Result<Arg, Exc>;
    /// The value a `*` takes as a width or precision, or None when a plan has yet to look it
    /// up (the template then fails: nothing is left for its conversion).
    fn star(&mut self, arg: Arg, precision: bool) -> Option<Value>;
    fn convert(&mut self, vm: &mut Vm, arg: Arg, spec: &PercentSpec) -> Result<(), Exc>;
}

/// `fmt % args` (printf-style formatting), as CPython 3.11's `PyUnicode_Format`, for
/// arguments that need no Python (`Vm::percent_needs_python`).
pub fn percent_format(vm: &mut Vm, fmt_v: Value, args: Value) -> Result<Value, Exc> {
    let fmt: Vec<char> = vm.str_of(fmt_v).unwrap_or("").chars().collect();
    let mut sink = NativePercent { out: String::new() };
    percent_template(vm, &mut sink, &fmt, args)?;
    if !fmt.contains(&'%') {
        // CPython gives back the format itself (a str subclass stays one).
        return Ok(fmt_v);
    }
    Ok(vm.new_string(sink.out))
}

/// `fmt % args` reached through the prelude: formatted here when nothing needs Python after
/// all, else planned for `_percent_run`.
pub(crate) fn percent_call(vm: &mut Vm, fmt_v: Value, args: Value) -> NResult {
    let fmt: Vec<char> = vm.str_of(fmt_v).unwrap_or("").chars().collect();
    if !fmt.contains(&'%') || !vm.percent_args_need_python(args) {
        return Ok(percent_format(vm, fmt_v, args)?.into());
    }
    let mut plan = PercentPlan { items: Vec::new(), text: String::new(), pending: None };
    let r = percent_template(vm, &mut plan, &fmt, args);
    plan.flush_text(vm);
    if let Err(e) = r {
        plan.flush_pending(vm);
        plan.items.push(Value::Obj(e.0));
    }
    let plan = vm.new_list(plan.items);
    Ok(Ret::TailCall(vm.prelude_fn("_percent_run"), vec![plan]))
}

/// Reads a `%` template and hands its steps to `sink`.
fn percent_template<S: PercentSink>(vm: &mut Vm, sink: &mut S, fmt: &[char], args: Value) -> Result<(), Exc> {
    let (is_tuple, is_mapping) = match args {
        Value::Obj(r) => match vm.heap.get(r) {
            HeapObj::Tuple(_) => (true, false),
            // PyMapping_Check: anything subscriptable but a str, so lists and ranges count too.
            HeapObj::Dict(_) | HeapObj::List(_) | HeapObj::Range { .. } | HeapObj::BigRange(_) => (false, true),
            HeapObj::Instance { .. } => (false, vm.specials(args) & bits::GETITEM != 0),
            _ => (false, false),
        },
        _ => (false, false),
    };
    let mut cursor = if is_tuple {
        let items = vm.tuple_items(args);
        PercentArgs { single: Arg::Value(args), len: items.len() as i64, items, next: 0 }
    } else {
        PercentArgs::one(Arg::Value(args))
    };
    let dict = is_mapping.then_some(args);
    let mut i = 0;
    let mut literal = 0;
    while let Some(&c) = fmt.get(i) {
        i += 1;
        if c != '%' {
            continue;
        }
        if fmt.get(i) == Some(&'%') {
            // `%%`: the text so far with one '%'.
            sink.text(vm, &fmt[literal..i]);
            i += 1;
            literal = i;
            continue;
        }
        if literal < i - 1 {
            sink.text(vm, &fmt[literal..i - 1]);
        }
        let spec = parse_percent_spec(vm, sink, fmt, &mut i, dict, &mut cursor)?;
        literal = i;
        let arg = cursor.take(vm)?;
        if !is_conversion(spec.conv) {
            let c = spec.conv;
            let shown = if (' '..='~').contains(&c) || c == '\x1f' { c } else { '?' };
            let (n, at) = (c as u32, i - 1);
            return Err(vm.value_error(&format!("unsupported format character '{shown}' (0x{n:x}) at index {at}")));
        }
        sink.convert(vm, arg, &spec)?;
    }
    if literal < fmt.len() {
        sink.text(vm, &fmt[literal..]);
    }
    if cursor.next < cursor.len && dict.is_none() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(())
}

/// The conversion chars: text (`s r a`), integers, floats, and `c`.
const CONVERSIONS: &str = "sraduioxXeEfFgGc";

fn is_conversion(c: char) -> bool {
    CONVERSIONS.contains(c)
}

/// Reads a specifier starting just past its '%', leaving `*i` past the conversion char. A
/// `(key)` replaces the arguments with `dict[key]`; `*` widths and precisions take arguments.
fn parse_percent_spec<S: PercentSink>(
    vm: &mut Vm,
    sink: &mut S,
    fmt: &[char],
    i: &mut usize,
    dict: Option<Value>,
    cursor: &mut PercentArgs,
) -> Result<PercentSpec, Exc> {
    let mut spec = PercentSpec::default();
    if fmt.get(*i) == Some(&'(') {
        let Some(dict) = dict else {
            return Err(vm.type_error("format requires a mapping"));
        };
        *i += 1;
        let start = *i;
        let mut depth = 1;
        while depth > 0 {
            match fmt.get(*i) {
                Some(')') => depth -= 1,
                Some('(') => depth += 1,
                Some(_) => {}
                None => return Err(vm.value_error("incomplete format key")),
            }
            *i += 1;
        }
        let key = vm.new_string(fmt[start..*i - 1].iter().collect());
        let arg = sink.lookup(vm, dict, key)?;
        *cursor = PercentArgs::one(arg);
    }
    // Running out of format string anywhere in a specifier is CPython's "incomplete format".
    let next = |vm: &mut Vm, i: &mut usize| match fmt.get(*i) {
        Some(&c) => {
            *i += 1;
            Ok(c)
        }
        None => Err(vm.value_error("incomplete format")),
    };
    // A width or precision from its first digit `d` on: the number (at most `max`, else
    // ValueError `too_big`) and the char after it.
    let number = |vm: &mut Vm, i: &mut usize, d: u32, max: usize, too_big: &str| -> Result<(usize, char), Exc> {
        let mut n = d as usize;
        loop {
            let c = next(vm, i)?;
            let Some(d) = c.to_digit(10) else { return Ok((n, c)) };
            n = match n.checked_mul(10).and_then(|n| n.checked_add(d as usize)).filter(|n| *n <= max) {
                Some(n) => n,
                None => return Err(vm.value_error(too_big)),
            };
        }
    };
    let mut c = next(vm, i)?;
    loop {
        match c {
            '-' => spec.left = true,
            '+' => spec.plus = true,
            ' ' => spec.blank = true,
            '#' => spec.alt = true,
            '0' => spec.zero = true,
            _ => break,
        }
        c = next(vm, i)?;
    }
    if c == '*' {
        let arg = cursor.take(vm)?;
        let w = match sink.star(arg, false) {
            Some(v) => star_width(vm, v)?,
            None => 0,
        };
        if w < 0 {
            spec.left = true;
        }
        spec.width = Some(w.unsigned_abs() as usize);
        c = next(vm, i)?;
    } else if let Some(d) = c.to_digit(10) {
        let (w, after) = number(vm, i, d, isize::MAX as usize, "width too big")?;
        spec.width = Some(w);
        c = after;
    }
    if c == '.' {
        spec.precision = Some(0);
        c = next(vm, i)?;
        if c == '*' {
            let arg = cursor.take(vm)?;
            let p = match sink.star(arg, true) {
                Some(v) => star_precision(vm, v)?,
                None => 0,
            };
            spec.precision = Some(p.max(0) as usize);
            c = next(vm, i)?;
        } else if let Some(d) = c.to_digit(10) {
            let (p, after) = number(vm, i, d, i32::MAX as usize, "precision too big")?;
            spec.precision = Some(p);
            c = after;
        }
    }
    // C length modifiers are accepted and ignored.
    if matches!(c, 'h' | 'l' | 'L') {
        c = next(vm, i)?;
    }
    spec.conv = c;
    Ok(spec)
}

/// A `*` width: an int that fits an index-sized integer.
fn star_width(vm: &mut Vm, v: Value) -> Result<i64, Exc> {
    match v {
        Value::Int(n) => Ok(n),
        Value::Bool(b) => Ok(b as i64),
        _ if vm.is_int(v) => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        _ => Err(vm.type_error("* wants int")),
    }
}

/// A `*` precision: an int that fits a C int.
fn star_precision(vm: &mut Vm, v: Value) -> Result<i32, Exc> {
    let p = match v {
        Value::Int(n) => i32::try_from(n).ok(),
        Value::Bool(b) => Some(b as i32),
        _ if vm.is_int(v) => None,
        _ => return Err(vm.type_error("* wants int")),
    };
    p.ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"))
}

/// Formats as the conversions arrive.
struct NativePercent {
    out: String,
}

impl PercentSink for NativePercent {
    fn text(&mut self, _vm: &mut Vm, text: &[char]) {
        self.out.extend(text);
    }

    fn lookup(&mut self, vm: &mut Vm, mapping: Value, key: Value) -> Result<Arg, Exc> {
        Ok(Arg::Value(vm.get_item(mapping, key)?))
    }

    fn star(&mut self, arg: Arg, _precision: bool) -> Option<Value> {
        match arg {
            Arg::Value(v) => Some(v),
            Arg::Item(..) => None,
        }
    }

    #[inline]
    fn convert(&mut self, vm: &mut Vm, arg: Arg, spec: &PercentSpec) -> Result<(), Exc> {
        let v = match arg {
            Arg::Value(v) => v,
            Arg::Item(m, k) => vm.get_item(m, k)?,
        };
        let (text, numeric) = match spec.conv {
            's' => (vm.str_string(v)?, false),
            'r' => (vm.repr_string(v)?, false),
            'a' => {
                let s = vm.to_ascii(v)?;
                (vm.str_of(s).unwrap_or("").to_string(), false)
            }
            _ => percent_value_text(vm, v, spec)?,
        };
        let field = spec.width.unwrap_or(0).max(text.len());
        check_size(vm, self.out.len().checked_add(field))?;
        write_percent(&mut self.out, spec, numeric, &text);
        Ok(())
    }
}

/// The text of a numeric or `%c` conversion, and whether it is a number.
#[inline]
fn percent_value_text(vm: &mut Vm, v: Value, spec: &PercentSpec) -> Result<(String, bool), Exc> {
    Ok(match spec.conv {
        'c' => (percent_char(vm, v)?.to_string(), false),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => (percent_float(vm, v, spec)?, true),
        _ => (percent_int(vm, v, spec)?, true),
    })
}

/// Records the steps as a plan (see the top of the file).
struct PercentPlan {
    items: Vec<Value>,
    /// Literal text not yet in `items`.
    text: String,
    /// A `%(key)` lookup no conversion has used yet, and what a `*` that took it needs.
    pending: Option<(Value, Value, Option<&'static str>)>,
}

impl PercentPlan {
    fn flush_text(&mut self, vm: &mut Vm) {
        if !self.text.is_empty() {
            let s = vm.new_string(std::mem::take(&mut self.text));
            self.items.push(s);
        }
    }

    /// The lookup a failing template made and did not use, for its side effects.
    fn flush_pending(&mut self, vm: &mut Vm) {
        if let Some((m, k, star)) = self.pending.take() {
            let spec = star.map_or(Value::None, |s| vm.intern(s));
            let t = vm.new_tuple(vec![m, k, spec]);
            self.items.push(t);
        }
    }
}

impl PercentSink for PercentPlan {
    fn text(&mut self, _vm: &mut Vm, text: &[char]) {
        self.text.extend(text);
    }

    fn lookup(&mut self, _vm: &mut Vm, mapping: Value, key: Value) -> Result<Arg, Exc> {
        self.pending = Some((mapping, key, None));
        Ok(Arg::Item(mapping, key))
    }

    fn star(&mut self, arg: Arg, precision: bool) -> Option<Value> {
        match arg {
            Arg::Value(v) => Some(v),
            Arg::Item(m, k) => {
                self.pending = Some((m, k, Some(if precision { ".*" } else { "*" })));
                None
            }
        }
    }

    fn convert(&mut self, vm: &mut Vm, arg: Arg, spec: &PercentSpec) -> Result<(), Exc> {
        self.flush_text(vm);
        let spec = spec.to_value(vm);
        let t = match arg {
            Arg::Value(v) => vm.new_tuple(vec![v, spec]),
            Arg::Item(m, k) => {
                self.pending = None;
                vm.new_tuple(vec![m, k, spec])
            }
        };
        self.items.push(t);
        Ok(())
    }
}

/// `_percent_one(value, spec)`: one conversion of a plan, the value already made text by the
/// prelude for `%s`, `%r` and `%a` (the text itself when no padding applies, as CPython
/// gives back a sole `%s` argument's str).
pub(crate) fn percent_one(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let (v, spec) = (args.first().copied().unwrap_or(Value::None), args.get(1).copied().unwrap_or(Value::None));
    let spec = PercentSpec::from_value(vm, spec);
    let text_given = matches!(spec.conv, 's' | 'r' | 'a');
    let (text, numeric) = match vm.str_of(v) {
        Some(s) if text_given => (s.to_string(), false),
        _ => percent_value_text(vm, v, &spec)?,
    };
    let mut out = String::new();
    check_size(vm, Some(spec.width.unwrap_or(0).max(text.len())))?;
    write_percent(&mut out, &spec, numeric, &text);
    if text_given && out == text {
        return Ok(v.into());
    }
    Ok(vm.new_string(out).into())
}

/// `_percent_star(value, "*" | ".*")`: the check a `*` width or precision makes of the value
/// it took from a `%(key)` lookup.
pub(crate) fn percent_star(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let v = args.first().copied().unwrap_or(Value::None);
    match args.get(1).and_then(|k| vm.str_of(*k)) {
        Some(".*") => star_precision(vm, v).map(|_| ())?,
        _ => star_width(vm, v).map(|_| ())?,
    }
    Ok(Value::None.into())
}

/// `%d %i %u %o %x %X`: floats are truncated for the decimal ones; the precision is a minimum
/// digit count; `#` adds the 0o/0x prefix. The sign and padding come later, in `write_percent`.
fn percent_int(vm: &mut Vm, v: Value, spec: &PercentSpec) -> Result<String, Exc> {
    use num_traits::Signed;
    let conv = spec.conv;
    let wrong_type = |vm: &mut Vm| {
        let t = vm.type_name(v);
        let what = if matches!(conv, 'o' | 'x' | 'X') { "an integer" } else { "a real number" };
        vm.type_error(&format!("%{conv} format: {what} is required, not {t}"))
    };
    let n = match (vm.to_bigint(v), v) {
        (Some(n), _) => n,
        (None, Value::Float(_)) if matches!(conv, 'o' | 'x' | 'X') => return Err(wrong_type(vm)),
        (None, Value::Float(f)) if f.is_nan() => return Err(vm.value_error("cannot convert float NaN to integer")),
        (None, Value::Float(f)) => match numfmt::float_is_integer_to_bigint(f.trunc()) {
            Some(n) => n,
            None => return Err(vm.overflow_error("cannot convert float infinity to integer")),
        },
        _ => return Err(wrong_type(vm)),
    };
    let (base, prefix) = match conv {
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits = if base == 10 {
        match numfmt::int_to_decimal_checked(&n.abs()) {
            Ok(d) => d,
            Err(_) => return Err(vm.value_error(&numfmt::int_to_str_limit_message())),
        }
    } else {
        n.magnitude().to_str_radix(base)
    };
    let mut out = String::new();
    if n.is_negative() {
        out.push('-');
    }
    if spec.alt {
        out.push_str(prefix);
    }
    let zeros = spec.precision.unwrap_or(0).saturating_sub(digits.len());
    check_size(vm, digits.len().checked_add(zeros))?;
    out.extend(std::iter::repeat_n('0', zeros));
    out.push_str(&digits);
    if conv == 'X' {
        out.make_ascii_uppercase();
    }
    Ok(out)
}

/// `%e %E %f %F %g %G`, with the precision defaulting to 6.
fn percent_float(vm: &mut Vm, v: Value, spec: &PercentSpec) -> Result<String, Exc> {
    let Some(f) = vm.to_f64(v)? else {
        let t = vm.type_name(v);
        return Err(vm.type_error(&format!("must be real number, not {t}")));
    };
    let alt = if spec.alt { "#" } else { "" };
    let fspec = format!("{alt}.{}{}", spec.precision.unwrap_or(6), spec.conv);
    let s = vm.format_value(Value::Float(f), &fspec)?;
    Ok(vm.str_of(s).unwrap_or("").to_string())
}

/// `%c`: a one-char str or a code point.
fn percent_char(vm: &mut Vm, v: Value) -> Result<char, Exc> {
    if let Some(s) = vm.str_of(v) {
        let mut it = s.chars();
        return match (it.next(), it.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(vm.type_error("%c requires int or char")),
        };
    }
    let Some(n) = vm.to_bigint(v) else {
        return Err(vm.type_error("%c requires int or char"));
    };
    match u32::try_from(n) {
        Ok(cp) if cp < 0x110000 => match char::from_u32(cp) {
            Some(c) => Ok(c),
            // coro's strings are UTF-8 and cannot hold a lone surrogate.
            None => Err(vm.value_error("%c of a surrogate code point is not supported")),
        },
        _ => Err(vm.overflow_error("%c arg not in range(0x110000)")),
    }
}

/// Writes a converted value with its padding, as CPython's `unicode_format_arg_output`: with
/// the '0' flag, numbers put their sign and 0x/0o prefix before the zeros; '-' pads on the
/// right with spaces; the precision truncates `%s %r %a`.
#[inline]
fn write_percent(out: &mut String, spec: &PercentSpec, numeric: bool, text: &str) {
    if spec.width.is_none() && spec.precision.is_none() && !(spec.plus || spec.blank) {
        // The common conversion: nothing to pad, cut or sign.
        out.push_str(text);
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut len = chars.len();
    if spec.width.is_none_or(|w| w <= len) && spec.precision.is_none_or(|p| p >= len) && !(spec.plus || spec.blank) {
        out.push_str(text);
        return;
    }
    if matches!(spec.conv, 's' | 'r' | 'a') {
        len = len.min(spec.precision.unwrap_or(len));
    }
    let fill = if numeric && spec.zero { '0' } else { ' ' };
    let mut at = 0;
    let mut sign = None;
    if numeric {
        match chars.first() {
            Some(&c) if c == '-' || c == '+' => {
                sign = Some(c);
                len -= 1;
                at = 1;
            }
            _ if spec.plus => sign = Some('+'),
            _ if spec.blank => sign = Some(' '),
            _ => {}
        }
    }
    let mut width = spec.width.unwrap_or(0).max(len);
    if let Some(s) = sign {
        if fill != ' ' {
            out.push(s);
        }
        if width > len {
            width -= 1;
        }
    }
    let prefixed = spec.alt && matches!(spec.conv, 'o' | 'x' | 'X') && len >= 2;
    if prefixed {
        if fill != ' ' {
            out.extend(&chars[at..at + 2]);
            at += 2;
        }
        width = width.saturating_sub(2);
        len -= 2;
    }
    if width > len && !spec.left {
        out.extend(std::iter::repeat_n(fill, width - len));
        width = len;
    }
    if fill == ' ' {
        if let Some(s) = sign {
            out.push(s);
        }
        if prefixed {
            out.extend(&chars[at..at + 2]);
            at += 2;
        }
    }
    out.extend(&chars[at..at + len]);
    if width > len {
        out.extend(std::iter::repeat_n(' ', width - len));
    }
}
