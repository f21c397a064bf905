//! The disassembler: a readable listing of a code object and every code object nested in it,
//! with offsets, line numbers, opcode names, resolved operands and the exception table; the
//! same facts as JSON (`coro dis --json`, schema in `dis_json.rs`); and the selection of code
//! objects by name (`coro dis --func NAME`).

use crate::code::{Code, Const};
use crate::opcode::{BinOpKind, Op, Operand};
use std::fmt::Write;

/// Renders `code` and, after it, each nested code object (depth first), as `coro dis` prints.
pub fn disassemble(code: &Code) -> String {
    disassemble_list(&all_codes(code))
}

/// Renders the given code objects one after another (without their nested code objects).
pub fn disassemble_list(codes: &[&Code]) -> String {
    let mut out = String::new();
    for c in codes {
        if !out.is_empty() {
            out.push('\n');
        }
        disassemble_one(c, &mut out);
    }
    out
}

/// `code` and every code object nested in its constants, depth first in constant order (the
/// order `disassemble` prints them).
pub fn all_codes(code: &Code) -> Vec<&Code> {
    let mut found = Vec::new();
    let mut todo = vec![code];
    while let Some(c) = todo.pop() {
        found.push(c);
        let nested: Vec<&Code> =
            c.consts.iter().filter_map(|k| if let Const::Code(k) = k { Some(&**k) } else { None }).collect();
        todo.extend(nested.into_iter().rev());
    }
    found
}

/// The dotted path of a code object: its qualified name without the `<locals>` steps CPython
/// puts between a function and what it defines (`outer.<locals>.inner` -> `outer.inner`).
pub fn dotted_path(code: &Code) -> String {
    code.qualname.replace(".<locals>.", ".")
}

/// The code objects of `code` (itself included) that `name` names: by plain name (`inner`,
/// every code object so named), by qualified name (`outer.<locals>.inner`) or by dotted path
/// (`outer.inner`, `C.method`). Depth-first order; empty when nothing matches.
pub fn find_codes<'c>(code: &'c Code, name: &str) -> Vec<&'c Code> {
    all_codes(code).into_iter().filter(|c| is_named(c, name)).collect()
}

/// True when `name` is `code`'s plain name, qualified name or dotted path (see `find_codes`).
pub fn is_named(code: &Code, name: &str) -> bool {
    &*code.name == name || &*code.qualname == name || dotted_path(code) == name
}

/// The repr CPython would show for a constant.
pub fn const_repr(c: &Const) -> String {
    match c {
        Const::None => "None".into(),
        Const::True => "True".into(),
        Const::False => "False".into(),
        Const::Ellipsis => "Ellipsis".into(),
        Const::Int(n) => n.to_string(),
        Const::BigInt(s) => s.to_string(),
        Const::Float(f) => format!("{f:?}"),
        Const::Str(s) => py_str_repr(s),
        Const::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Const::FrozenSet(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            format!("frozenset({{{}}})", parts.join(", "))
        }
        Const::Code(c) => format!("<code object {} line {}>", c.qualname, c.first_line),
    }
}

/// Python's `repr()` of a string, with `printable` deciding which characters appear as
/// themselves (the VM passes Python's exact `str.isprintable` per character; the disassembler
/// a plain ASCII-control test). Quotes are chosen as Python chooses them.
pub fn str_repr_with(s: &str, printable: impl Fn(char) -> bool) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if printable(c) => out.push(c),
            c => {
                let n = c as u32;
                if n < 0x100 {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

fn py_str_repr(s: &str) -> String {
    str_repr_with(s, |c| !c.is_control())
}

fn disassemble_one(c: &Code, out: &mut String) {
    let kind = if c.flags.generator { "generator " } else { "" };
    let _ = writeln!(
        out,
        "Disassembly of {}code object {} (file \"{}\", line {}): args={} posonly={} kwonly={} varargs={} varkw={} locals={} max_stack={} bytes={}",
        kind,
        c.qualname,
        c.filename,
        c.first_line,
        c.argcount,
        c.posonlyargcount,
        c.kwonlyargcount,
        c.flags.varargs,
        c.flags.varkw,
        c.varnames.len(),
        c.max_stack,
        c.code.len()
    );
    if !c.cellvars.is_empty() {
        let _ = writeln!(out, "  cells: {}", c.cellvars.join(", "));
    }
    if !c.freevars.is_empty() {
        let _ = writeln!(out, "  free: {}", c.freevars.join(", "));
    }
    let targets = jump_targets(c);
    let mut last_line = 0;
    for ins in c.instructions() {
        let ins = match ins {
            Ok(i) => i,
            Err(at) => {
                let _ = writeln!(out, "  {at:>6} <undecodable byte>");
                break;
            }
        };
        let line = c.line_for(ins.start);
        let line_col = if line != last_line { format!("{line:>5}") } else { "     ".to_string() };
        last_line = line;
        let mark = if targets.contains(&ins.start) { ">>" } else { "  " };
        let operand = describe_operand(c, ins.op, ins.arg);
        let arg = if ins.op.has_arg() { format!("{:<5}", ins.arg) } else { "     ".to_string() };
        let _ = writeln!(out, "{line_col} {mark} {:>5} {:<18} {arg} {operand}", ins.start, ins.op.name());
    }
    if !c.exception_table.is_empty() {
        let _ = writeln!(out, "  ExceptionTable:");
        for e in &c.exception_table {
            let _ = writeln!(out, "    {} to {} -> {} [{}]", e.start, e.end, e.handler, e.depth);
        }
    }
}

/// The offsets that some jump of `c` goes to.
pub fn jump_targets(c: &Code) -> Vec<u32> {
    c.instructions().filter_map(|i| i.ok()).filter(|i| i.op.operand() == Operand::Jump).map(|i| i.arg).collect()
}

fn describe_operand(c: &Code, op: Op, arg: u32) -> String {
    operand_repr(c, op, arg).map(|s| format!("({s})")).unwrap_or_default()
}

/// What an instruction's operand stands for: the constant's repr, the name, `to N` for a jump,
/// the operator of `BinaryOp`/`InplaceOp`/`IsOp`/`ContainsOp`, `?` for an index out of range;
/// `None` for plain numbers and instructions without an operand.
pub fn operand_repr(c: &Code, op: Op, arg: u32) -> Option<String> {
    let i = arg as usize;
    let name = |v: Option<&std::rc::Rc<str>>| Some(v.map(|s| s.to_string()).unwrap_or_else(|| "?".into()));
    match op.operand() {
        Operand::None => None,
        Operand::Const => Some(c.consts.get(i).map(const_repr).unwrap_or_else(|| "?".into())),
        Operand::Name => name(c.names.get(i)),
        Operand::Local => name(c.varnames.get(i)),
        Operand::Deref => name(c.cellvars.iter().chain(c.freevars.iter()).nth(i)),
        Operand::Jump => Some(format!("to {arg}")),
        Operand::Num => match op {
            Op::BinaryOp | Op::InplaceOp => BinOpKind::from_u32(arg)
                .map(|k| format!("{}{}", k.symbol(), if op == Op::InplaceOp { "=" } else { "" })),
            Op::IsOp => Some((if arg == 1 { "is not" } else { "is" }).into()),
            Op::ContainsOp => Some((if arg == 1 { "not in" } else { "in" }).into()),
            _ => None,
        },
    }
}
