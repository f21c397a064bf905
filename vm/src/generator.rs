//! Generators: resuming (`next`/`send`/`throw`/`close`/`for`), yielding, returning, and `yield
//! from` delegation, all as frame moves inside the one dispatch loop.
//!
//! A generator owns its frame while suspended. `yield from D` in generator P parks P's frame
//! (rewound to the `YieldFrom` instruction, with D on its stack) and runs D's frame in its place,
//! linked to whoever resumed the chain. The chain's root remembers its innermost delegate (the
//! leaf) so the next resume goes straight there: resuming through 256 levels costs the same as
//! through one. When a leaf returns, its delegator's frame continues past `YieldFrom` with the
//! value; when it raises, the exception is raised in the delegator at the `YieldFrom`.
//!
//! `close()` of a chain follows CPython's `gen_close`: the innermost generator gets
//! GeneratorExit; each level that finishes cleanly hands GeneratorExit to its delegator, and a
//! level that yields instead hands it RuntimeError("generator ignored GeneratorExit").

use crate::frame::{Frame, Link};
use crate::interp::{Flow, Outcome};
use crate::object::{GenState, Generator, HeapObj};
use crate::types::ExcKind;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// How many boxes of freed private generators are kept for new generators.
const GEN_BOX_POOL: usize = 32;

/// How a generator is being resumed.
#[derive(Clone, Copy, Debug)]
pub enum ResumeMode {
    Send(Value),
    Throw(Exc),
    Close,
}

impl Vm {
    pub(crate) fn gen(&self, g: ObjRef) -> Option<&Generator> {
        match self.heap.get(g) {
            HeapObj::Generator(x) => Some(x),
            _ => None,
        }
    }

    pub(crate) fn gen_mut(&mut self, g: ObjRef) -> Option<&mut Generator> {
        match self.heap.get_mut(g) {
            HeapObj::Generator(x) => Some(x),
            _ => None,
        }
    }

    fn gen_state(&self, g: ObjRef) -> GenState {
        self.gen(g).map(|x| x.state).unwrap_or(GenState::Done)
    }

    /// The generator whose frame should run when `root` is resumed.
    fn chain_leaf(&mut self, root: ObjRef) -> ObjRef {
        let epoch = self.chain_epoch;
        let Some(g) = self.gen(root) else { return root };
        if g.delegate.is_none() {
            return root;
        }
        if g.leaf_epoch == epoch {
            if let Some(leaf) = g.leaf {
                let serial = g.leaf_serial;
                if let Some(l) = self.gen(leaf) {
                    if l.serial == serial && l.state == GenState::Suspended && l.delegate.is_none() && l.frame.is_some()
                    {
                        return leaf;
                    }
                }
            }
        }
        // Walk the chain; stop above a delegate that cannot be resumed (its delegator's
        // `YieldFrom` will then see it finished or running and act as CPython does).
        let (mut cur, mut serial) = (root, g.serial);
        while let Some(d) = self.gen(cur).and_then(|x| x.delegate) {
            match self.gen(d) {
                Some(x) if x.state == GenState::Suspended && x.frame.is_some() => (cur, serial) = (d, x.serial),
                _ => break,
            }
        }
        self.cache_leaf(root, Some(cur), serial);
        cur
    }

    /// Caches `leaf` (whose serial is `serial`) as the innermost delegate of chain root `root`
    /// (None: the root itself).
    fn cache_leaf(&mut self, root: ObjRef, leaf: Option<ObjRef>, serial: u64) {
        let epoch = self.chain_epoch;
        if let Some(r) = self.gen_mut(root) {
            r.leaf = leaf;
            r.leaf_epoch = epoch;
            r.leaf_serial = serial;
        }
    }

