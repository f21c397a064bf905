//! Methods of `str`, the `str()` constructor, `%`-formatting and `str.format`.

use super::{arity, split_args, NResult};
use crate::interp::Ret;
use crate::object::{HeapObj, NativeFn};
use crate::value::Value;
use crate::{numfmt, Exc, Vm};

pub const STR_METHODS: &[(&str, NativeFn)] = &[
    ("join", str_join),
    ("split", str_split),
    ("rsplit", str_rsplit),
    ("strip", str_strip),
    ("lstrip", str_lstrip),
    ("rstrip", str_rstrip),
    ("replace", str_replace),
    ("find", str_find),
    ("rfind", str_rfind),
    ("index", str_index),
    ("rindex", str_rindex),
    ("count", str_count),
    ("startswith", str_startswith),
    ("endswith", str_endswith),
    ("upper", str_upper),
    ("lower", str_lower),
    ("format", str_format),
];

/// The receiver's text (methods are only registered on `str`, so it is always a string).
fn text(vm: &Vm, args: &[Value]) -> String {
    args.first()
        .and_then(|v| vm.str_of(*v))
        .unwrap_or("")
        .to_string()
}

/// A required str argument, with CPython's TypeError otherwise.
pub fn str_arg(vm: &mut Vm, v: Value, what: &str) -> Result<String, Exc> {
    match vm.str_of(v) {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(&format!("{what} must be str, not {t}")))
        }
    }
}

/// `str(x)`.
pub fn str_new(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, _kws) = split_args(vm, args, kwnames);
    arity(vm, "str", pos, 0, 1)?;
    match pos.first() {
        Some(v) => Ok(vm.to_str(*v)?.into()),
        None => Ok(vm.new_str("").into()),
    }
}

fn str_join(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "join", &args[1..], 1, 1)?;
    let sep = text(vm, args);
    let Some(items) = vm.sequence_items(args[1]) else {
        super::not_iterable_check(vm, args[1])?;
        return Ok(Ret::TailCall(
            vm.prelude_fn("_join"),
            vec![args[0], args[1]],
        ));
    };
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match vm.str_of(*v) {
            Some(s) => out.push_str(s),
            None => {
                let t = vm.type_name(*v);
                return Err(vm.type_error(&format!(
                    "sequence item {i}: expected str instance, {t} found"
                )));
            }
        }
    }
    Ok(vm.new_string(out).into())
}

fn split_common(vm: &mut Vm, args: &[Value], kwnames: &[Value], right: bool) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    let s = text(vm, pos);
    let mut sep = pos.get(1).copied().unwrap_or(Value::None);
    let mut maxsplit = pos.get(2).copied().unwrap_or(Value::Int(-1));
    for (k, v) in kws {
        match k.as_str() {
            "sep" => sep = v,
            "maxsplit" => maxsplit = v,
            _ => {
                return Err(
                    vm.type_error(&format!("'{k}' is an invalid keyword argument for split()"))
                )
            }
        }
    }
    let max = vm.to_index(maxsplit, "maxsplit")?;
    let max = if max < 0 { usize::MAX } else { max as usize };
    let parts: Vec<String> = if sep.is_none() {
        split_whitespace(&s, max, right)
    } else {
        let sep = str_arg(vm, sep, "sep")?;
        if sep.is_empty() {
            return Err(vm.value_error("empty separator"));
        }
        if right {
            let mut v: Vec<String> = s
                .rsplitn(max.saturating_add(1), sep.as_str())
                .map(|p| p.to_string())
                .collect();
            v.reverse();
            v
        } else {
            s.splitn(max.saturating_add(1), sep.as_str())
                .map(|p| p.to_string())
                .collect()
        }
    };
    let vals: Vec<Value> = parts.into_iter().map(|p| vm.new_string(p)).collect();
    Ok(vm.new_list(vals).into())
}

