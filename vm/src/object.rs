//! Heap object layouts: strings, big ints, containers, functions, cells, generators, exceptions,
//! classes, modules and the iterator kinds the VM implements natively.

use crate::dict::Dict;
use crate::frame::Frame;
use crate::value::{ObjRef, Value};
use coro_compiler::Code;
use num_bigint::BigInt;
use std::cell::Cell;
use std::rc::Rc;

/// A native function: receives positional args, then keyword values named by `kwnames`.
pub type NativeFn = fn(&mut crate::Vm, &[Value], &[Value]) -> Result<crate::interp::Ret, crate::Exc>;

/// A heap object.
///
/// `repr(u8)` gives it an explicit tag byte: with the compiler's layout the variant was kept in
/// the spare values of a `Vec`'s capacity, and every `match` on an object decoded it with eight
/// instructions (a constant, an add, a xor, a test, a conditional move, a compare) where a byte
/// compare does. The variants' fields are laid out so that it stays 40 bytes.
#[repr(u8)]
pub enum HeapObj {
    Str(StrObj),
    BigInt(Box<BigInt>),
    List(Vec<Value>),
    Tuple(Box<[Value]>),
    Dict(Box<Dict>),
    Set(Box<crate::set::SetTable>),
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    Slice(Box<[Value; 3]>),
    Function(Box<Function>),
    Builtin(Box<Builtin>),
    BoundMethod {
        func: Value,
        this: Value,
    },
    Cell(Value),
    Code(Rc<LoadedCode>),
    Generator(Box<Generator>),
    Exception(Box<ExcObj>),
    Class(Box<Class>),
    Module(Box<Module>),
    Iter(IterState),
    DictView {
        dict: ObjRef,
        kind: u8,
    },
    /// A `range` whose bounds do not all fit in i64: start, stop, step.
    BigRange(Box<[BigInt; 3]>),
    /// An instance of a user class (or of `object`, `traceback`, NotImplemented): its class
    /// and its own attributes, in `values` by the class's layout until something needs them
    /// in a dict, then in `dict` (see `instance.rs`).
    Instance {
        class: ObjRef,
        dict: Option<ObjRef>,
        values: Vec<Value>,
    },
    /// `classmethod(f)`
    ClassMethod(Value),
    /// `staticmethod(f)`
    StaticMethod(Value),
    /// `property(fget, fset, fdel, doc)`, then its name (see `classes::PROPERTY_NAME`).
    Property(Box<[Value; 5]>),
    /// `super(class, obj)`
    Super {
        class: ObjRef,
        this: Value,
    },
    /// `collections.deque`.
    Deque(Box<crate::deque::DequeObj>),
    /// A slot on the free list.
    Free,
}

/// A Python `str`: UTF-8 text, its length in characters, and a lazily computed hash.
pub struct StrObj {
    pub s: Box<str>,
    pub chars: u32,
    pub hash: Cell<u64>,
}

impl StrObj {
    pub fn new(s: Box<str>) -> Self {
        let chars = s.chars().count() as u32;
        StrObj { s, chars, hash: Cell::new(0) }
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.chars as usize == self.s.len()
    }
}

/// A code object as the VM runs it: the compiled `Code` with its constants and names already
/// turned into values. Loaded codes are immortal (the collector treats them as roots).
pub struct LoadedCode {
    /// The instruction bytes (a copy of `code.code`, one indirection closer to the loop), then
    /// one undecodable pad byte.
    pub bytes: Box<[u8]>,
    pub code: Rc<Code>,
    pub consts: Vec<Value>,
    /// Interned name strings, by name index.
    pub names: Vec<Value>,
    pub name: Value,
    pub qualname: Value,
    /// Locals plus operand stack: the size a frame's stack vector needs.
    pub frame_size: usize,
    /// For the commonest function, one called with exactly its positional parameters and
    /// without cells (not a generator, no `*args`, `**kwargs`, keyword-only parameters, cell or
    /// free variables): its parameter count, so a call can check the arguments in one
    /// comparison. `usize::MAX` for every other code.
    pub simple_argcount: usize,
    /// The same for a generator function of the program (not the prelude's, whose generators
    /// have type names of their own): calling it with exactly its positional parameters makes
    /// a generator whose frame needs nothing but the arguments. `usize::MAX` otherwise.
    pub generator_argcount: usize,
    /// One inline cache per name for `LoadGlobal`: valid while both dicts keep their versions.
    pub global_cache: Box<[std::cell::Cell<GlobalCache>]>,
    /// Inline caches per name for `LoadMethod` on builtin types. Two classes per name, most
    /// recent first, so `lst.append(x)` and `dq.append(x)` in one function both hit.
    pub method_cache: Box<[std::cell::Cell<[MethodCache; 2]>]>,
    /// Inline caches per name for `LoadMethod` on instances of user classes (two classes each).
    pub instance_method_cache: Box<[std::cell::Cell<[InstanceMethodCache; 2]>]>,
    /// Inline caches per name for `LoadAttr`/`StoreAttr` on instances of user classes (two
    /// classes each).
    pub attr_cache: Box<[std::cell::Cell<[AttrCache; 2]>]>,
}

