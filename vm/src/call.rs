//! Calls: binding arguments to parameters with CPython's error messages, building frames (and
//! generators, for generator functions), dispatching to natives and acting on what they return,
//! and returning from a frame.

use crate::frame::{Frame, Link};
use crate::interp::{Flow, Outcome, Ret};
use crate::object::{GenState, Generator, HeapObj, LoadedCode};
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};
use std::rc::Rc;

/// Builtins that coro writes as prelude generators show CPython's type names (`<map object>`).
fn prelude_type_name(name: &str) -> Option<&'static str> {
    crate::builtins::LAZY_ITERATORS.iter().map(|(n, _)| *n).find(|n| *n == name)
}

/// A frame for module-level code (no parameters, no cells).
pub fn new_frame(code: Rc<LoadedCode>, globals: ObjRef, args: &[Value], link: Link) -> Box<Frame> {
    let mut stack = Vec::with_capacity(code.frame_size);
    stack.extend_from_slice(args);
    stack.resize(code.code.varnames.len().max(args.len()), Value::Undef);
    Box::new(Frame {
        code,
        ip: 0,
        stack,
        cells: Box::new([]),
        globals,
        exc_info: Value::Undef,
        link,
        gen: None,
        root: None,
        closing: false,
        locals_dict: Value::Undef,
    })
}

impl Vm {
    /// Calls `callee` on behalf of the running frame `f`. A Python function's frame becomes the
    /// running frame (the caller is pushed); a native's result is pushed on `f`'s stack.
    #[inline(never)]
    pub(crate) fn call_value(
        &mut self,
        f: &mut Box<Frame>,
        callee: Value,
        args: &[Value],
        kwnames: &[Value],
    ) -> Result<Flow, Exc> {
        let Value::Obj(r) = callee else {
            return Err(self.not_callable(callee));
        };
        match self.heap.get(r) {
            HeapObj::Function(func) => {
                let is_gen = func.code.code.flags.generator;
                let frame = self.function_frame(r, args, kwnames)?;
                if is_gen {
                    let type_name =
                        if frame.code.code.flags.hidden { prelude_type_name(&frame.code.code.name) } else { None };
                    let g = self.function_generator(r, frame, type_name);
                    f.stack.push(g);
                } else {
                    self.push_frame(f, frame)?;
                }
                Ok(Flow::Next)
            }
            HeapObj::Builtin(b) => {
                let (func, this, owner, name) = (b.func, b.this, b.owner, b.name);
                self.caller_globals = Some(f.globals);
                let ret = if this.is_undef() {
                    self.check_receiver(owner, name, args)?;
                    func(self, args, kwnames)?
                } else {
                    let mut full: smallvec::SmallVec<[Value; 8]> = smallvec::SmallVec::with_capacity(args.len() + 1);
                    full.push(this);
                    full.extend_from_slice(args);
                    func(self, &full, kwnames)?
                };
                self.handle_ret(f, ret)
            }
            HeapObj::BoundMethod { func, this } => {
                let (func, this) = (*func, *this);
                let mut full: Vec<Value> = Vec::with_capacity(args.len() + 1);
                full.push(this);
                full.extend_from_slice(args);
                self.call_value(f, func, &full, kwnames)
            }
            HeapObj::Class(c) => {
                if c.metaclass.is_some() {
                    if let Some(m) = self.special_method(callee, "__call__") {
                        let mut full: Vec<Value> = Vec::with_capacity(args.len() + 1);
                        full.push(callee);
                        full.extend_from_slice(args);
                        return self.call_value(f, m, &full, kwnames);
                    }
                }
                let ret = crate::builtins::construct(self, r, args, kwnames)?;
                self.handle_ret(f, ret)
            }
            _ => match self.special_method(callee, "__call__") {
                Some(m) => {
                    let mut full: Vec<Value> = Vec::with_capacity(args.len() + 1);
                    full.push(callee);
                    full.extend_from_slice(args);
                    self.call_value(f, m, &full, kwnames)
                }
                None => Err(self.not_callable(callee)),
            },
        }
    }

