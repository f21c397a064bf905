//! `coro trace`: the control transfers between frames that the observer (`observe.rs`) works
//! out, kept as events and printed as a plain log or as a Mermaid `sequenceDiagram`.
//!
//! Participants are the module (`Caller`), each function (all its activations: recursion is a
//! message to itself) and each generator object (`countdown_1`, `countdown_2` when a function
//! made several). The VM's own Python-written builtins and class bodies are looked through: a
//! generator that `list()` drives is resumed by the frame that called `list`. Arrows follow the
//! usual teaching diagrams: `->>` for calls and resumes (opening an activation bar), `-->>` for
//! yields and `->>` back for returns (closing it), `-x` for an exception leaving a frame. A
//! `yield from` chain is resumed at its innermost generator directly, as the VM does it; the
//! generators it passes are named after `via`.

use crate::object::HeapObj;
use crate::observe::{FinishedBy, Func, FuncKind, How, Resume, Who};
use crate::value::Value;
use crate::Vm;
use std::collections::HashMap;
use std::fmt::Write;

/// One transfer.
struct Event {
    from: Who,
    to: Who,
    how: How,
    /// The value passed (returned, yielded, sent), the arguments of a call, or the exception.
    detail: Option<String>,
    /// Generators of a `yield from` chain the transfer passes through, the chain's root first.
    via: Vec<Who>,
}

/// The recorded transfers of one run.
pub struct Trace {
    limit: Option<usize>,
    events: Vec<Event>,
    /// Transfers past the limit, counted only.
    dropped: u64,
}

/// Mermaid words that cannot name a participant.
const RESERVED: &[&str] = &[
    "participant",
    "actor",
    "as",
    "activate",
    "deactivate",
    "loop",
    "alt",
    "else",
    "opt",
    "par",
    "and",
    "rect",
    "critical",
    "break",
    "end",
    "note",
    "over",
    "title",
    "autonumber",
    "box",
    "link",
    "links",
    "properties",
    "details",
    "create",
    "destroy",
    "left",
    "right",
    "of",
];

impl Trace {
    /// A trace keeping the first `limit` transfers (all with `None`).
    pub fn new(limit: Option<usize>) -> Trace {
        Trace { limit, events: Vec::new(), dropped: 0 }
    }

    pub(crate) fn record(&mut self, from: Who, to: Who, how: How, detail: Option<String>, via: Vec<Who>) {
        if self.limit.is_some_and(|l| self.events.len() >= l) {
            self.dropped += 1;
            return;
        }
        self.events.push(Event { from, to, how, detail, via });
    }

    /// How many transfers were recorded, and how many more happened past the limit.
    pub fn counts(&self) -> (usize, u64) {
        (self.events.len(), self.dropped)
    }

    /// The plain log: one line per transfer, numbered, indented by how many frames are active.
    pub fn log(&self, funcs: &[Func]) -> String {
        let names = Names::new(funcs, &self.events);
        let mut out = String::new();
        let mut depth: usize = 0;
        for (i, e) in self.events.iter().enumerate() {
            let opens = matches!(e.how, How::Call | How::Resume(_) | How::Delegate);
            if !opens {
                depth = depth.saturating_sub(1 + e.via.len());
            }
            let arrow = match e.how {
                How::Yield => "-->",
                How::Raise | How::DelegateRaise => "-x",
                _ => "->",
            };
            let _ = writeln!(
                out,
                "{:>4}  {}{} {arrow} {}: {}",
                i + 1,
                "  ".repeat(depth),
                names.get(e.from),
                names.get(e.to),
                label(e, &names)
            );
            if opens {
                depth += 1 + if matches!(e.how, How::Resume(_)) { e.via.len() } else { 0 };
            }
        }
        if self.dropped > 0 {
            let _ = writeln!(out, "... {} more transfers not shown (--limit {})", self.dropped, self.events.len());
        }
        out
    }