/// Where an attribute sits in instances' values: for instances of `class`, while the class
/// epoch is `epoch` (so the class still has no property under the name), the name is at
/// `index` in the class layout (see `instance.rs`).
#[derive(Clone, Copy, Default)]
pub struct AttrCache {
    pub class: Option<ObjRef>,
    pub epoch: u64,
    pub index: usize,
}

/// A Python method found by `LoadMethod` on an instance: for instances of `class`, while the
/// class epoch is `epoch`, the method is `method` unless the instance has an attribute of that
/// name. The first `clean` names of the class layout are not the name, so an instance with no
/// more values than that (and no dict) cannot have one.
#[derive(Clone, Copy)]
pub struct InstanceMethodCache {
    pub class: Option<ObjRef>,
    pub epoch: u64,
    pub method: Value,
    pub clean: u32,
}

impl Default for InstanceMethodCache {
    fn default() -> Self {
        InstanceMethodCache { class: None, epoch: 0, method: Value::Undef, clean: 0 }
    }
}

/// A method `LoadMethod` found in a class's own dict (a builtin type's, or a user subclass of
/// one): for objects of `class`, while the class epoch is `epoch` (no class dict has changed
/// and no collection has run since), the method is `method`.
#[derive(Clone, Copy)]
pub struct MethodCache {
    pub class: Option<ObjRef>,
    pub epoch: u64,
    pub method: Value,
}

impl Default for MethodCache {
    fn default() -> Self {
        MethodCache { class: None, epoch: 0, method: Value::Undef }
    }
}

/// A cached global name: where its entry sits in the globals dict (or, when the name is not a
/// global, in the builtins dict), valid while the dicts' keys do not change.
#[derive(Clone, Copy, Default)]
pub struct GlobalCache {
    pub globals: Option<ObjRef>,
    pub globals_version: u64,
    /// Set when the name was found in builtins (and is absent from globals).
    pub builtins_version: Option<u64>,
    pub index: usize,
}

pub struct Function {
    pub code: Rc<LoadedCode>,
    pub globals: ObjRef,
    pub name: Value,
    pub qualname: Value,
    pub defaults: Vec<Value>,
    /// Keyword-only defaults (a dict), or Undef.
    pub kwdefaults: Value,
    pub closure: Box<[ObjRef]>,
    pub module: Value,
    /// Attribute dict (`f.x = 1`), created on first store.
    pub dict: Option<ObjRef>,
    /// `__annotations__` (a dict), or Undef until asked for (then an empty dict).
    pub annotations: Value,
}

pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    /// The bound receiver for `obj.method` values; `Undef` for plain functions.
    pub this: Value,
    /// For methods, the class the method belongs to (for error messages).
    pub owner: &'static str,
    /// A method the inner loop runs itself when its arguments are the common ones.
    pub fast: FastMethod,
}

/// The builtin methods of a scheduler's hot path that the inner loop's `CallMethod` runs
/// without the native call (`Vm::fast_method`); anything unusual about a call (another
/// receiver type, an empty container, other arguments) takes the native.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FastMethod {
    No,
    ListAppend,
    ListPop,
    DequeAppend,
    DequePopleft,
    GeneratorSend,
}