    /// Resumes generator `g` on behalf of the running frame `f`.
    #[inline(never)]
    pub(crate) fn resume_generator(
        &mut self,
        f: &mut Box<Frame>,
        g: ObjRef,
        mode: ResumeMode,
        link: Link,
    ) -> Result<Flow, Exc> {
        if let ResumeMode::Send(v) = mode {
            if self.resume_simple(f, g, v, link) || self.resume_chain(f, g, v, link) {
                return Ok(Flow::Next);
            }
        }
        let state = self.gen_state(g);
        match state {
            GenState::Running => return Err(self.value_error("generator already executing")),
            GenState::Done => {
                return match mode {
                    ResumeMode::Send(_) => self.deliver_return(f, Value::None, link),
                    ResumeMode::Throw(e) => Err(e),
                    ResumeMode::Close => {
                        f.stack.push(Value::None);
                        Ok(Flow::Next)
                    }
                }
            }
            GenState::Created => match mode {
                ResumeMode::Send(v) if !v.is_none() => {
                    return Err(self.type_error("can't send non-None value to a just-started generator"));
                }
                ResumeMode::Close => {
                    self.finish_generator(g);
                    f.stack.push(Value::None);
                    return Ok(Flow::Next);
                }
                _ => {}
            },
            GenState::Suspended => {}
        }
        if self.frames.len() + 2 > self.recursion_limit {
            return Err(self.exc_msg(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        if self.gen(g).map(|x| x.delegator.is_some()).unwrap_or(false) {
            // Driving a generator that is also some chain's delegate: cached leaves may change.
            self.chain_epoch += 1;
        }
        let leaf = self.chain_leaf(g);
        let Some(mut frame) = self.gen_mut(leaf).and_then(|x| x.frame.take()) else {
            return Err(self.value_error("generator already executing"));
        };
        let started = state != GenState::Created;
        let is_gen_exit = match mode {
            ResumeMode::Close => true,
            ResumeMode::Throw(e) => self.exc_is(e, ExcKind::GeneratorExit),
            ResumeMode::Send(_) => false,
        };
        frame.link = link;
        frame.root = Some(g);
        frame.closing = leaf != g && is_gen_exit;
        for r in [g, leaf] {
            if let Some(x) = self.gen_mut(r) {
                x.state = GenState::Running;
            }
        }
        let caller = std::mem::replace(f, frame);
        self.push_caller(caller);
        match mode {
            ResumeMode::Send(v) => {
                if started {
                    f.stack.push(v);
                }
                Ok(Flow::Next)
            }
            ResumeMode::Throw(e) => {
                if !started {
                    // Thrown before the first instruction: nothing in the body can catch it.
                    f.ip = 0;
                }
                Err(e)
            }
            ResumeMode::Close => {
                let class = self.types.exc(ExcKind::GeneratorExit);
                Err(self.new_exception(class, vec![]))
            }
        }
    }

    /// A generator's root finished with `value` (or was already done): tell the resumer.
    fn deliver_return(&mut self, f: &mut Box<Frame>, value: Value, link: Link) -> Result<Flow, Exc> {
        match link {
            Link::ForIter(target) => {
                f.stack.pop();
                f.ip = target as usize;
                Ok(Flow::Next)
            }
            Link::Send => Err(self.stop_iteration(value)),
            Link::NextDefault(d) => {
                f.stack.push(d);
                Ok(Flow::Next)
            }
            Link::Close => {
                f.stack.push(Value::None);
                Ok(Flow::Next)
            }
            Link::Host => Ok(Flow::Exit(Outcome::Returned(value))),
            link => {
                self.deliver_value(f, link, value)?;
                Ok(Flow::Next)
            }
        }
    }

    /// A generator whose frame belonged to an abandoned suspended run: it is finished.
    /// Its delegators (a `yield from` chain above it) are finished too.
    pub(crate) fn abandon_generator(&mut self, g: ObjRef) {
        let mut next = Some(g);
        while let Some(g) = next {
            next = self.gen(g).and_then(|x| x.delegator);
            self.finish_generator(g);
            if let Some(x) = self.gen_mut(g) {
                x.delegator = None;
            }
        }
        self.chain_epoch += 1;
    }

    fn finish_generator(&mut self, g: ObjRef) {
        if let Some(x) = self.gen_mut(g) {
            x.state = GenState::Done;
            x.frame = None;
            x.delegate = None;
        }
    }

    /// The common resume: a suspended generator outside any `yield from` chain, sent `v`. Its
    /// frame becomes the running one (the caller `f` is pushed) and true is returned; false,
    /// having changed nothing, when `g` needs `resume_generator`'s general path.
    #[inline(always)]
    pub(crate) fn resume_simple(&mut self, f: &mut Box<Frame>, g: ObjRef, v: Value, link: Link) -> bool {
        if self.frames.len() + 2 > self.recursion_limit {
            return false;
        }
        let HeapObj::Generator(gen) = self.heap.get_mut(g) else { return false };
        if gen.state != GenState::Suspended || gen.delegate.is_some() || gen.delegator.is_some() {
            return false;
        }
        let Some(frame) = gen.frame.take() else { return false };
        gen.state = GenState::Running;
        self.enter_resumed(f, frame, g, v, link);
        true
    }

    /// Makes `frame`, taken from a generator of chain root `g` resumed with `v`, the running
    /// frame (the caller `f` is pushed), linked to its resumer by `link`.
    #[inline(always)]
    fn enter_resumed(&mut self, f: &mut Box<Frame>, mut frame: Box<Frame>, g: ObjRef, v: Value, link: Link) {
        frame.link = link;
        frame.root = Some(g);
        frame.closing = false;
        let caller = std::mem::replace(f, frame);
        self.push_caller(caller);
        f.stack.push(v);
    }

    /// The common resume of a `yield from` chain: root `g` suspended in its delegation (and
    /// not itself anyone's delegate) whose cached leaf still holds, sent `v`. The leaf's frame
    /// becomes the running one (the caller `f` is pushed) and true is returned; false, having
    /// changed nothing, when `resume_generator`'s general path is needed. Each generator is
    /// looked up once (the general path, finding the leaf again, looked them up seven times).
    #[inline(always)]
    fn resume_chain(&mut self, f: &mut Box<Frame>, g: ObjRef, v: Value, link: Link) -> bool {
        if self.frames.len() + 2 > self.recursion_limit {
            return false;
        }
        let HeapObj::Generator(root) = self.heap.get(g) else { return false };
        let (Some(leaf), serial) = (root.leaf, root.leaf_serial) else { return false };
        if root.state != GenState::Suspended
            || root.delegate.is_none()
            || root.delegator.is_some()
            || root.leaf_epoch != self.chain_epoch
            || leaf == g
        {
            return false;
        }
        let HeapObj::Generator(l) = self.heap.get_mut(leaf) else { return false };
        if l.serial != serial || l.state != GenState::Suspended || l.delegate.is_some() {
            return false;
        }
        let Some(frame) = l.frame.take() else { return false };
        l.state = GenState::Running;
        if let HeapObj::Generator(root) = self.heap.get_mut(g) {
            root.state = GenState::Running;
        }
        self.enter_resumed(f, frame, g, v, link);
        true
    }

    /// The common yield: a generator resumed by a frame (not the host, not `close`) and not part
    /// of a `yield from` chain hands `v` to its resumer, which becomes the running frame, and
    /// true is returned; false, having changed nothing, when `do_yield` is needed.
    #[inline(always)]
    pub(crate) fn yield_simple(&mut self, f: &mut Box<Frame>, v: Value) -> bool {
        let Some(g) = f.gen else { return false };
        if f.root != Some(g) || f.closing || matches!(f.link, Link::Host | Link::Close) {
            return false;
        }
        let Some(next) = self.frames.pop() else { return false };
        let mut frame = std::mem::replace(f, next);
        frame.root = None;
        if let HeapObj::Generator(x) = self.heap.get_mut(g) {
            x.state = GenState::Suspended;
            x.frame = Some(frame);
        }
        f.stack.push(v);
        true
    }

    /// `Yield`: the running generator frame suspends with `v`.
    #[inline(never)]
    pub(crate) fn do_yield(&mut self, f: &mut Box<Frame>, v: Value) -> Result<Flow, Exc> {
        if self.yield_simple(f, v) {
            return Ok(Flow::Next);
        }
        let Some(g) = f.gen else {
            return Err(self.runtime_error("yield outside a generator frame"));
        };
        let root = f.root.unwrap_or(g);
        if f.closing {
            // A delegate asked to close yielded instead: it stays suspended, and its delegator
            // gets RuntimeError, as CPython's gen_close_iter reports it.
            return self.park_and_throw_up(f, g, root);
        }
        let link = f.link;
        // The resumer's frame takes this one's place (a pointer swap); only a host-linked
        // generator has no resumer frame and needs a placeholder.
        let next = match link {
            Link::Host => self.placeholder_frame(),
            _ => self.frames.pop().ok_or_else(|| self.runtime_error("frame stack underflow"))?,
        };
        let mut frame = std::mem::replace(f, next);
        frame.root = None;
        frame.closing = false;
        let mut serial = 0;
        if let Some(x) = self.gen_mut(g) {
            x.state = GenState::Suspended;
            x.frame = Some(frame);
            serial = x.serial;
        }
        if root != g {
            if let Some(r) = self.gen_mut(root) {
                r.state = GenState::Suspended;
            }
            self.cache_leaf(root, Some(g), serial);
        }
        if let Link::Host = link {
            return Ok(Flow::Exit(Outcome::Yielded(v)));
        }
        match link {
            Link::Close => Err(self.runtime_error("generator ignored GeneratorExit")),
            _ => {
                f.stack.push(v);
                Ok(Flow::Next)
            }
        }
    }

    /// Suspends the closing delegate `g` as it is and raises RuntimeError in its delegator.
    fn park_and_throw_up(&mut self, f: &mut Box<Frame>, g: ObjRef, root: ObjRef) -> Result<Flow, Exc> {
        let Some(p) = self.gen(g).and_then(|x| x.delegator) else {
            return Err(self.runtime_error("generator ignored GeneratorExit"));
        };
        let Some(mut pf) = self.gen_mut(p).and_then(|x| x.frame.take()) else {
            return Err(self.runtime_error("generator ignored GeneratorExit"));
        };
        pf.link = f.link;
        pf.root = f.root;
        pf.closing = p != root;
        let mut frame = std::mem::replace(f, pf);
        frame.root = None;
        frame.closing = false;
        if let Some(x) = self.gen_mut(g) {
            x.state = GenState::Suspended;
            x.frame = Some(frame);
        }
        if let Some(x) = self.gen_mut(p) {
            x.state = GenState::Running;
        }
        self.chain_epoch += 1;
        Err(self.runtime_error("generator ignored GeneratorExit"))
    }

    /// `Return` in a generator frame.
    #[inline(never)]
    pub(crate) fn generator_return(&mut self, f: &mut Box<Frame>, g: ObjRef, v: Value) -> Result<Flow, Exc> {
        let root = f.root.unwrap_or(g);
        // Finished, and out of any chain (its frame is the running one).
        let (delegator, private) = match self.gen_mut(g) {
            Some(x) => {
                x.state = GenState::Done;
                x.frame = None;
                x.delegate = None;
                (x.delegator.take(), x.private)
            }
            None => (None, false),
        };
        if let (true, Some(p)) = (root != g, delegator) {
            let closing = f.closing;
            // A private generator is freed below. A cached leaf naming its slot is told from
            // the slot's next generator by its serial (`chain_leaf`).
            let private = private && self.observer.is_none();
            let pf = self.resume_delegator(f, p, root)?;
            let done = std::mem::replace(f, pf);
            self.recycle_frame(done);
            if private {
                self.free_private(g);
            }
            if closing {
                let class = self.types.exc(ExcKind::GeneratorExit);
                return Err(self.new_exception(class, vec![]));
            }
            f.stack.push(v);
            // Continue past the `YieldFrom` (a one-byte instruction) the frame was parked on.
            f.ip += 1;
            return Ok(Flow::Next);
        }
        let link = f.link;
        if let Link::Host = link {
            return Ok(Flow::Exit(Outcome::Returned(v)));
        }
        let caller = self.frames.pop().ok_or_else(|| self.runtime_error("frame stack underflow"))?;
        let done = std::mem::replace(f, caller);
        self.recycle_frame(done);
        self.deliver_return(f, v, link)
    }

    /// Marks generator `v` private to the `yield from` about to delegate to it (see
    /// `Generator::private`).
    pub(crate) fn mark_private(&mut self, v: Value) {
        if let Some(g) = v.as_obj().and_then(|r| self.gen_mut(r)) {
            g.private = true;
        }
    }

    /// Whether `v` is a generator function (calling it makes a new generator, referred to by
    /// nothing but the call's result).
    pub(crate) fn is_generator_function(&self, v: Value) -> bool {
        matches!(v, Value::Obj(r) if matches!(self.heap.get(r), HeapObj::Function(func) if func.code.code.flags.generator))
    }

    /// Frees generator `g`, private to the `yield from` of the delegator it has just returned
    /// to (`Generator::private`), whose stack no longer holds it. Nothing else refers to it
    /// then but, perhaps, the cached leaf of a generator above it, which `chain_leaf` finds
    /// stale by the serial of the slot's next generator. (Bumping the chain epoch here instead
    /// made every other chain walk to its leaf at its next resume; clearing the caches that
    /// name `g` meant walking up the chain at every release, quadratic when a deep chain
    /// unwinds.)
    fn free_private(&mut self, g: ObjRef) {
        // Its box is kept for the next generator while it is in cache (boxes of generators the
        // collector frees are cold, and keeping those was no faster).
        if let HeapObj::Generator(b) = self.heap.free_now(g) {
            if self.gen_boxes.len() < GEN_BOX_POOL {
                self.gen_boxes.push(b);
            }
        }
    }

    /// Takes delegator `p`'s parked frame to continue it after its delegate (whose frame is
    /// `f`, and whose `delegator` link the caller has cleared) finished, with the chain's
    /// link; the delegate is popped from its stack.
    fn resume_delegator(&mut self, f: &Frame, p: ObjRef, root: ObjRef) -> Result<Box<Frame>, Exc> {
        let (pf, serial) = match self.gen_mut(p) {
            Some(x) => {
                x.delegate = None;
                x.state = GenState::Running;
                (x.frame.take(), x.serial)
            }
            None => (None, 0),
        };
        let Some(mut pf) = pf else {
            return Err(self.runtime_error("delegating generator lost its frame"));
        };
        pf.stack.pop();
        pf.link = f.link;
        pf.root = f.root;
        pf.closing = f.closing && p != root;
        if p == root {
            self.cache_leaf(root, None, 0);
        } else {
            self.cache_leaf(root, Some(p), serial);
        }
        Ok(pf)
    }

    /// A generator frame ends with an exception: the generator is finished, and a StopIteration
    /// escaping it becomes RuntimeError (PEP 479).
    pub(crate) fn generator_finished_with_error(&mut self, g: ObjRef, err: Exc) -> Exc {
        let delegator = self.gen(g).and_then(|x| x.delegator);
        self.finish_generator(g);
        if let Some(x) = self.gen_mut(g) {
            x.delegator = delegator;
        }
        if self.exc_is(err, ExcKind::StopIteration) {
            let e = self.runtime_error("generator raised StopIteration");
            if let Some(x) = self.exc_obj_mut(e) {
                x.cause = Value::Obj(err.0);
                x.context = Value::Obj(err.0);
                x.suppress_context = true;
            }
            return e;
        }
        err
    }

    /// If the finished frame `f` of generator `g` was running as a chain's delegate, the frame
    /// of its delegator (where the exception continues).
    pub(crate) fn take_delegator_frame(&mut self, f: &Frame, g: ObjRef) -> Result<Option<Box<Frame>>, Exc> {
        let root = f.root.unwrap_or(g);
        let delegator = self.gen(g).and_then(|x| x.delegator);
        if let Some(x) = self.gen_mut(g) {
            x.delegator = None;
        }
        match delegator {
            Some(p) if root != g => Ok(Some(self.resume_delegator(f, p, root)?)),
            _ => Ok(None),
        }
    }

    /// `YieldFrom` in the running generator frame: stack holds the iterator `it`; `sent` was
    /// popped. `start` is the instruction's own offset, where the frame parks.
    #[inline(never)]
    pub(crate) fn yield_from(&mut self, f: &mut Box<Frame>, it: Value, sent: Value, start: usize) -> Result<Flow, Exc> {
        let Some(p) = f.gen else {
            return Err(self.runtime_error("yield from outside a generator frame"));
        };
        let d = match it {
            Value::Obj(r) if matches!(self.heap.get(r), HeapObj::Generator(_)) => r,
            _ => return self.yield_from_iterator(f, it, sent, start),
        };
        let depth = self.gen(p).map(|x| x.chain_depth).unwrap_or(0) + 1;
        let too_deep = self.frames.len() + depth as usize + 2 > self.recursion_limit;
        // The delegate, looked up once: checked, then started or resumed as `p`'s delegate.
        let HeapObj::Generator(x) = self.heap.get_mut(d) else {
            return Err(self.runtime_error("yield from lost its delegate"));
        };
        let state = x.state;
        match state {
            GenState::Running => return Err(self.value_error("generator already executing")),
            GenState::Done => {
                f.stack.pop();
                f.stack.push(Value::None);
                return Ok(Flow::Next);
            }
            GenState::Created if !sent.is_none() => {
                return Err(self.type_error("can't send non-None value to a just-started generator"));
            }
            _ if too_deep => return Err(self.exc_msg(ExcKind::RecursionError, "maximum recursion depth exceeded")),
            _ => {}
        }
        let Some(mut df) = x.frame.take() else {
            return Err(self.value_error("generator already executing"));
        };
        x.chain_depth = depth;
        x.delegator = Some(p);
        x.state = GenState::Running;
        let serial = x.serial;
        let started = state != GenState::Created;
        let root = f.root.unwrap_or(p);
        df.link = f.link;
        df.root = Some(root);
        df.closing = false;
        f.ip = start;
        let mut pf = std::mem::replace(f, df);
        pf.root = None;
        pf.closing = false;
        if let Some(x) = self.gen_mut(p) {
            x.delegate = Some(d);
            x.frame = Some(pf);
            if p != root {
                x.state = GenState::Suspended;
            }
        }
        self.cache_leaf(root, Some(d), serial);
        if started {
            f.stack.push(sent);
        }
        Ok(Flow::Next)
    }

    /// `yield from` over a non-generator iterator: each item is yielded out of this frame.
    fn yield_from_iterator(&mut self, f: &mut Box<Frame>, it: Value, sent: Value, start: usize) -> Result<Flow, Exc> {
        if !sent.is_none() {
            let t = self.type_name(it);
            return Err(self.attribute_error(&format!("'{t}' object has no attribute 'send'")));
        }
        let Value::Obj(r) = it else {
            let t = self.type_name(it);
            return Err(self.type_error(&format!("'{t}' object is not an iterator")));
        };
        match self.iter_next_native(r)? {
            Some(v) => {
                f.ip = start;
                self.do_yield(f, v)
            }
            None => {
                f.stack.pop();
                f.stack.push(Value::None);
                Ok(Flow::Next)
            }
        }
    }

    /// A frame with nothing in it, left behind where a frame was moved out.
    pub(crate) fn placeholder_frame(&mut self) -> Box<Frame> {
        let code = self.placeholder_code.clone();
        let mut f = self.pooled_frame(&code, self.builtins);
        f.code = code;
        f.link = Link::Host;
        f
    }
}
