//! `coro profile`: what the observing instance of the dispatch loop counted (`observe.rs` feeds
//! it): executed instructions by opcode and by consecutive pair (within one frame), per function
//! calls, instructions and self/total time, instructions per source line, generator statistics,
//! and instructions per Python-level stack (for a flame graph). Rendered as a table, as JSON
//! (`format: "coro-profile"`, `version: 1`) or as folded stacks for inferno.
//!
//! Times are taken at frame switches only (never per instruction); a function's total time runs
//! from its outermost activation's entry to its exit, so recursion is not counted twice, and a
//! generator's counts only while it runs (or waits on a `yield from` delegate or a call).

use crate::observe::{Func, FuncId, FuncKind};
use crate::value::ObjRef;
use crate::Vm;
use coro_compiler::dis_json::quote as js;
use coro_compiler::opcode::{Op, OP_COUNT};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::time::{Duration, Instant};

#[derive(Default)]
struct FuncStats {
    calls: u64,
    instructions: u64,
    self_time: Duration,
    total_time: Duration,
    /// Activations on the stack now, and since when the outermost one runs.
    active: u32,
    since: Option<Instant>,
    /// Executed instructions by offset.
    by_ip: Vec<u64>,
}

/// One Python-level stack: its parent stack plus one function.
struct Node {
    parent: u32,
    func: FuncId,
    count: u64,
}

/// The counters of one profiled run.
pub struct Profile {
    ops: Vec<u64>,
    /// `ops[a] * OP_COUNT + b`: instruction `b` right after `a` in the same frame.
    pairs: Vec<u64>,
    funcs: Vec<FuncStats>,
    nodes: Vec<Node>,
    children: HashMap<(u32, FuncId), u32>,
    gens_created: u64,
    gens_resumed: u64,
    gens_yielded: u64,
    suspended: HashSet<ObjRef>,
    peak_suspended: usize,
    deepest_chain: usize,
}

impl Default for Profile {
    fn default() -> Self {
        Profile::new()
    }
}

impl Profile {
    pub fn new() -> Profile {
        Profile {
            ops: vec![0; OP_COUNT],
            pairs: vec![0; OP_COUNT * OP_COUNT],
            funcs: Vec::new(),
            nodes: vec![Node { parent: 0, func: usize::MAX, count: 0 }],
            children: HashMap::new(),
            gens_created: 0,
            gens_resumed: 0,
            gens_yielded: 0,
            suspended: HashSet::new(),
            peak_suspended: 0,
            deepest_chain: 0,
        }
    }

    fn stats(&mut self, func: FuncId) -> &mut FuncStats {
        if func >= self.funcs.len() {
            self.funcs.resize_with(func + 1, FuncStats::default);
        }
        &mut self.funcs[func]
    }

    #[inline]
    pub(crate) fn instr(&mut self, func: FuncId, node: u32, ip: usize, op: Op, prev: Option<Op>) {
        self.ops[op as usize] += 1;
        if let Some(p) = prev {
            self.pairs[p as usize * OP_COUNT + op as usize] += 1;
        }
        if let Some(n) = self.nodes.get_mut(node as usize) {
            n.count += 1;
        }
        let s = self.stats(func);
        s.instructions += 1;
        if ip >= s.by_ip.len() {
            s.by_ip.resize(ip + 1, 0);
        }
        s.by_ip[ip] += 1;
    }

    /// The stack node `parent` + `func`.
    pub(crate) fn child(&mut self, parent: u32, func: FuncId) -> u32 {
        let next = self.nodes.len() as u32;
        let id = *self.children.entry((parent, func)).or_insert(next);
        if id == next {
            self.nodes.push(Node { parent, func, count: 0 });
        }
        id
    }

    pub(crate) fn self_time(&mut self, func: FuncId, d: Duration) {
        self.stats(func).self_time += d;
    }

    pub(crate) fn activate(&mut self, func: FuncId, now: Instant) {
        let s = self.stats(func);
        if s.active == 0 {
            s.since = Some(now);
        }
        s.active += 1;
    }