impl FastMethod {
    /// The fast kind of builtin method `name` of class `cls`.
    pub fn of(t: &crate::types::Types, cls: ObjRef, name: &str) -> FastMethod {
        match name {
            "append" if cls == t.list => FastMethod::ListAppend,
            "pop" if cls == t.list => FastMethod::ListPop,
            "append" if cls == t.deque => FastMethod::DequeAppend,
            "popleft" if cls == t.deque => FastMethod::DequePopleft,
            "send" if cls == t.generator => FastMethod::GeneratorSend,
            _ => FastMethod::No,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenState {
    Created,
    Suspended,
    Running,
    Done,
}

pub struct Generator {
    pub state: GenState,
    /// The suspended frame; `None` while running (the frame is on the frame stack) or done.
    pub frame: Option<Box<Frame>>,
    /// Its `__name__` and `__qualname__` (strings: references, not values, keep the generator
    /// to 96 bytes).
    pub name: ObjRef,
    pub qualname: ObjRef,
    pub code: Rc<LoadedCode>,
    /// The generator this one is delegating to with `yield from`, while suspended in it.
    pub delegate: Option<ObjRef>,
    /// The generator that delegates to this one.
    pub delegator: Option<ObjRef>,
    /// For a chain root: the innermost delegate, valid while `leaf_epoch` matches the VM's
    /// and the generator in that slot is still the one cached (its `serial` is `leaf_serial`).
    pub leaf: Option<ObjRef>,
    pub leaf_epoch: u64,
    pub leaf_serial: u64,
    /// This generator's number among all the VM has made: a cached leaf whose slot was freed
    /// and reused by another generator is told apart by it.
    pub serial: u64,
    /// Shown as the type name in repr (`<map object ...>`) for builtins written in Python.
    pub type_name: Option<&'static str>,
    /// How many generators delegate to this one: resuming it costs CPython that much native
    /// recursion, so it counts toward the recursion limit here too.
    pub chain_depth: u32,
    /// Made for a `yield from` straight from the call that made it (`yield from f(...)`, or
    /// `yield from obj` through a generator `__iter__`), so that its delegator's stack holds
    /// the only reference to it: when it returns to its delegator, its slot is freed at once
    /// (`Vm::free_private`). Cleared if anything hands the reference out (`gi_yieldfrom`).
    pub private: bool,
}

pub struct ExcObj {
    pub class: ObjRef,
    pub args: Value,
    /// Frames the exception passed through, innermost first: (code, line).
    pub traceback: Vec<(Rc<LoadedCode>, u32)>,
    /// The activation that added the last traceback entry, so a re-raise in the same frame
    /// does not repeat it.
    pub last_activation: usize,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
    /// Extra attributes (StopIteration.value, user-set attributes).
    pub dict: Option<ObjRef>,
}

/// A class: builtin types and exception classes (user classes come with the class statement).
pub struct Class {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub module: Rc<str>,
    pub bases: Vec<ObjRef>,
    pub mro: Vec<ObjRef>,
    pub dict: ObjRef,
    pub kind: TypeKind,
    /// Made by a class statement (CPython's heap types): instances are created by
    /// `Vm::instantiate`, and the class's attributes can be set.
    pub heap_type: bool,
    /// Which special methods the class's MRO defines (`special::bits`); 0 for builtin classes.
    pub specials: u64,
    /// The class's metaclass when it is a user subclass of `type` (None: `type`).
    pub metaclass: Option<ObjRef>,
    /// The names of its instances' attributes, in the order they were first given: positions
    /// in the instances' values (see `instance.rs`).
    pub layout: Vec<Value>,
    /// `Vm::generator_iter_method`'s answer for the class's instances while the class epoch is
    /// the first number (Undef: `__iter__` is not a generator function).
    pub iter_cache: Cell<(u64, Value)>,
}

/// What a builtin class's instances are, so `type(x)`, `isinstance` and constructors can
/// dispatch without string comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    Range,
    Slice,
    Function,
    Builtin,
    Method,
    Cell,
    Code,
    Generator,
    Module,
    Iterator,
    DictView,
    Ellipsis,
    /// An exception class (BaseException or a subclass).
    Exception,
    ClassMethod,
    StaticMethod,
    Property,
    Super,
    /// `collections.deque`.
    Deque,
}

pub struct Module {
    pub name: Rc<str>,
    pub dict: ObjRef,
}

/// Natively implemented iterators.
pub enum IterState {
    /// list, tuple and dict-key/value/item views snapshot their container by reference.
    Seq {
        seq: ObjRef,
        index: usize,
        /// Made by a `for` loop's `GetIter` for itself: nothing but the loop's stack slot
        /// refers to it, and it is freed when the loop runs out (not when it is left early).
        private: bool,
    },
    Str {
        s: ObjRef,
        byte: usize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// Dict iteration: `kind` 0 keys, 1 values, 2 items; `len` detects size changes.
    Dict {
        dict: ObjRef,
        index: usize,
        kind: u8,
        len: usize,
    },
    Set {
        set: ObjRef,
        index: usize,
        len: usize,
    },
    /// `reversed(list or tuple)`: `index` counts down to 0.
    Reversed {
        seq: ObjRef,
        index: usize,
    },
    /// Iteration over a range with big-int bounds: next, stop, step.
    BigRange(Box<[BigInt; 3]>),
    /// Iteration over a deque (`reversed(d)` when `reverse`): the position of the next item, how
    /// many remain, and the deque's mutation count when iteration began.
    Deque {
        deque: ObjRef,
        index: usize,
        remaining: usize,
        state: u64,
        reverse: bool,
    },
    Exhausted,
}

/// A dict view object (`d.keys()` etc.): kind as in `IterState::Dict`.
pub const VIEW_KEYS: u8 = 0;
pub const VIEW_VALUES: u8 = 1;
pub const VIEW_ITEMS: u8 = 2;

#[cfg(test)]
mod layout_tests {
    #[test]
    fn heap_objects_stay_40_bytes() {
        assert_eq!(std::mem::size_of::<super::HeapObj>(), 40);
    }

    #[test]
    fn generators_stay_96_bytes() {
        // 96 is an allocator size class; at 120 a generator took a 128-byte block (a million
        // suspended generators held 16 MB more).
        assert!(std::mem::size_of::<super::Generator>() <= 96);
    }
}