fn split_whitespace(s: &str, max: usize, right: bool) -> Vec<String> {
    let is_ws = numfmt::py_isspace;
    if right {
        let chars: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        let mut end = chars.len();
        while end > 0 {
            while end > 0 && is_ws(chars[end - 1]) {
                end -= 1;
            }
            if end == 0 {
                break;
            }
            if out.len() == max {
                out.push(chars[..end].iter().collect::<String>());
                break;
            }
            let mut start = end;
            while start > 0 && !is_ws(chars[start - 1]) {
                start -= 1;
            }
            out.push(chars[start..end].iter().collect());
            end = start;
        }
        out.reverse();
        return out;
    }
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_ws);
    while !rest.is_empty() {
        if out.len() == max {
            out.push(rest.to_string());
            break;
        }
        let end = rest.find(is_ws).unwrap_or(rest.len());
        out.push(rest[..end].to_string());
        rest = rest[end..].trim_start_matches(is_ws);
    }
    out
}

fn str_split(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    split_common(vm, args, kwnames, false)
}

fn str_rsplit(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    split_common(vm, args, kwnames, true)
}

fn strip_common(vm: &mut Vm, args: &[Value], left: bool, right: bool) -> NResult {
    arity(vm, "strip", &args[1..], 0, 1)?;
    let s = text(vm, args);
    let chars: Option<String> = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(str_arg(vm, *v, "strip arg")?),
    };
    let pred = |c: char| match &chars {
        None => numfmt::py_isspace(c),
        Some(set) => set.contains(c),
    };
    let mut r: &str = &s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    let out = r.to_string();
    Ok(vm.new_string(out).into())
}

fn str_strip(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    strip_common(vm, args, true, true)
}

fn str_lstrip(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    strip_common(vm, args, true, false)
}

fn str_rstrip(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    strip_common(vm, args, false, true)
}

fn str_replace(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "replace", &args[1..], 2, 3)?;
    let s = text(vm, args);
    let old = str_arg(vm, args[1], "replace() argument 1")?;
    let new = str_arg(vm, args[2], "replace() argument 2")?;
    let count = match args.get(3) {
        Some(v) => vm.to_index(*v, "count")?,
        None => -1,
    };
    let out = if count < 0 {
        s.replace(&old, &new)
    } else {
        s.replacen(&old, &new, count as usize)
    };
    Ok(vm.new_string(out).into())
}

/// Char-index bounds `[start, end)` from optional slice-like arguments.
fn bounds(vm: &mut Vm, s: &str, args: &[Value]) -> Result<(usize, usize), Exc> {
    let n = s.chars().count() as i64;
    let norm = |v: i64| if v < 0 { (v + n).max(0) } else { v.min(n) };
    let start = match args.first() {
        Some(Value::None) | None => 0,
        Some(v) => norm(vm.to_index(*v, "slice indices")?),
    };
    let end = match args.get(1) {
        Some(Value::None) | None => n,
        Some(v) => norm(vm.to_index(*v, "slice indices")?),
    };
    Ok((start as usize, end.max(start) as usize))
}

fn byte_offset(s: &str, chars: usize) -> usize {
    s.char_indices()
        .nth(chars)
        .map(|(b, _)| b)
        .unwrap_or(s.len())
}

fn find_common(vm: &mut Vm, args: &[Value], right: bool) -> Result<i64, Exc> {
    arity(vm, "find", &args[1..], 1, 3)?;
    let s = text(vm, args);
    let sub = str_arg(vm, args[1], "must be str, not")?;
    let (start, end) = bounds(vm, &s, &args[2..])?;
    let (bs, be) = (byte_offset(&s, start), byte_offset(&s, end));
    if sub.len() > be - bs {
        return Ok(-1);
    }
    let hay = &s[bs..be];
    let found = if right {
        hay.rfind(sub.as_str())
    } else {
        hay.find(sub.as_str())
    };
    Ok(match found {
        Some(b) => (start + hay[..b].chars().count()) as i64,
        None => -1,
    })
}