    /// A builtin type's method called through the class (`list.append(x, 1)`) or the method
    /// cache gets its receiver as the first argument: it must be there and of the method's type,
    /// as CPython's method descriptors check.
    #[inline]
    pub(crate) fn check_receiver(&mut self, owner: &'static str, name: &str, args: &[Value]) -> Result<(), Exc> {
        // The common case first: a module function, or a receiver of exactly the owner type.
        if owner.is_empty() {
            return Ok(());
        }
        if let Some(&recv) = args.first() {
            if self.class(self.class_of(recv)).is_some_and(|c| &*c.name == owner) {
                return Ok(());
            }
        }
        let t = &self.types;
        let cls = match owner {
            "list" => t.list,
            "dict" => t.dict,
            "set" => t.set,
            "tuple" => t.tuple,
            "int" => t.int,
            "float" => t.float,
            "generator" => t.generator,
            _ => return Ok(()),
        };
        let fits = |vm: &Vm, recv: Value| {
            let rc = vm.class_of(recv);
            rc == cls || vm.is_subclass(rc, cls)
        };
        match args.first() {
            Some(&recv) if fits(self, recv) => return Ok(()),
            // Class methods (`dict.fromkeys`, `int.from_bytes`, `float.fromhex`) take no receiver.
            _ if matches!(name, "fromkeys" | "from_bytes" | "fromhex") => return Ok(()),
            _ => {}
        }
        let Some(&recv) = args.first() else {
            return Err(self.type_error(&format!("unbound method {owner}.{name}() needs an argument")));
        };
        let tn = self.type_name(recv);
        Err(self.type_error(&format!("descriptor '{name}' for '{owner}' objects doesn't apply to a '{tn}' object")))
    }

    fn not_callable(&mut self, v: Value) -> Exc {
        let t = self.type_name(v);
        self.type_error(&format!("'{t}' object is not callable"))
    }

    /// Acts on a native's request.
    #[inline(never)]
    pub(crate) fn handle_ret(&mut self, f: &mut Box<Frame>, ret: Ret) -> Result<Flow, Exc> {
        match ret {
            Ret::Value(v) => {
                f.stack.push(v);
                Ok(Flow::Next)
            }
            Ret::TailCall(callee, args) => self.call_value(f, callee, &args, &[]),
            Ret::Resume { gen, mode, link } => self.resume_generator(f, gen, mode, link),
            Ret::Call { callee, args, kwnames } => self.call_value(f, callee, &args, &kwnames),
            Ret::Init { init, args, kwnames } => {
                let Some(&Value::Obj(instance)) = args.first() else {
                    return Err(self.runtime_error("__init__ call without an instance"));
                };
                self.call_linked_kw(f, init, &args, &kwnames, Link::Init(instance))
            }
            Ret::Frame(frame) => {
                self.push_frame(f, frame)?;
                Ok(Flow::Next)
            }
            Ret::Locals => {
                let d = self.frame_locals(f)?;
                f.stack.push(d);
                Ok(Flow::Next)
            }
            Ret::Suspend(request) => Ok(Flow::Exit(Outcome::Suspended(crate::interp::Suspension::new(
                crate::interp::SuspendReason::Request(request),
            )))),
        }
    }