    pub(crate) fn deactivate(&mut self, func: FuncId, now: Instant) {
        let s = self.stats(func);
        s.active = s.active.saturating_sub(1);
        if s.active == 0 {
            if let Some(t) = s.since.take() {
                s.total_time += now.duration_since(t);
            }
        }
    }

    pub(crate) fn entered(&mut self, func: FuncId) {
        self.stats(func).calls += 1;
    }

    pub(crate) fn gen_created(&mut self) {
        self.gens_created += 1;
    }

    /// A generator chain (`gens`: the running generator and the ones delegating to it) resumed.
    pub(crate) fn gen_resumed(&mut self, gens: &[ObjRef]) {
        self.gens_resumed += 1;
        for g in gens {
            self.suspended.remove(g);
        }
        self.deepest_chain = self.deepest_chain.max(gens.len().saturating_sub(1));
    }

    pub(crate) fn gen_yielded(&mut self, gens: &[ObjRef]) {
        self.gens_yielded += 1;
        self.suspended.extend(gens.iter().copied());
        self.peak_suspended = self.peak_suspended.max(self.suspended.len());
    }

    pub(crate) fn gen_delegated(&mut self, depth: usize) {
        self.deepest_chain = self.deepest_chain.max(depth);
    }

    pub(crate) fn gen_finished(&mut self, g: ObjRef) {
        self.suspended.remove(&g);
    }

    /// The report for the functions `funcs` (the observer's), source lines from `vm`.
    pub fn report(&self, funcs: &[Func], vm: &Vm, file: &str, elapsed: Duration) -> Report {
        let total: u64 = self.ops.iter().sum();
        let share = |n: u64| if total == 0 { 0.0 } else { n as f64 * 100.0 / total as f64 };
        let mut opcodes: Vec<(String, u64, f64)> =
            (0..OP_COUNT).filter(|i| self.ops[*i] > 0).map(|i| (op_name(i), self.ops[i], share(self.ops[i]))).collect();
        opcodes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut pairs: Vec<(String, String, u64, f64)> = (0..OP_COUNT * OP_COUNT)
            .filter(|i| self.pairs[*i] > 0)
            .map(|i| (op_name(i / OP_COUNT), op_name(i % OP_COUNT), self.pairs[i], share(self.pairs[i])))
            .collect();
        pairs.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
        pairs.truncate(100);
        let mut functions = Vec::new();
        let mut lines: HashMap<(String, u32), (String, u64)> = HashMap::new();
        for (id, s) in self.funcs.iter().enumerate() {
            let Some(f) = funcs.get(id) else { continue };
            if s.calls == 0 && s.instructions == 0 {
                continue;
            }
            functions.push(FunctionRow {
                name: display_name(f),
                kind: f.kind,
                file: f.code.code.filename.to_string(),
                line: f.code.code.first_line,
                calls: s.calls,
                instructions: s.instructions,
                self_time: s.self_time,
                total_time: s.total_time,
            });
            if f.hidden {
                continue;
            }
            for (ip, n) in s.by_ip.iter().enumerate().filter(|(_, n)| **n > 0) {
                let line = f.code.code.line_for(ip as u32);
                let e = lines.entry((f.code.code.filename.to_string(), line)).or_insert_with(|| (f.name.clone(), 0));
                e.1 += n;
            }
        }
        functions.sort_by(|a, b| b.total_time.cmp(&a.total_time).then(b.instructions.cmp(&a.instructions)));
        let mut lines: Vec<LineRow> = lines
            .into_iter()
            .map(|((file, line), (function, n))| LineRow {
                text: source_line(vm, &file, line),
                file,
                line,
                function,
                instructions: n,
                share: share(n),
            })
            .collect();
        lines.sort_by(|a, b| b.instructions.cmp(&a.instructions).then(a.file.cmp(&b.file)).then(a.line.cmp(&b.line)));
        let mut stacks = Vec::new();
        for (i, n) in self.nodes.iter().enumerate().skip(1) {
            if n.count == 0 {
                continue;
            }
            let mut path = Vec::new();
            let mut cur = i as u32;
            while cur != 0 {
                let node = &self.nodes[cur as usize];
                path.push(funcs.get(node.func).map(display_name).unwrap_or_else(|| "?".into()).replace(';', ":"));
                cur = node.parent;
            }
            path.reverse();
            stacks.push(format!("{} {}", path.join(";"), n.count));
        }
        stacks.sort();
        Report {
            file: file.to_string(),
            elapsed,
            instructions: total,
            opcodes,
            pairs,
            functions,
            lines,
            generators: GenRow {
                created: self.gens_created,
                resumed: self.gens_resumed,
                yielded: self.gens_yielded,
                peak_suspended: self.peak_suspended,
                deepest_yield_from: self.deepest_chain,
            },
            stacks,
        }
    }
}