fn str_find(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    Ok(Value::Int(find_common(vm, args, false)?).into())
}

fn str_rfind(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    Ok(Value::Int(find_common(vm, args, true)?).into())
}

fn str_index(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    match find_common(vm, args, false)? {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(Value::Int(i).into()),
    }
}

fn str_rindex(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    match find_common(vm, args, true)? {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(Value::Int(i).into()),
    }
}

fn str_count(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    arity(vm, "count", &args[1..], 1, 3)?;
    let s = text(vm, args);
    let sub = str_arg(vm, args[1], "must be str, not")?;
    let (start, end) = bounds(vm, &s, &args[2..])?;
    let hay = &s[byte_offset(&s, start)..byte_offset(&s, end)];
    let n = if sub.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(sub.as_str()).count()
    };
    Ok(Value::Int(n as i64).into())
}

fn affix(vm: &mut Vm, args: &[Value], name: &str, ends: bool) -> NResult {
    arity(vm, name, &args[1..], 1, 3)?;
    let s = text(vm, args);
    let (start, end) = bounds(vm, &s, &args[2..])?;
    let hay = &s[byte_offset(&s, start)..byte_offset(&s, end)];
    let candidates: Vec<Value> = match args[1] {
        Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::Tuple(_)) => vm.tuple_items(args[1]),
        v => vec![v],
    };
    for c in candidates {
        let Some(p) = vm.str_of(c) else {
            let t = vm.type_name(c);
            return Err(vm.type_error(&format!(
                "{name} first arg must be str or a tuple of str, not {t}"
            )));
        };
        if (ends && hay.ends_with(p)) || (!ends && hay.starts_with(p)) {
            return Ok(Value::Bool(true).into());
        }
    }
    Ok(Value::Bool(false).into())
}

fn str_startswith(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    affix(vm, args, "startswith", false)
}

fn str_endswith(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    affix(vm, args, "endswith", true)
}

fn str_upper(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let s = text(vm, args).to_uppercase();
    Ok(vm.new_string(s).into())
}

fn str_lower(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> NResult {
    let s = text(vm, args).to_lowercase();
    Ok(vm.new_string(s).into())
}

/// `str.format(*args, **kwargs)`.
fn str_format(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, args, kwnames);
    let fmt = text(vm, pos);
    let out = format_template(vm, &fmt, &pos[1..], &kws, 0)?;
    Ok(vm.new_string(out).into())
}

fn format_template(
    vm: &mut Vm,
    fmt: &str,
    pos: &[Value],
    kws: &[(String, Value)],
    depth: u32,
) -> Result<String, Exc> {
    if depth > 2 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let mut out = String::new();
    let mut auto = 0usize;
    let mut manual = false;
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // Find the matching close brace, allowing one level of nesting in the spec.
        let mut j = i + 1;
        let mut level = 1;
        while j < chars.len() {
            match chars[j] {
                '{' => level += 1,
                '}' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            return Err(vm.value_error("expected '}' before end of string"));
        }
        let field: String = chars[i + 1..j].iter().collect();
        i = j + 1;
        let (name_part, spec) = match field.find(':') {
            Some(k) => (&field[..k], &field[k + 1..]),
            None => (&field[..], ""),
        };
        let (name, conv) = match name_part.find('!') {
            Some(k) => (&name_part[..k], Some(&name_part[k + 1..])),
            None => (name_part, None),
        };
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let key = &name[..first_end];
        let mut value = if key.is_empty() {
            if manual {
                return Err(vm.value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            let v = pos.get(auto).copied();
            auto += 1;
            match v {
                Some(v) => v,
                None => {
                    return Err(vm.index_error(&format!(
                        "Replacement index {} out of range for positional args tuple",
                        auto - 1
                    )))
                }
            }
        } else if let Ok(n) = key.parse::<usize>() {
            if auto > 0 {
                return Err(vm.value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            manual = true;
            match pos.get(n) {
                Some(v) => *v,
                None => {
                    return Err(vm.index_error(&format!(
                        "Replacement index {n} out of range for positional args tuple"
                    )))
                }
            }
        } else {
            match kws.iter().find(|(k, _)| k == key) {
                Some((_, v)) => *v,
                None => {
                    let k = vm.new_str(key);
                    return Err(vm.key_error(k));
                }
            }
        };
        let mut rest = &name[first_end..];
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let attr = vm.intern(&r[..end]);
                value = vm.get_attr(value, attr)?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']').unwrap_or(r.len());
                let idx = &r[..end];
                let k = match idx.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => vm.new_str(idx),
                };
                value = vm.get_item(value, k)?;
                rest = r.get(end + 1..).unwrap_or("");
            } else {
                break;
            }
        }
        value = match conv {
            None => value,
            Some("r") => vm.to_repr(value)?,
            Some("s") => vm.to_str(value)?,
            Some("a") => vm.to_ascii(value)?,
            Some(other) => {
                return Err(vm.value_error(&format!("Unknown conversion specifier {other}")))
            }
        };
        let spec = if spec.contains('{') {
            format_template(vm, spec, pos, kws, depth + 1)?
        } else {
            spec.to_string()
        };
        let s = vm.format_value(value, &spec)?;
        out.push_str(vm.str_of(s).unwrap_or(""));
    }
    Ok(out)
}