    /// `locals()` in frame `f`: the class namespace in a class body, the globals at module
    /// level, and in a function the frame's locals dict, refreshed from its bound local, cell
    /// and free variables (in CPython's order: parameters and locals, then cells, then free
    /// variables).
    pub(crate) fn frame_locals(&mut self, f: &mut Frame) -> Result<Value, Exc> {
        if !f.code.code.flags.is_function {
            return Ok(match f.locals_dict {
                Value::Undef => Value::Obj(f.globals),
                d => d,
            });
        }
        let code = f.code.clone();
        let c = &code.code;
        let d = match f.locals_dict {
            Value::Obj(d) => {
                if let HeapObj::Dict(x) = self.heap.get_mut(d) {
                    x.clear();
                }
                d
            }
            _ => {
                let d = self.new_dict().as_obj().unwrap_or(self.builtins);
                f.locals_dict = Value::Obj(d);
                d
            }
        };
        let cell_value = |vm: &Vm, i: usize| match f.cells.get(i).map(|r| vm.heap.get(*r)) {
            Some(HeapObj::Cell(v)) => *v,
            _ => Value::Undef,
        };
        let mut bound: Vec<(Value, Value)> = Vec::new();
        for (li, name) in c.varnames.iter().enumerate() {
            let v = match c.cell_params.iter().find(|(_, l)| *l as usize == li) {
                Some((ci, _)) => cell_value(self, *ci as usize),
                None => f.stack.get(li).copied().unwrap_or(Value::Undef),
            };
            bound.push((self.intern(name), v));
        }
        for (ci, name) in c.cellvars.iter().enumerate() {
            if c.cell_params.iter().all(|(i, _)| *i as usize != ci) {
                let v = cell_value(self, ci);
                bound.push((self.intern(name), v));
            }
        }
        for (fi, name) in c.freevars.iter().enumerate() {
            let v = cell_value(self, c.cellvars.len() + fi);
            bound.push((self.intern(name), v));
        }
        for (k, v) in bound {
            if !v.is_undef() {
                self.dict_set(d, k, v)?;
            }
        }
        Ok(Value::Obj(d))
    }

