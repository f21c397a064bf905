//! `str.format` and `%`-formatting (printf-style), with CPython 3.11's parsing, results and
//! messages.

use super::strings::{check_size, receiver};
use super::{split_args, NResult};
use crate::object::HeapObj;
use crate::value::Value;
use crate::{numfmt, Exc, Vm};

// ---------------------------------------------------------------------------------------------
// str.format: CPython's MarkupIterator and field-name parsing (Objects/stringlib/unicode_format.h)
// ---------------------------------------------------------------------------------------------

/// `str.format(*args, **kwargs)`.
pub(super) fn str_format(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    let fmt: Vec<char> = receiver(vm, pos, "format")?.chars().collect();
    if !fmt.iter().any(|c| *c == '{' || *c == '}') {
        // Nothing to replace: CPython gives back the receiver (a str subclass stays one).
        return Ok(pos[0].into());
    }
    let mut numbering = AutoNumber::Unset;
    // CPython allows one level of fields nested in a format spec: depth 2 at the top.
    let out = format_template(vm, &fmt, &pos[1..], &kws, 2, &mut numbering)?;
    if let Some(v) = sole_field_value(vm, &fmt, &pos[1..], &kws) {
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

fn format_template(
    vm: &mut Vm,
    fmt: &[char],
    pos: &[Value],
    kws: &[(String, Value)],
    depth: u32,
    numbering: &mut AutoNumber,
) -> Result<String, Exc> {
    if depth == 0 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let mut out = String::new();
    let mut i = 0;
    while let Some(&c) = fmt.get(i) {
        i += 1;
        if c != '{' && c != '}' {
            out.push(c);
            continue;
        }
        let next = fmt.get(i).copied();
        if next == Some(c) {
            out.push(c);
            i += 1;
            continue;
        }
        if c == '}' {
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if next.is_none() {
            return Err(vm.value_error("Single '{' encountered in format string"));
        }
        let field = parse_field(vm, fmt, &mut i)?;
        let mut value = field_value(vm, &fmt[field.name.clone()], pos, kws, numbering)?;
        value = match field.conversion {
            None => value,
            Some('r') => vm.to_repr(value)?,
            Some('s') => vm.to_str(value)?,
            Some('a') => vm.to_ascii(value)?,
            Some(c) if c > ' ' && c < '\x7f' => {
                return Err(vm.value_error(&format!("Unknown conversion specifier {c}")))
            }
            Some(c) => {
                let n = c as u32;
                return Err(vm.value_error(&format!("Unknown conversion specifier \\x{n:x}")));
            }
        };
        let spec_chars = &fmt[field.spec.clone()];
        let spec = if field.spec_has_fields {
            format_template(vm, spec_chars, pos, kws, depth - 1, numbering)?
        } else {
            spec_chars.iter().collect()
        };
        let s = vm.format_value(value, &spec)?;
        let piece = vm.str_of(s).map_or(0, str::len);
        check_size(vm, out.len().checked_add(piece))?;
        out.push_str(vm.str_of(s).unwrap_or(""));
    }
    Ok(out)
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

/// The object a field name designates: an argument, then attributes (`.name`) and items
/// (`[key]`, a number when it is all digits).
fn field_value(
    vm: &mut Vm,
    name: &[char],
    pos: &[Value],
    kws: &[(String, Value)],
    numbering: &mut AutoNumber,
) -> Result<Value, Exc> {
    let first_end = name.iter().position(|c| *c == '.' || *c == '[').unwrap_or(name.len());
    let first = &name[..first_end];
    let index = field_integer(vm, first)?;
    let mut value = if first.is_empty() || index.is_some() {
        let n = match (*numbering, index) {
            (AutoNumber::Unset, None) => 0,
            (AutoNumber::Auto(n), None) => n,
            (AutoNumber::Unset | AutoNumber::Manual, Some(n)) => n,
            (AutoNumber::Manual, None) => {
                return Err(vm.value_error("cannot switch from manual field specification to automatic field numbering"))
            }
            (AutoNumber::Auto(_), Some(_)) => {
                return Err(vm.value_error("cannot switch from automatic field numbering to manual field specification"))
            }
        };
        *numbering = if index.is_some() { AutoNumber::Manual } else { AutoNumber::Auto(n + 1) };
        match pos.get(n) {
            Some(v) => *v,
            None => {
                return Err(vm.index_error(&format!("Replacement index {n} out of range for positional args tuple")))
            }
        }
    } else {
        let key: String = first.iter().collect();
        match kws.iter().find(|(k, _)| *k == key) {
            Some((_, v)) => *v,
            None => {
                let k = vm.new_string(key);
                return Err(vm.key_error(k));
            }
        }
    };
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
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let attr: String = name[start..j].iter().collect();
                let attr = vm.intern(&attr);
                value = vm.get_attr(value, attr)?;
            }
            '[' => {
                while name.get(j).is_some_and(|c| *c != ']') {
                    j += 1;
                }
                if j == name.len() {
                    return Err(vm.value_error("Missing ']' in format string"));
                }
                let key = &name[start..j];
                j += 1;
                let index = field_integer(vm, key)?;
                if key.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let k = match index {
                    Some(n) => Value::Int(n as i64),
                    None => vm.new_string(key.iter().collect()),
                };
                value = vm.get_item(value, k)?;
            }
            _ => return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier")),
        }
    }
    Ok(value)
}

// ---------------------------------------------------------------------------------------------
// %-formatting: CPython's PyUnicode_Format
// ---------------------------------------------------------------------------------------------

/// The arguments of `%`-formatting as CPython walks them: a tuple's items in turn, or one value
/// (`len` -1) that a single conversion consumes.
struct PercentArgs {
    single: Value,
    items: Vec<Value>,
    len: i64,
    next: i64,
}

impl PercentArgs {
    fn one(v: Value) -> PercentArgs {
        PercentArgs { single: v, items: Vec::new(), len: -1, next: -2 }
    }

    fn take(&mut self, vm: &mut Vm) -> Result<Value, Exc> {
        if self.next < self.len {
            let i = self.next;
            self.next += 1;
            let v = if self.len < 0 { Some(self.single) } else { self.items.get(i as usize).copied() };
            if let Some(v) = v {
                return Ok(v);
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

/// `fmt % args` (printf-style formatting), as CPython 3.11's `PyUnicode_Format`.
pub fn percent_format(vm: &mut Vm, fmt_v: Value, args: Value) -> Result<Value, Exc> {
    let fmt: Vec<char> = vm.str_of(fmt_v).unwrap_or("").chars().collect();
    let (is_tuple, is_mapping) = match args {
        Value::Obj(r) => match vm.heap.get(r) {
            HeapObj::Tuple(_) => (true, false),
            // PyMapping_Check: anything subscriptable, so lists and ranges count too.
            HeapObj::Dict(_) | HeapObj::List(_) | HeapObj::Range { .. } => (false, true),
            _ => (false, false),
        },
        _ => (false, false),
    };
    let mut cursor = if is_tuple {
        let items = vm.tuple_items(args);
        PercentArgs { single: args, len: items.len() as i64, items, next: 0 }
    } else {
        PercentArgs::one(args)
    };
    let dict = is_mapping.then_some(args);
    let mut out = String::new();
    let mut i = 0;
    while let Some(&c) = fmt.get(i) {
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        if fmt.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        let spec = parse_percent_spec(vm, &fmt, &mut i, dict, &mut cursor)?;
        let v = cursor.take(vm)?;
        let (text, numeric) = match spec.conv {
            's' => (vm.str_string(v)?, false),
            'r' => (vm.repr_string(v)?, false),
            'a' => {
                let s = vm.to_ascii(v)?;
                (vm.str_of(s).unwrap_or("").to_string(), false)
            }
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => (percent_int(vm, v, &spec)?, true),
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => (percent_float(vm, v, &spec)?, true),
            'c' => (percent_char(vm, v)?.to_string(), false),
            c => {
                let shown = if (' '..='~').contains(&c) || c == '\x1f' { c } else { '?' };
                let (n, at) = (c as u32, i - 1);
                return Err(vm.value_error(&format!("unsupported format character '{shown}' (0x{n:x}) at index {at}")));
            }
        };
        let field = spec.width.unwrap_or(0).max(text.len());
        check_size(vm, out.len().checked_add(field))?;
        write_percent(&mut out, &spec, numeric, &text);
    }
    if cursor.next < cursor.len && dict.is_none() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    if !fmt.contains(&'%') {
        // CPython gives back the format itself (a str subclass stays one).
        return Ok(fmt_v);
    }
    Ok(vm.new_string(out))
}

/// Reads a specifier starting just past its '%', leaving `*i` past the conversion char. A
/// `(key)` replaces the arguments with `dict[key]`; `*` widths and precisions take arguments.
fn parse_percent_spec(
    vm: &mut Vm,
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
        let v = vm.get_item(dict, key)?;
        *cursor = PercentArgs::one(v);
    }
    // Running out of format string anywhere in a specifier is CPython's "incomplete format".
    let next = |vm: &mut Vm, i: &mut usize| match fmt.get(*i) {
        Some(&c) => {
            *i += 1;
            Ok(c)
        }
        None => Err(vm.value_error("incomplete format")),
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
        let v = cursor.take(vm)?;
        let w = match v {
            Value::Int(n) => n,
            Value::Bool(b) => b as i64,
            _ if vm.is_int(v) => return Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
            _ => return Err(vm.type_error("* wants int")),
        };
        if w < 0 {
            spec.left = true;
        }
        spec.width = Some(w.unsigned_abs() as usize);
        c = next(vm, i)?;
    } else if let Some(d) = c.to_digit(10) {
        let mut w = d as usize;
        loop {
            c = next(vm, i)?;
            let Some(d) = c.to_digit(10) else { break };
            w = match w.checked_mul(10).and_then(|w| w.checked_add(d as usize)).filter(|w| *w <= isize::MAX as usize) {
                Some(w) => w,
                None => return Err(vm.value_error("width too big")),
            };
        }
        spec.width = Some(w);
    }
    if c == '.' {
        spec.precision = Some(0);
        c = next(vm, i)?;
        if c == '*' {
            let v = cursor.take(vm)?;
            let p = match v {
                Value::Int(n) => i32::try_from(n).ok(),
                Value::Bool(b) => Some(b as i32),
                _ if vm.is_int(v) => None,
                _ => return Err(vm.type_error("* wants int")),
            };
            let Some(p) = p else {
                return Err(vm.overflow_error("Python int too large to convert to C int"));
            };
            spec.precision = Some(p.max(0) as usize);
            c = next(vm, i)?;
        } else if let Some(d) = c.to_digit(10) {
            let mut p = d as usize;
            loop {
                c = next(vm, i)?;
                let Some(d) = c.to_digit(10) else { break };
                p = match p.checked_mul(10).and_then(|p| p.checked_add(d as usize)).filter(|p| *p <= i32::MAX as usize)
                {
                    Some(p) => p,
                    None => return Err(vm.value_error("precision too big")),
                };
            }
            spec.precision = Some(p);
        }
    }
    // C length modifiers are accepted and ignored.
    if matches!(c, 'h' | 'l' | 'L') {
        c = next(vm, i)?;
    }
    spec.conv = c;
    Ok(spec)
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
fn write_percent(out: &mut String, spec: &PercentSpec, numeric: bool, text: &str) {
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