    /// The Mermaid `sequenceDiagram`.
    pub fn mermaid(&self, funcs: &[Func]) -> String {
        let names = Names::new(funcs, &self.events);
        let mut out = String::from("sequenceDiagram\n");
        for who in &names.order {
            let _ = writeln!(out, "    participant {}", names.get(*who));
        }
        let mut active: HashMap<Who, u32> = HashMap::new();
        for e in &self.events {
            let (from, to) = (names.get(e.from), names.get(e.to));
            let text = escape(&label(e, &names));
            match e.how {
                How::Call | How::Resume(_) | How::Delegate => {
                    if matches!(e.how, How::Resume(_)) {
                        for v in &e.via {
                            let _ = writeln!(out, "    activate {}", names.get(*v));
                            *active.entry(*v).or_default() += 1;
                        }
                    }
                    *active.entry(e.to).or_default() += 1;
                    let _ = writeln!(out, "    {from}->>+{to}: {text}");
                }
                How::Raise | How::DelegateRaise => {
                    let _ = writeln!(out, "    {from}-x{to}: {text}");
                    if close(&mut active, e.from) {
                        let _ = writeln!(out, "    deactivate {from}");
                    }
                }
                _ => {
                    let arrow = if e.how == How::Yield { "-->>" } else { "->>" };
                    let sign = if close(&mut active, e.from) { "-" } else { "" };
                    let _ = writeln!(out, "    {from}{arrow}{sign}{to}: {text}");
                    if e.how == How::Yield {
                        for v in e.via.iter().rev() {
                            if close(&mut active, *v) {
                                let _ = writeln!(out, "    deactivate {}", names.get(*v));
                            }
                        }
                    }
                }
            }
        }
        if self.dropped > 0 {
            let first = names.order.first().map(|w| names.get(*w)).unwrap_or("Caller");
            let _ = writeln!(
                out,
                "    Note over {first}: {} more transfers not shown (--limit {})",
                self.dropped,
                self.events.len()
            );
        }
        out
    }
}

/// Closes one activation of `who`; false when it has none open.
fn close(active: &mut HashMap<Who, u32>, who: Who) -> bool {
    match active.get_mut(&who) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    }
}

/// The text of a transfer.
fn label(e: &Event, names: &Names) -> String {
    let d = e.detail.as_deref().unwrap_or("");
    let via = if e.via.is_empty() {
        String::new()
    } else {
        let chain: Vec<&str> = e.via.iter().map(|w| names.get(*w)).collect();
        format!(" via {}", chain.join(", "))
    };
    match e.how {
        How::Call => format!("call {}({d})", names.func_name(e.to)),
        How::Resume(Resume::Next) => format!("next(){via}"),
        How::Resume(Resume::Send) => format!("send({d}){via}"),
        How::Resume(Resume::Throw) => format!("throw({d}){via}"),
        How::Resume(Resume::Close) => format!("close(){via}"),
        How::Return => format!("return {d}"),
        How::Yield => format!("yield {d}{via}"),
        How::Finish(FinishedBy::StopIteration) => format!("return {d}: StopIteration"),
        How::Finish(FinishedBy::LoopEnd) => format!("return {d}: loop ends"),
        How::Finish(FinishedBy::Default) => format!("return {d}: next() gives the default"),
        How::Finish(FinishedBy::Closed) => format!("return {d}: closed"),
        How::Raise | How::DelegateRaise => format!("raise {d}"),
        How::Delegate => "yield from".to_string(),
        How::DelegateReturn => format!("return {d} to yield from"),
    }
}

/// Escapes what Mermaid would read as markup in a message (entity codes, statement ends, tags).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Participant names: unique, safe as Mermaid identifiers, in order of appearance (Caller first).
struct Names {
    order: Vec<Who>,
    name: HashMap<Who, String>,
    /// The function name of each participant (a generator's, without its number).
    func: HashMap<Who, String>,
}

impl Names {
    fn new(funcs: &[Func], events: &[Event]) -> Names {
        let caller = funcs.iter().position(|f| f.kind == FuncKind::Module);
        let mut order: Vec<Who> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        if let Some(c) = caller {
            if events.iter().any(|e| e.from == Who::Func(c) || e.to == Who::Func(c)) {
                order.push(Who::Func(c));
                seen.insert(Who::Func(c));
            }
        }
        for e in events {
            for w in std::iter::once(e.from).chain(e.via.iter().copied()).chain(std::iter::once(e.to)) {
                if seen.insert(w) {
                    order.push(w);
                }
            }
        }
        // Generators are numbered by first appearance, per function, when a function has several.
        let mut per_func: HashMap<usize, u32> = HashMap::new();
        for w in &order {
            if let Who::Gen(f, _) = w {
                *per_func.entry(*f).or_default() += 1;
            }
        }
        let mut numbered: HashMap<usize, u32> = HashMap::new();
        let mut used = std::collections::HashSet::new();
        let mut name = HashMap::new();
        let mut func = HashMap::new();
        for w in &order {
            let (fid, base) = match *w {
                Who::Func(f) if Some(f) == caller => (f, "Caller".to_string()),
                Who::Func(f) | Who::Gen(f, _) => {
                    let fu = &funcs[f];
                    let base = if fu.kind == FuncKind::Module {
                        let stem = std::path::Path::new(&*fu.code.code.filename)
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        format!("module_{stem}")
                    } else {
                        fu.name.clone()
                    };
                    (f, ident(&base))
                }
            };
            func.insert(*w, funcs[fid].name.clone());
            let mut n = base.clone();
            if let Who::Gen(f, _) = w {
                if per_func.get(f).copied().unwrap_or(0) > 1 {
                    let k = numbered.entry(*f).or_default();
                    *k += 1;
                    n = format!("{base}_{k}");
                }
            }
            let mut unique = n.clone();
            let mut k = 2;
            while !used.insert(unique.clone()) {
                unique = format!("{n}_{k}");
                k += 1;
            }
            name.insert(*w, unique);
        }
        Names { order, name, func }
    }