    /// Makes `frame` the running frame, keeping `f` as its caller.
    pub(crate) fn push_frame(&mut self, f: &mut Box<Frame>, frame: Box<Frame>) -> Result<(), Exc> {
        if self.frames.len() + 2 > self.recursion_limit {
            return Err(self.exc_msg(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        let caller = std::mem::replace(f, frame);
        self.push_caller(caller);
        Ok(())
    }

    /// Pushes the caller of the frame about to run on the frame stack. `Vec::push` stayed a
    /// call of 16 instructions in the inner loop's method calls; this is five in line.
    #[inline(always)]
    pub(crate) fn push_caller(&mut self, caller: Box<Frame>) {
        if self.frames.len() == self.frames.capacity() {
            self.frames.reserve(1);
        }
        let n = self.frames.len();
        // SAFETY: slot `n` is within the capacity (reserved above) and is written before the
        // length covers it.
        unsafe {
            self.frames.as_mut_ptr().add(n).write(caller);
            self.frames.set_len(n + 1);
        }
    }

    /// Returns `v` from the running frame.
    pub(crate) fn do_return(&mut self, f: &mut Box<Frame>, v: Value, base: usize) -> Result<Flow, Exc> {
        if let Some(g) = f.gen {
            return self.generator_return(f, g, v);
        }
        match f.link {
            Link::Host => Ok(Flow::Exit(Outcome::Returned(v))),
            _ => {
                if self.frames.len() <= base {
                    return Ok(Flow::Exit(Outcome::Returned(v)));
                }
                let caller = self.frames.pop().ok_or_else(|| self.runtime_error("frame stack underflow"))?;
                let link = f.link;
                let done = std::mem::replace(f, caller);
                self.recycle_frame(done);
                self.deliver_value(f, link, v)?;
                Ok(Flow::Next)
            }
        }
    }

    /// Hands a call's result `v` to the caller `f` as `link` says (for the links whose result
    /// is a value on the caller's stack, possibly with a jump).
    pub(crate) fn deliver_value(&mut self, f: &mut Frame, link: Link, v: Value) -> Result<(), Exc> {
        match link {
            Link::Discard => {}
            Link::Init(instance) => {
                if !v.is_none() {
                    let t = self.type_name(v);
                    return Err(self.type_error(&format!("__init__() should return None, not '{t}'")));
                }
                f.stack.push(Value::Obj(instance));
            }
            Link::OrPop { target, jump_if } => {
                if matches!(v, Value::Bool(b) if b == jump_if) {
                    f.ip = target as usize;
                } else {
                    f.stack.pop();
                }
            }
            _ => f.stack.push(v),
        }
        Ok(())
    }

    /// Calls `callee` with `args` for the running frame `f`, its result delivered by `link`
    /// instead of pushed (a Python callee's frame gets the link; a native's or a generator
    /// function's immediate result is delivered at once).
    pub(crate) fn call_linked(
        &mut self,
        f: &mut Box<Frame>,
        callee: Value,
        args: &[Value],
        link: Link,
    ) -> Result<Flow, Exc> {
        self.call_linked_kw(f, callee, args, &[], link)
    }

    /// `call_linked` with keyword arguments.
    pub(crate) fn call_linked_kw(
        &mut self,
        f: &mut Box<Frame>,
        callee: Value,
        args: &[Value],
        kwnames: &[Value],
        link: Link,
    ) -> Result<Flow, Exc> {
        let depth = self.frames.len();
        let mut flow = self.call_value(f, callee, args, kwnames)?;
        if let Flow::Exit(Outcome::Suspended(s)) = &mut flow {
            // A native that suspended: its result, when the host gives it, goes by `link`.
            s.link = link;
        }
        if let Flow::Next = flow {
            if self.frames.len() > depth && f.gen.is_none() && matches!(f.link, Link::Call) {
                f.link = link;
            } else if self.frames.len() == depth {
                let v = f.stack.pop().unwrap_or(Value::None);
                self.deliver_value(f, link, v)?;
            }
        }
        Ok(flow)
    }

    pub(crate) fn new_generator(&mut self, frame: Box<Frame>, type_name: Option<&'static str>) -> Value {
        let (name, qualname) = (frame.code.name, frame.code.qualname);
        self.named_generator(frame, type_name, name, qualname)
    }

    /// The generator a call of generator function `fr` makes, named as the function is now
    /// (`__name__` and `__qualname__` may have been reassigned since it was defined).
    pub(crate) fn function_generator(
        &mut self,
        fr: ObjRef,
        frame: Box<Frame>,
        type_name: Option<&'static str>,
    ) -> Value {
        let (name, qualname) = match self.heap.get(fr) {
            HeapObj::Function(func) => (func.name, func.qualname),
            _ => (frame.code.name, frame.code.qualname),
        };
        self.named_generator(frame, type_name, name, qualname)
    }

    pub(crate) fn named_generator(
        &mut self,
        mut frame: Box<Frame>,
        type_name: Option<&'static str>,
        name: Value,
        qualname: Value,
    ) -> Value {
        // The frame knows its generator from the start: the slot `alloc_sized` is about to use.
        let me = self.heap.next_ref();
        frame.gen = Some(me);
        let bytes = std::mem::size_of::<HeapObj>() + crate::heap::generator_size(Some(frame.stack.capacity()));
        // Names are strings (`__name__` and `__qualname__` refuse anything else), hence objects.
        let code_name = frame.code.qualname.as_obj().unwrap_or(ObjRef(0));
        let (name, qualname) = (name.as_obj().unwrap_or(code_name), qualname.as_obj().unwrap_or(code_name));
        let code = frame.code.clone();
        self.gen_serial += 1;
        let g = Generator {
            state: GenState::Created,
            frame: Some(frame),
            name,
            qualname,
            code,
            delegate: None,
            delegator: None,
            leaf: None,
            leaf_epoch: 0,
            leaf_serial: 0,
            serial: self.gen_serial,
            type_name,
            chain_depth: 0,
            private: false,
        };
        // The box of a private generator that just returned, if one is kept (`free_private`):
        // keeping the boxes of collected generators instead cut instructions by 2-4% but ran no
        // faster on the machine (8,192 kept), or slower (32,768 and more): they are cold.
        let b = match self.gen_boxes.pop() {
            Some(mut b) => {
                *b = g;
                b
            }
            None => Box::new(g),
        };
        let r = self.heap.alloc_with(bytes, || HeapObj::Generator(b));
        debug_assert_eq!(r, me);
        Value::Obj(r)
    }

    /// Builds the frame for calling function `fr` with `args` (keyword values last, named by
    /// `kwnames`), raising CPython's TypeErrors for bad argument lists. Frames come from a pool
    /// of returned ones, so a call usually allocates nothing.
    #[inline(never)]
    pub(crate) fn function_frame(&mut self, fr: ObjRef, args: &[Value], kwnames: &[Value]) -> Result<Box<Frame>, Exc> {
        let HeapObj::Function(func) = self.heap.get(fr) else {
            return Err(self.type_error("not a function"));
        };
        let code = func.code.clone();
        let globals = func.globals;
        let c = &code.code;
        let argcount = c.argcount as usize;
        let simple =
            kwnames.is_empty() && args.len() == argcount && !c.flags.varargs && !c.flags.varkw && c.kwonlyargcount == 0;
        let slow = if simple {
            None
        } else {
            Some((func.defaults.clone(), func.kwdefaults, self.str_of(func.qualname).unwrap_or("?").to_string()))
        };
        let mut frame = self.pooled_frame(&code, globals);
        if simple {
            frame.stack.extend_from_slice(args);
            frame.stack.resize(c.varnames.len(), Value::Undef);
        } else if let Some((defaults, kwdefaults, qualname)) = slow {
            match self.bind_args(&code, &qualname, &defaults, kwdefaults, args, kwnames) {
                Ok(locals) => frame.stack.extend_from_slice(&locals),
                Err(e) => {
                    self.recycle_frame(frame);
                    return Err(e);
                }
            }
        }
        if !c.cellvars.is_empty() || !c.freevars.is_empty() {
            frame.cells = self.make_cells(fr, &code, &mut frame.stack);
        }
        frame.code = code;
        Ok(frame)
    }

    /// A frame for `code` from the pool (or new), with an empty stack of the right capacity.
    pub(crate) fn pooled_frame(&mut self, code: &Rc<LoadedCode>, globals: ObjRef) -> Box<Frame> {
        match self.frame_pool.pop() {
            Some(mut f) => {
                f.stack.clear();
                f.stack.reserve(code.frame_size);
                f.reset(globals);
                f
            }
            None => {
                let mut f = new_frame(code.clone(), globals, &[], Link::Call);
                f.stack.clear();
                f
            }
        }
    }

    /// Returns a finished frame to the pool.
    pub(crate) fn recycle_frame(&mut self, f: Box<Frame>) {
        if self.frame_pool.len() < 256 {
            self.frame_pool.push(f);
        }
    }

    fn make_cells(&mut self, fr: ObjRef, code: &LoadedCode, stack: &mut [Value]) -> Box<[ObjRef]> {
        let c = &code.code;
        if c.cellvars.is_empty() && c.freevars.is_empty() {
            return Box::new([]);
        }
        let mut cells: Vec<ObjRef> = Vec::with_capacity(c.nderefs());
        for i in 0..c.cellvars.len() {
            let init = c
                .cell_params
                .iter()
                .find(|(ci, _)| *ci as usize == i)
                .map(|(_, li)| stack[*li as usize])
                .unwrap_or(Value::Undef);
            cells.push(self.heap.alloc(HeapObj::Cell(init)));
        }
        if let HeapObj::Function(func) = self.heap.get(fr) {
            cells.extend(func.closure.iter().copied());
        }
        cells.into_boxed_slice()
    }

    fn bind_args(
        &mut self,
        code: &LoadedCode,
        qualname: &str,
        defaults: &[Value],
        kwdefaults: Value,
        args: &[Value],
        kwnames: &[Value],
    ) -> Result<Vec<Value>, Exc> {
        let c = &code.code;
        let nlocals = c.varnames.len();
        let argcount = c.argcount as usize;
        let kwonly = c.kwonlyargcount as usize;
        let npos = args.len() - kwnames.len();
        let mut locals = vec![Value::Undef; nlocals];
        let positional = &args[..npos];
        let n_direct = npos.min(argcount);
        locals[..n_direct].copy_from_slice(&positional[..n_direct]);
        let mut slot = argcount + kwonly;
        if c.flags.varargs {
            let extra = if npos > argcount { positional[argcount..].to_vec() } else { Vec::new() };
            locals[slot] = self.new_tuple(extra);
            slot += 1;
        } else if npos > argcount {
            let ndefaults = defaults.len();
            let takes = if ndefaults > 0 {
                format!("from {} to {} positional arguments", argcount - ndefaults, argcount)
            } else {
                format!("{} positional argument{}", argcount, if argcount == 1 { "" } else { "s" })
            };
            let kwonly_given = kwnames
                .iter()
                .filter(|k| {
                    let k = self.str_of(**k).unwrap_or("");
                    c.varnames[argcount..argcount + kwonly].iter().any(|v| &**v == k)
                })
                .count();
            let given = if kwonly_given > 0 {
                format!(
                    "{npos} positional argument{} (and {kwonly_given} keyword-only argument{}) were given",
                    if npos == 1 { "" } else { "s" },
                    if kwonly_given == 1 { "" } else { "s" }
                )
            } else {
                format!("{npos} {} given", if npos == 1 { "was" } else { "were" })
            };
            return Err(self.type_error(&format!("{qualname}() takes {takes} but {given}")));
        }
        let kwargs_dict = if c.flags.varkw {
            let d = self.new_dict();
            locals[slot] = d;
            d.as_obj()
        } else {
            None
        };
        for (i, name) in kwnames.iter().enumerate() {
            let value = args[npos + i];
            let name_s = self.str_of(*name).unwrap_or("").to_string();
            let pos = c.varnames[..argcount + kwonly].iter().position(|v| **v == *name_s);
            match pos {
                Some(p) if p >= c.posonlyargcount as usize => {
                    if !locals[p].is_undef() {
                        return Err(
                            self.type_error(&format!("{qualname}() got multiple values for argument '{name_s}'"))
                        );
                    }
                    locals[p] = value;
                }
                _ => match kwargs_dict {
                    Some(d) => self.dict_set(d, *name, value)?,
                    None => {
                        if pos.is_some() {
                            return Err(self.type_error(&format!("{qualname}() got some positional-only arguments passed as keyword arguments: '{name_s}'")));
                        }
                        return Err(
                            self.type_error(&format!("{qualname}() got an unexpected keyword argument '{name_s}'"))
                        );
                    }
                },
            }
        }
        // Defaults for the trailing positional parameters.
        let first_default = argcount - defaults.len().min(argcount);
        let mut missing: Vec<String> = Vec::new();
        for i in 0..argcount {
            if locals[i].is_undef() {
                if i >= first_default {
                    locals[i] = defaults[i - first_default];
                } else {
                    missing.push(format!("'{}'", c.varnames[i]));
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(qualname, "positional", &missing));
        }
        for (i, slot) in locals.iter_mut().enumerate().take(argcount + kwonly).skip(argcount) {
            if slot.is_undef() {
                let d = match kwdefaults {
                    Value::Obj(d) => {
                        let key = self.intern(&c.varnames[i]);
                        self.dict_get_str(d, key)
                    }
                    _ => None,
                };
                match d {
                    Some(v) => *slot = v,
                    None => missing.push(format!("'{}'", c.varnames[i])),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(qualname, "keyword-only", &missing));
        }
        Ok(locals)
    }

    fn missing_args(&mut self, qualname: &str, kind: &str, names: &[String]) -> Exc {
        let list = match names.len() {
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
        };
        let s = if names.len() == 1 { "" } else { "s" };
        self.type_error(&format!("{qualname}() missing {} required {kind} argument{s}: {list}", names.len()))
    }
}