fn op_name(i: usize) -> String {
    Op::from_byte(i as u8).map(|o| o.name().to_string()).unwrap_or_else(|| format!("op{i}"))
}

/// How a function is shown: its dotted path; the VM's Python-written builtins in brackets.
fn display_name(f: &Func) -> String {
    match f.kind {
        FuncKind::Module => {
            let stem = std::path::Path::new(&*f.code.code.filename)
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("<module {stem}>")
        }
        FuncKind::Class => format!("class {}", f.name),
        _ if f.hidden => format!("[{}]", f.name),
        _ => f.name.clone(),
    }
}

fn source_line(vm: &Vm, file: &str, line: u32) -> String {
    let text = vm.sources.get(file).and_then(|s| s.lines().nth(line.saturating_sub(1) as usize).map(str::to_string));
    text.map(|t| t.trim().to_string()).unwrap_or_default()
}

pub struct FunctionRow {
    pub name: String,
    pub kind: FuncKind,
    pub file: String,
    pub line: u32,
    pub calls: u64,
    pub instructions: u64,
    pub self_time: Duration,
    pub total_time: Duration,
}

pub struct LineRow {
    pub file: String,
    pub line: u32,
    pub function: String,
    pub instructions: u64,
    pub share: f64,
    pub text: String,
}

pub struct GenRow {
    pub created: u64,
    pub resumed: u64,
    pub yielded: u64,
    pub peak_suspended: usize,
    pub deepest_yield_from: usize,
}

/// What `coro profile` prints.
pub struct Report {
    pub file: String,
    pub elapsed: Duration,
    pub instructions: u64,
    /// (opname, count, percent), most executed first.
    pub opcodes: Vec<(String, u64, f64)>,
    /// (first, second, count, percent of all instructions), most frequent first (at most 100).
    pub pairs: Vec<(String, String, u64, f64)>,
    /// By total time, longest first.
    pub functions: Vec<FunctionRow>,
    /// By instructions, most first.
    pub lines: Vec<LineRow>,
    pub generators: GenRow,
    /// Folded stacks (`a;b;c count`), the input of a flame graph.
    pub stacks: Vec<String>,
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

impl Report {
    /// The readable report: `top` rows of the pair, function and line tables.
    pub fn table(&self, top: usize) -> String {
        let mut o = String::new();
        let _ = writeln!(
            o,
            "coro profile of {}: {} instructions in {:.3} s (observed run)",
            self.file,
            thousands(self.instructions),
            self.elapsed.as_secs_f64()
        );
        let _ = writeln!(o, "\nInstructions by opcode");
        let _ = writeln!(o, "  {:<20} {:>14} {:>7}", "opcode", "count", "share");
        for (name, n, s) in &self.opcodes {
            let _ = writeln!(o, "  {:<20} {:>14} {:>6.2}%", name, thousands(*n), s);
        }
        let _ = writeln!(o, "\nMost frequent opcode pairs (same frame, consecutive)");
        let _ = writeln!(o, "  {:<36} {:>14} {:>7}", "pair", "count", "share");
        for (a, b, n, s) in self.pairs.iter().take(top) {
            let _ = writeln!(o, "  {:<36} {:>14} {:>6.2}%", format!("{a} -> {b}"), thousands(*n), s);
        }
        let _ = writeln!(o, "\nFunctions (by total time; calls of a generator function count its resumes)");
        let _ = writeln!(
            o,
            "  {:<32} {:>10} {:>14} {:>11} {:>11}",
            "function", "calls", "instructions", "self ms", "total ms"
        );
        for f in self.functions.iter().take(top) {
            let _ = writeln!(
                o,
                "  {:<32} {:>10} {:>14} {:>11} {:>11}",
                f.name,
                thousands(f.calls),
                thousands(f.instructions),
                ms(f.self_time),
                ms(f.total_time)
            );
        }
        let _ = writeln!(o, "\nHottest lines");
        let _ = writeln!(o, "  {:<24} {:>14} {:>7}  source", "line", "instructions", "share");
        for l in self.lines.iter().take(top) {
            let file = std::path::Path::new(&l.file).file_name().map(|s| s.to_string_lossy()).unwrap_or_default();
            let _ = writeln!(
                o,
                "  {:<24} {:>14} {:>6.2}%  {}",
                format!("{file}:{}", l.line),
                thousands(l.instructions),
                l.share,
                l.text
            );
        }
        let g = &self.generators;
        let _ = writeln!(o, "\nGenerators");
        let _ = writeln!(o, "  created                    {:>12}", thousands(g.created));
        let _ = writeln!(o, "  resumed                    {:>12}", thousands(g.resumed));
        let _ = writeln!(o, "  yielded                    {:>12}", thousands(g.yielded));
        let _ = writeln!(o, "  peak suspended at once     {:>12}", thousands(g.peak_suspended as u64));
        let _ = writeln!(o, "  deepest yield-from chain   {:>12}", thousands(g.deepest_yield_from as u64));
        o
    }

