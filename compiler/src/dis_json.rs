//! `coro dis --json`: the disassembly as one JSON document. The schema below is stable: fields
//! are only ever added (and then `version` stays 1); renaming or removing one, or changing what
//! it means, bumps `version`. Opcode names follow the opcode table (`opcode.rs`), so an opcode
//! added, renamed or removed there changes the names that appear, not the schema.
//!
//! ```text
//! {
//!   "format": "coro-dis",                 always this string
//!   "version": 1,                         schema version
//!   "file": "prog.py",                    the file as given on the command line
//!   "code_objects": [ CODE, ... ]         depth first, the order the text listing uses;
//!                                         with --func only the named ones
//! }
//! CODE = {
//!   "name": "inner",                      co_name
//!   "qualname": "outer.<locals>.inner",   co_qualname, as CPython spells it
//!   "path": "outer.inner",                qualname without `<locals>`: what --func accepts
//!   "kind": "module" | "class" | "function" | "generator",
//!   "filename": "prog.py", "first_line": 2,
//!   "argcount": 1, "posonlyargcount": 0, "kwonlyargcount": 0,
//!   "varargs": false, "varkw": false,     takes *args / **kwargs
//!   "varnames": ["b"],                    fast locals, parameters first
//!   "cellvars": [], "freevars": ["a"],    deref slots: cells first, then free variables
//!   "names": ["print"],                   global, attribute and import names
//!   "consts": [ CONST, ... ],
//!   "max_stack": 2,                       operand stack slots a frame needs
//!   "size": 8,                            bytes of bytecode
//!   "instructions": [ INSTR, ... ],
//!   "exception_table": [ {"start": 0, "end": 6, "handler": 8, "depth": 0}, ... ],
//!   "undecodable_at": null                offset of a byte that is no instruction (the
//!                                         listing stops there), else null
//! }
//! CONST = {"type": "none" | "bool" | "ellipsis" | "int" | "float" | "str" | "tuple"
//!                  | "frozenset" | "code",
//!          "repr": "'x'"}                 Python's repr (for code: `<code object Q line N>`);
//!                                         a "code" constant also has "qualname"
//! INSTR = {
//!   "offset": 4,                          byte offset of the first byte (ExtendedArg prefixes
//!                                         are folded into the instruction they widen)
//!   "size": 2,                            bytes, prefixes included
//!   "line": 3,                            source line
//!   "opname": "LoadFast",                 name in the opcode table
//!   "operand": "none" | "num" | "const" | "name" | "local" | "deref" | "jump",
//!   "arg": 0,                             the operand, null when the opcode takes none
//!   "argrepr": "b",                       what the operand stands for (constant repr, name,
//!                                         `to N`, operator), "" when nothing
//!   "target": null,                       for jumps, the offset jumped to, else null
//!   "is_jump_target": false               some jump of this code object goes here
//! }
//! ```

use crate::code::{Code, Const};
use crate::dis::{const_repr, dotted_path, jump_targets, operand_repr};
use crate::opcode::Operand;
use std::fmt::Write;

/// The schema version written in every document (see the module doc).
pub const VERSION: u32 = 1;

/// Renders `codes` (typically `dis::all_codes` or `dis::find_codes`) as the JSON document
/// described above, for the source file named `file`. Ends with a newline.
pub fn to_json(file: &str, codes: &[&Code]) -> String {
    let mut out = String::new();
    let _ = write!(out, "{{\"format\":\"coro-dis\",\"version\":{VERSION},\"file\":{},\"code_objects\":[", quote(file));
    for (i, c) in codes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        code_json(c, &mut out);
    }
    out.push_str("]}\n");
    out
}