/// `fmt % args` (printf-style formatting).
pub fn percent_format(vm: &mut Vm, fmt_v: Value, args: Value) -> Result<Value, Exc> {
    let fmt = vm.str_of(fmt_v).unwrap_or("").to_string();
    let is_tuple = matches!(args, Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::Tuple(_)));
    let is_dict = matches!(args, Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::Dict(_)));
    let items: Vec<Value> = if is_tuple {
        vm.tuple_items(args)
    } else {
        vec![args]
    };
    let mut next = 0usize;
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut key: Option<String> = None;
        if chars.get(i) == Some(&'(') {
            let end = chars[i..]
                .iter()
                .position(|c| *c == ')')
                .map(|p| p + i)
                .ok_or(())
                .or_else(|_| Err(vm.value_error("incomplete format key")))?;
            key = Some(chars[i + 1..end].iter().collect());
            i = end + 1;
        }
        let mut flags = String::new();
        while let Some(c) = chars.get(i).filter(|c| "-+ #0".contains(**c)) {
            flags.push(*c);
            i += 1;
        }
        let mut width = String::new();
        if chars.get(i) == Some(&'*') {
            let w = items.get(next).copied().unwrap_or(Value::Int(0));
            next += 1;
            width = vm.repr_string(w)?;
            i += 1;
        }
        while let Some(c) = chars.get(i).filter(|c| c.is_ascii_digit()) {
            width.push(*c);
            i += 1;
        }
        let mut precision: Option<String> = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            let mut p = String::new();
            while let Some(c) = chars.get(i).filter(|c| c.is_ascii_digit()) {
                p.push(*c);
                i += 1;
            }
            precision = Some(p);
        }
        let Some(&conv) = chars.get(i) else {
            return Err(vm.value_error("incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let value = match &key {
            Some(k) => {
                if !is_dict {
                    return Err(vm.type_error("format requires a mapping"));
                }
                let kv = vm.new_str(k);
                match vm.get_item(args, kv) {
                    Ok(v) => v,
                    Err(e) => return Err(e),
                }
            }
            None => {
                let v = match items.get(next) {
                    Some(v) => *v,
                    None => return Err(vm.type_error("not enough arguments for format string")),
                };
                next += 1;
                v
            }
        };
        let mut spec = String::new();
        let left = flags.contains('-');
        if flags.contains('+') {
            spec.push('+');
        } else if flags.contains(' ') {
            spec.push(' ');
        }
        if flags.contains('#') {
            spec.push('#');
        }
        if flags.contains('0') && !left {
            spec.push('0');
        }
        let piece = match conv {
            's' | 'r' | 'a' => {
                let s = match conv {
                    's' => vm.str_string(value)?,
                    'r' => vm.repr_string(value)?,
                    _ => {
                        let v = vm.to_ascii(value)?;
                        vm.str_of(v).unwrap_or("").to_string()
                    }
                };
                match &precision {
                    Some(p) => s.chars().take(p.parse().unwrap_or(0)).collect(),
                    None => s,
                }
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' | 'c' => {
                let v = if conv == 'c' {
                    value
                } else {
                    match value {
                        Value::Float(f) => {
                            let n =
                                numfmt::float_is_integer_to_bigint(f.trunc()).unwrap_or_default();
                            vm.new_bigint(n)
                        }
                        _ if vm.is_int(value) => value,
                        _ => {
                            let t = vm.type_name(value);
                            let what = if "xXo".contains(conv) {
                                "an integer is required"
                            } else {
                                "a real number is required"
                            };
                            return Err(vm.type_error(&format!("%{conv} format: {what}, not {t}")));
                        }
                    }
                };
                if conv == 'c' {
                    match (v, vm.str_of(v)) {
                        (_, Some(s)) => s.to_string(),
                        (Value::Int(n), _) => char::from_u32(n as u32)
                            .map(|c| c.to_string())
                            .unwrap_or_default(),
                        _ => return Err(vm.type_error("%c requires int or char")),
                    }
                } else {
                    let ty = match conv {
                        'x' => "x",
                        'X' => "X",
                        'o' => "o",
                        _ => "d",
                    };
                    let mut sp = spec.clone();
                    if let Some(p) = &precision {
                        // %.3d pads with zeros to the precision.
                        let _ = p;
                    }
                    sp.push_str(ty);
                    let s = vm.format_value(v, &sp)?;
                    let s = vm.str_of(s).unwrap_or("").to_string();
                    if conv == 'o' && flags.contains('#') {
                        s.replacen("0o", "0o", 1)
                    } else {
                        s
                    }
                }
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let Some(f) = vm.to_f64(value)? else {
                    let t = vm.type_name(value);
                    return Err(vm.type_error(&format!("must be real number, not {t}")));
                };
                let mut sp = spec.clone();
                sp.push('.');
                sp.push_str(
                    precision
                        .as_deref()
                        .filter(|p| !p.is_empty())
                        .unwrap_or("6"),
                );
                sp.push(conv);
                let s = vm.format_value(Value::Float(f), &sp)?;
                vm.str_of(s).unwrap_or("").to_string()
            }
            other => {
                return Err(vm.value_error(&format!(
                    "unsupported format character '{other}' (0x{:x}) at index {}",
                    other as u32,
                    i - 1
                )));
            }
        };
        let w: usize = width.parse().unwrap_or(0);
        let len = piece.chars().count();
        if len < w {
            let pad = w - len;
            if left {
                out.push_str(&piece);
                out.push_str(&" ".repeat(pad));
            } else if flags.contains('0') && !matches!(conv, 's' | 'r' | 'a' | 'c') {
                let (sign, digits) = if piece.starts_with(['-', '+', ' ']) {
                    piece.split_at(1)
                } else {
                    ("", piece.as_str())
                };
                out.push_str(sign);
                out.push_str(&"0".repeat(pad));
                out.push_str(digits);
            } else {
                out.push_str(&" ".repeat(pad));
                out.push_str(&piece);
            }
        } else {
            out.push_str(&piece);
        }
    }
    if key_free_leftover(is_tuple, is_dict, next, items.len()) {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(vm.new_string(out))
}

fn key_free_leftover(is_tuple: bool, is_dict: bool, used: usize, total: usize) -> bool {
    if is_dict {
        return false;
    }
    if is_tuple {
        used < total
    } else {
        used == 0
    }
}