    /// The report as one JSON document (`format: "coro-profile"`, `version: 1`).
    pub fn json(&self) -> String {
        let mut o = String::new();
        let _ = write!(
            o,
            "{{\"format\":\"coro-profile\",\"version\":1,\"file\":{},\"seconds\":{},\"instructions\":{},\"opcodes\":[",
            js(&self.file),
            self.elapsed.as_secs_f64(),
            self.instructions
        );
        for (i, (name, n, s)) in self.opcodes.iter().enumerate() {
            let sep = if i > 0 { "," } else { "" };
            let _ = write!(o, "{sep}{{\"opname\":{},\"count\":{n},\"share\":{:.4}}}", js(name), s);
        }
        o.push_str("],\"pairs\":[");
        for (i, (a, b, n, s)) in self.pairs.iter().enumerate() {
            let sep = if i > 0 { "," } else { "" };
            let _ = write!(o, "{sep}{{\"first\":{},\"second\":{},\"count\":{n},\"share\":{:.4}}}", js(a), js(b), s);
        }
        o.push_str("],\"functions\":[");
        for (i, f) in self.functions.iter().enumerate() {
            let sep = if i > 0 { "," } else { "" };
            let kind = match f.kind {
                FuncKind::Module => "module",
                FuncKind::Class => "class",
                FuncKind::Function => "function",
                FuncKind::Generator => "generator",
            };
            let _ = write!(
                o,
                "{sep}{{\"name\":{},\"kind\":\"{kind}\",\"file\":{},\"line\":{},\"calls\":{},\"instructions\":{},\"self_seconds\":{},\"total_seconds\":{}}}",
                js(&f.name),
                js(&f.file),
                f.line,
                f.calls,
                f.instructions,
                f.self_time.as_secs_f64(),
                f.total_time.as_secs_f64()
            );
        }
        o.push_str("],\"lines\":[");
        for (i, l) in self.lines.iter().enumerate() {
            let sep = if i > 0 { "," } else { "" };
            let _ = write!(
                o,
                "{sep}{{\"file\":{},\"line\":{},\"function\":{},\"instructions\":{},\"share\":{:.4},\"source\":{}}}",
                js(&l.file),
                l.line,
                js(&l.function),
                l.instructions,
                l.share,
                js(&l.text)
            );
        }
        let g = &self.generators;
        let _ = write!(
            o,
            "],\"generators\":{{\"created\":{},\"resumed\":{},\"yielded\":{},\"peak_suspended\":{},\"deepest_yield_from\":{}}}}}",
            g.created, g.resumed, g.yielded, g.peak_suspended, g.deepest_yield_from
        );
        o.push('\n');
        o
    }
}