    fn get(&self, w: Who) -> &str {
        self.name.get(&w).map(|s| s.as_str()).unwrap_or("?")
    }

    fn func_name(&self, w: Who) -> &str {
        self.func.get(&w).map(|s| s.as_str()).unwrap_or("?")
    }
}

/// A name Mermaid takes as a participant identifier: `<lambda>` becomes `lambda`, anything but
/// letters, digits, `_` and `.` becomes `_`, and a Mermaid keyword gets a trailing `_`.
fn ident(name: &str) -> String {
    let mut s: String = name
        .chars()
        .filter(|c| *c != '<' && *c != '>')
        .map(|c| if c.is_alphanumeric() || c == '_' || c == '.' { c } else { '_' })
        .collect();
    if s.is_empty() {
        s.push('_');
    }
    if RESERVED.contains(&s.to_ascii_lowercase().as_str()) {
        s.push('_');
    }
    s
}

/// A short, address-free repr for the trace, computed without running Python code: scalars and
/// strings as Python shows them, containers up to a few items, other objects by type.
pub fn brief(vm: &Vm, v: Value) -> String {
    let mut out = String::new();
    brief_into(vm, v, 0, &mut out);
    const MAX: usize = 40;
    if out.chars().count() > MAX {
        out = out.chars().take(MAX - 3).collect::<String>() + "...";
    }
    out
}

fn brief_into(vm: &Vm, v: Value, depth: usize, out: &mut String) {
    let r = match v {
        Value::Undef => return out.push('?'),
        Value::None => return out.push_str("None"),
        Value::Bool(b) => return out.push_str(if b { "True" } else { "False" }),
        Value::Int(i) => return out.push_str(&i.to_string()),
        Value::Float(x) => return out.push_str(&crate::numfmt::float_repr(x)),
        Value::Obj(r) => r,
    };
    let items = |out: &mut String, open: &str, close: &str, items: &[Value]| {
        out.push_str(open);
        if depth >= 2 && !items.is_empty() {
            out.push_str("...");
        } else {
            for (i, x) in items.iter().take(4).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                brief_into(vm, *x, depth + 1, out);
            }
            if items.len() > 4 {
                out.push_str(", ...");
            }
        }
        out.push_str(close);
    };
    match vm.heap.get(r) {
        HeapObj::Str(s) => out.push_str(&crate::repr::str_repr(&s.s)),
        HeapObj::BigInt(b) => out.push_str(&b.to_string()),
        HeapObj::List(l) => items(out, "[", "]", l),
        HeapObj::Tuple(t) => items(out, "(", if t.len() == 1 { ",)" } else { ")" }, t),
        HeapObj::Dict(d) if depth < 2 => {
            out.push('{');
            for (i, e) in d.iter().take(4).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                brief_into(vm, e.key, depth + 1, out);
                out.push_str(": ");
                brief_into(vm, e.value, depth + 1, out);
            }
            if d.iter().nth(4).is_some() {
                out.push_str(", ...");
            }
            out.push('}');
        }
        HeapObj::Generator(g) => {
            let name = vm.str_of(Value::Obj(g.qualname)).unwrap_or("?");
            let _ = write!(out, "<generator {name}>");
        }
        HeapObj::Function(f) => {
            let name = vm.str_of(f.qualname).unwrap_or("?");
            let _ = write!(out, "<function {name}>");
        }
        HeapObj::Exception(x) => {
            let name = vm.class(x.class).map(|c| c.name.to_string()).unwrap_or_else(|| "Exception".into());
            out.push_str(&name);
            let args = match x.args {
                Value::Obj(a) => match vm.heap.get(a) {
                    HeapObj::Tuple(t) => t.to_vec(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            if !args.is_empty() {
                items(out, "(", ")", &args);
            }
        }
        HeapObj::Class(c) => {
            let _ = write!(out, "<class '{}'>", c.name);
        }
        _ => {
            let _ = write!(out, "<{} object>", vm.type_name(v));
        }
    }
}