fn code_json(c: &Code, out: &mut String) {
    let kind = match (c.flags.is_function, c.flags.generator) {
        (true, true) => "generator",
        (true, false) => "function",
        (false, _) if &*c.name == "<module>" => "module",
        (false, _) => "class",
    };
    let _ = write!(
        out,
        "{{\"name\":{},\"qualname\":{},\"path\":{},\"kind\":\"{kind}\",\"filename\":{},\"first_line\":{},\
         \"argcount\":{},\"posonlyargcount\":{},\"kwonlyargcount\":{},\"varargs\":{},\"varkw\":{},",
        quote(&c.name),
        quote(&c.qualname),
        quote(&dotted_path(c)),
        quote(&c.filename),
        c.first_line,
        c.argcount,
        c.posonlyargcount,
        c.kwonlyargcount,
        c.flags.varargs,
        c.flags.varkw,
    );
    for (key, list) in
        [("varnames", &c.varnames), ("cellvars", &c.cellvars), ("freevars", &c.freevars), ("names", &c.names)]
    {
        let items: Vec<String> = list.iter().map(|s| quote(s)).collect();
        let _ = write!(out, "\"{key}\":[{}],", items.join(","));
    }
    out.push_str("\"consts\":[");
    for (i, k) in c.consts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"type\":\"{}\",\"repr\":{}", const_type(k), quote(&const_repr(k)));
        if let Const::Code(inner) = k {
            let _ = write!(out, ",\"qualname\":{}", quote(&inner.qualname));
        }
        out.push('}');
    }
    let _ = write!(out, "],\"max_stack\":{},\"size\":{},\"instructions\":[", c.max_stack, c.code.len());
    let targets = jump_targets(c);
    let mut undecodable = None;
    for (i, ins) in c.instructions().enumerate() {
        let ins = match ins {
            Ok(ins) => ins,
            Err(at) => {
                undecodable = Some(at);
                break;
            }
        };
        if i > 0 {
            out.push(',');
        }
        let operand = ins.op.operand();
        let arg = if ins.op.has_arg() { ins.arg.to_string() } else { "null".into() };
        let target = if operand == Operand::Jump { ins.arg.to_string() } else { "null".into() };
        let _ = write!(
            out,
            "{{\"offset\":{},\"size\":{},\"line\":{},\"opname\":\"{}\",\"operand\":\"{}\",\"arg\":{arg},\
             \"argrepr\":{},\"target\":{target},\"is_jump_target\":{}}}",
            ins.start,
            ins.next - ins.start,
            c.line_for(ins.start),
            ins.op.name(),
            operand_kind(operand),
            quote(&operand_repr(c, ins.op, ins.arg).unwrap_or_default()),
            targets.contains(&ins.start),
        );
    }
    out.push_str("],\"exception_table\":[");
    for (i, e) in c.exception_table.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ =
            write!(out, "{{\"start\":{},\"end\":{},\"handler\":{},\"depth\":{}}}", e.start, e.end, e.handler, e.depth);
    }
    let undecodable = undecodable.map(|at| at.to_string()).unwrap_or_else(|| "null".into());
    let _ = write!(out, "],\"undecodable_at\":{undecodable}}}");
}

fn const_type(k: &Const) -> &'static str {
    match k {
        Const::None => "none",
        Const::True | Const::False => "bool",
        Const::Ellipsis => "ellipsis",
        Const::Int(_) | Const::BigInt(_) => "int",
        Const::Float(_) => "float",
        Const::Str(_) => "str",
        Const::Tuple(_) => "tuple",
        Const::FrozenSet(_) => "frozenset",
        Const::Code(_) => "code",
    }
}

fn operand_kind(o: Operand) -> &'static str {
    match o {
        Operand::None => "none",
        Operand::Num => "num",
        Operand::Const => "const",
        Operand::Name => "name",
        Operand::Local => "local",
        Operand::Deref => "deref",
        Operand::Jump => "jump",
    }
}

/// A JSON string literal: quotes, backslashes and control characters escaped; everything else,
/// non-ASCII included, as itself (JSON text is UTF-8).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn strings_are_escaped_as_json_requires() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("\n\t\u{1}é"), "\"\\n\\t\\u0001é\"");
    }
}
