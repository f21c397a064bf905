//! The builtin classes (`int`, `str`, `list`, `generator`, ...) and the exception hierarchy, created
//! once at VM start-up, and `class_of`/`isinstance` over them. Exception classes come from one
//! table (`exceptions!`), so a name, its base and its `ExcKind` are written once.

use crate::dict::Dict;
use crate::heap::Heap;
use crate::object::{Class, HeapObj, TypeKind};
use crate::value::{ObjRef, Value};
use crate::Vm;

macro_rules! exceptions {
    ($($name:ident : $base:ident,)*) => {
        /// Builtin exception classes; `vm.types.exc(kind)` gives the class object.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum ExcKind { BaseException, $($name,)* }

        impl ExcKind {
            pub const ALL: &'static [ExcKind] = &[ExcKind::BaseException, $(ExcKind::$name,)*];

            pub fn name(self) -> &'static str {
                match self { ExcKind::BaseException => "BaseException", $(ExcKind::$name => stringify!($name),)* }
            }

            pub fn base(self) -> Option<ExcKind> {
                match self { ExcKind::BaseException => None, $(ExcKind::$name => Some(ExcKind::$base),)* }
            }
        }
    };
}

exceptions! {
    SystemExit: BaseException,
    KeyboardInterrupt: BaseException,
    GeneratorExit: BaseException,
    Exception: BaseException,
    StopIteration: Exception,
    ArithmeticError: Exception,
    ZeroDivisionError: ArithmeticError,
    OverflowError: ArithmeticError,
    LookupError: Exception,
    IndexError: LookupError,
    KeyError: LookupError,
    ValueError: Exception,
    TypeError: Exception,
    NameError: Exception,
    UnboundLocalError: NameError,
    AttributeError: Exception,
    RuntimeError: Exception,
    RecursionError: RuntimeError,
    NotImplementedError: RuntimeError,
    AssertionError: Exception,
    MemoryError: Exception,
    ImportError: Exception,
    ModuleNotFoundError: ImportError,
    EOFError: Exception,
    OSError: Exception,
    UnicodeError: ValueError,
    SyntaxError: Exception,
    IndentationError: SyntaxError,
    TabError: IndentationError,
    StopAsyncIteration: Exception,
    FloatingPointError: ArithmeticError,
    BufferError: Exception,
    ReferenceError: Exception,
    SystemError: Exception,
    BlockingIOError: OSError,
    ChildProcessError: OSError,
    ConnectionError: OSError,
    BrokenPipeError: ConnectionError,
    ConnectionAbortedError: ConnectionError,
    ConnectionRefusedError: ConnectionError,
    ConnectionResetError: ConnectionError,
    FileExistsError: OSError,
    FileNotFoundError: OSError,
    InterruptedError: OSError,
    IsADirectoryError: OSError,
    NotADirectoryError: OSError,
    PermissionError: OSError,
    ProcessLookupError: OSError,
    TimeoutError: OSError,
    Warning: Exception,
    UserWarning: Warning,
    DeprecationWarning: Warning,
    PendingDeprecationWarning: Warning,
    RuntimeWarning: Warning,
    SyntaxWarning: Warning,
    FutureWarning: Warning,
    ImportWarning: Warning,
    UnicodeWarning: Warning,
    BytesWarning: Warning,
    ResourceWarning: Warning,
    EncodingWarning: Warning,
}

/// Class objects of the builtin types.
pub struct Types {
    pub object: ObjRef,
    pub type_: ObjRef,
    pub none: ObjRef,
    pub bool_: ObjRef,
    pub int: ObjRef,
    pub float: ObjRef,
    pub str_: ObjRef,
    pub list: ObjRef,
    pub tuple: ObjRef,
    pub dict: ObjRef,
    pub set: ObjRef,
    pub range: ObjRef,
    pub slice: ObjRef,
    pub function: ObjRef,
    pub builtin: ObjRef,
    pub method: ObjRef,
    pub cell: ObjRef,
    pub code: ObjRef,
    pub generator: ObjRef,
    pub module: ObjRef,
    pub classmethod: ObjRef,
    pub staticmethod: ObjRef,
    pub property: ObjRef,
    pub super_: ObjRef,
    pub list_iterator: ObjRef,
    pub tuple_iterator: ObjRef,
    pub str_iterator: ObjRef,
    pub range_iterator: ObjRef,
    pub dict_keyiterator: ObjRef,
    pub set_iterator: ObjRef,
    pub reversed: ObjRef,
    pub dict_keys: ObjRef,
    pub dict_values: ObjRef,
    pub dict_items: ObjRef,
    pub ellipsis_type: ObjRef,
    pub ellipsis: ObjRef,
    pub not_implemented_type: ObjRef,
    /// `collections.defaultdict` and `collections.OrderedDict`: dicts whose `Dict::extra` names
    /// the class.
    pub defaultdict: ObjRef,
    pub ordered_dict: ObjRef,
    /// `collections.deque` and its iterators (`_collections._deque_iterator`, ...).
    pub deque: ObjRef,
    pub deque_iterator: ObjRef,
    pub deque_reverse_iterator: ObjRef,
    /// The class of the traceback objects `__exit__` receives (they have no attributes yet).
    pub traceback: ObjRef,
    /// `NotImplemented`: an instance of its own builtin class.
    pub not_implemented: ObjRef,
    pub empty_tuple: ObjRef,
    /// Builtin iterator types that coro implements as Python generators (`map`, `zip`, ...):
    /// their instances are generators whose `type_name` names one of these classes.
    pub lazy_iters: Vec<(&'static str, ObjRef)>,
    exc: Vec<ObjRef>,
}

impl Types {
    pub fn exc(&self, k: ExcKind) -> ObjRef {
        self.exc[k as usize]
    }

    pub fn all_roots(&self) -> Vec<Value> {
        let mut v: Vec<Value> = [
            self.object,
            self.type_,
            self.none,
            self.bool_,
            self.int,
            self.float,
            self.str_,
            self.list,
            self.tuple,
            self.dict,
            self.set,
            self.range,
            self.slice,
            self.function,
            self.builtin,
            self.method,
            self.cell,
            self.code,
            self.generator,
            self.module,
            self.classmethod,
            self.staticmethod,
            self.property,
            self.super_,
            self.list_iterator,
            self.tuple_iterator,
            self.str_iterator,
            self.range_iterator,
            self.dict_keyiterator,
            self.set_iterator,
            self.reversed,
            self.dict_keys,
            self.dict_values,
            self.dict_items,
            self.ellipsis_type,
            self.ellipsis,
            self.not_implemented_type,
            self.traceback,
            self.defaultdict,
            self.ordered_dict,
            self.deque,
            self.deque_iterator,
            self.deque_reverse_iterator,
            self.not_implemented,
            self.empty_tuple,
        ]
        .iter()
        .map(|r| Value::Obj(*r))
        .collect();
        v.extend(self.exc.iter().map(|r| Value::Obj(*r)));
        v.extend(self.lazy_iters.iter().map(|(_, r)| Value::Obj(*r)));
        v
    }
}

fn new_class(heap: &mut Heap, name: &str, bases: &[ObjRef], kind: TypeKind) -> ObjRef {
    let dict = heap.alloc(HeapObj::Dict(Box::new(Dict::new())));
    let mut mro = vec![];
    // Builtin classes have single inheritance, so the MRO is the chain of bases.
    let mut cur = bases.first().copied();
    while let Some(b) = cur {
        mro.push(b);
        cur = match heap.get(b) {
            HeapObj::Class(c) => c.bases.first().copied(),
            _ => None,
        };
    }
    let r = heap.alloc_class(Class {
        name: name.into(),
        qualname: name.into(),
        module: "builtins".into(),
        bases: bases.to_vec(),
        mro: Vec::new(),
        dict,
        kind,
        heap_type: false,
        specials: 0,
        metaclass: None,
        layout: Vec::new(),
        iter_cache: std::cell::Cell::new((u64::MAX, Value::Undef)),
    });
    mro.insert(0, r);
    heap.set_mro(r, mro);
    r
}

/// Creates the builtin classes, the builtins dict and the modules dict.
pub fn bootstrap(heap: &mut Heap) -> (Types, ObjRef, ObjRef) {
    let object = new_class(heap, "object", &[], TypeKind::Object);
    let c = |heap: &mut Heap, name: &str, kind: TypeKind| new_class(heap, name, &[object], kind);
    let type_ = c(heap, "type", TypeKind::Type);
    let int = c(heap, "int", TypeKind::Int);
    let bool_ = new_class(heap, "bool", &[int], TypeKind::Bool);
    let mut exc = Vec::new();
    for k in ExcKind::ALL {
        let base = k.base().map(|b| exc[b as usize]).unwrap_or(object);
        exc.push(new_class(heap, k.name(), &[base], TypeKind::Exception));
    }
    let empty_tuple = heap.alloc(HeapObj::Tuple(Box::new([])));
    let types = Types {
        object,
        type_,
        none: c(heap, "NoneType", TypeKind::NoneType),
        bool_,
        int,
        float: c(heap, "float", TypeKind::Float),
        str_: c(heap, "str", TypeKind::Str),
        list: c(heap, "list", TypeKind::List),
        tuple: c(heap, "tuple", TypeKind::Tuple),
        dict: c(heap, "dict", TypeKind::Dict),
        set: c(heap, "set", TypeKind::Set),
        range: c(heap, "range", TypeKind::Range),
        slice: c(heap, "slice", TypeKind::Slice),
        function: c(heap, "function", TypeKind::Function),
        builtin: c(heap, "builtin_function_or_method", TypeKind::Builtin),
        method: c(heap, "method", TypeKind::Method),
        cell: c(heap, "cell", TypeKind::Cell),
        code: c(heap, "code", TypeKind::Code),
        generator: c(heap, "generator", TypeKind::Generator),
        module: c(heap, "module", TypeKind::Module),
        classmethod: c(heap, "classmethod", TypeKind::ClassMethod),
        staticmethod: c(heap, "staticmethod", TypeKind::StaticMethod),
        property: c(heap, "property", TypeKind::Property),
        super_: c(heap, "super", TypeKind::Super),
        list_iterator: c(heap, "list_iterator", TypeKind::Iterator),
        tuple_iterator: c(heap, "tuple_iterator", TypeKind::Iterator),
        str_iterator: c(heap, "str_ascii_iterator", TypeKind::Iterator),
        range_iterator: c(heap, "range_iterator", TypeKind::Iterator),
        dict_keyiterator: c(heap, "dict_keyiterator", TypeKind::Iterator),
        set_iterator: c(heap, "set_iterator", TypeKind::Iterator),
        reversed: c(heap, "list_reverseiterator", TypeKind::Iterator),
        dict_keys: c(heap, "dict_keys", TypeKind::DictView),
        dict_values: c(heap, "dict_values", TypeKind::DictView),
        dict_items: c(heap, "dict_items", TypeKind::DictView),
        ellipsis_type: c(heap, "ellipsis", TypeKind::Ellipsis),
        ellipsis: empty_tuple,
        not_implemented_type: c(heap, "NotImplementedType", TypeKind::Object),
        defaultdict: empty_tuple,
        ordered_dict: empty_tuple,
        deque: empty_tuple,
        deque_iterator: empty_tuple,
        deque_reverse_iterator: empty_tuple,
        traceback: c(heap, "traceback", TypeKind::Object),
        not_implemented: empty_tuple,
        empty_tuple,
        lazy_iters: crate::builtins::LAZY_ITERATORS
            .iter()
            .map(|(name, _)| (*name, c(heap, name, TypeKind::Iterator)))
            .collect(),
        exc,
    };
    let mut types = types;
    // Ellipsis is a unique object of its own type; an empty Module-free marker object suffices.
    types.ellipsis = heap.alloc(HeapObj::Range { start: 0, stop: 0, step: 0 });
    for (name, slot) in [("defaultdict", &mut types.defaultdict), ("OrderedDict", &mut types.ordered_dict)] {
        let cls = new_class(heap, name, &[types.dict], TypeKind::Dict);
        if let HeapObj::Class(c) = heap.get_mut(cls) {
            c.module = "collections".into();
        }
        *slot = cls;
    }
    for (name, module, kind, slot) in [
        ("deque", "collections", TypeKind::Deque, &mut types.deque),
        ("_deque_iterator", "_collections", TypeKind::Iterator, &mut types.deque_iterator),
        ("_deque_reverse_iterator", "_collections", TypeKind::Iterator, &mut types.deque_reverse_iterator),
    ] {
        let cls = new_class(heap, name, &[types.object], kind);
        if let HeapObj::Class(c) = heap.get_mut(cls) {
            c.module = module.into();
        }
        *slot = cls;
    }
    types.not_implemented =
        heap.alloc(HeapObj::Instance { class: types.not_implemented_type, dict: None, values: Vec::new() });
    let builtins = heap.alloc(HeapObj::Dict(Box::new(Dict::new())));
    let modules = heap.alloc(HeapObj::Dict(Box::new(Dict::new())));
    (types, builtins, modules)
}

/// Registers the builtin methods of every builtin class (from the method tables in `builtins`).
pub fn install_methods(vm: &mut Vm) {
    crate::builtins::install_methods(vm);
}

impl Vm {
    /// The class of a value.
    pub fn class_of(&self, v: Value) -> ObjRef {
        let t = &self.types;
        match v {
            Value::Undef | Value::None => t.none,
            Value::Bool(_) => t.bool_,
            Value::Int(_) => t.int,
            Value::Float(_) => t.float,
            Value::Obj(r) => {
                if r == t.ellipsis {
                    return t.ellipsis_type;
                }
                match self.heap.get(r) {
                    HeapObj::Str(_) => self.derived_class_or(r, t.str_),
                    HeapObj::BigInt(_) => self.derived_class_or(r, t.int),
                    HeapObj::List(_) => self.derived_class_or(r, t.list),
                    HeapObj::Tuple(_) => self.derived_class_or(r, t.tuple),
                    HeapObj::Dict(d) => d.extra.as_ref().map_or(t.dict, |x| x.class),
                    HeapObj::Set(_) => t.set,
                    HeapObj::Range { .. } | HeapObj::BigRange(_) => t.range,
                    HeapObj::Slice(_) => t.slice,
                    HeapObj::Function(_) => t.function,
                    HeapObj::Builtin(_) => t.builtin,
                    HeapObj::BoundMethod { .. } => t.method,
                    HeapObj::Cell(_) => t.cell,
                    HeapObj::Code(_) => t.code,
                    HeapObj::Generator(g) => match g.type_name {
                        Some(name) => {
                            t.lazy_iters.iter().find(|(n, _)| *n == name).map(|(_, c)| *c).unwrap_or(t.generator)
                        }
                        None => t.generator,
                    },
                    HeapObj::Exception(e) => e.class,
                    HeapObj::Class(c) => c.metaclass.unwrap_or(t.type_),
                    HeapObj::Module(_) => t.module,
                    HeapObj::Iter(it) => match *it {
                        crate::object::IterState::Seq { seq, .. } => match self.heap.get(seq) {
                            HeapObj::Tuple(_) => t.tuple_iterator,
                            _ => t.list_iterator,
                        },
                        crate::object::IterState::Str { .. } => t.str_iterator,
                        crate::object::IterState::Range { .. } => t.range_iterator,
                        crate::object::IterState::BigRange(_) => t.range_iterator,
                        crate::object::IterState::Dict { .. } => t.dict_keyiterator,
                        crate::object::IterState::Set { .. } => t.set_iterator,
                        crate::object::IterState::Reversed { .. } => t.reversed,
                        crate::object::IterState::Deque { reverse: false, .. } => t.deque_iterator,
                        crate::object::IterState::Deque { reverse: true, .. } => t.deque_reverse_iterator,
                        crate::object::IterState::Exhausted => t.list_iterator,
                    },
                    HeapObj::DictView { kind, .. } => match *kind {
                        crate::object::VIEW_KEYS => t.dict_keys,
                        crate::object::VIEW_VALUES => t.dict_values,
                        _ => t.dict_items,
                    },
                    HeapObj::Instance { class, .. } => *class,
                    HeapObj::ClassMethod(_) => t.classmethod,
                    HeapObj::StaticMethod(_) => t.staticmethod,
                    HeapObj::Property(_) => t.property,
                    HeapObj::Super { .. } => t.super_,
                    HeapObj::Deque(_) => t.deque,
                    HeapObj::Free => t.none,
                }
            }
        }
    }

    pub fn class(&self, r: ObjRef) -> Option<&Class> {
        match self.heap.get(r) {
            HeapObj::Class(c) => Some(c),
            _ => None,
        }
    }

    /// The type name CPython shows in messages (`'int' object is not callable`).
    pub fn type_name(&self, v: Value) -> String {
        if let Value::Obj(r) = v {
            if let HeapObj::Generator(g) = self.heap.get(r) {
                if let Some(t) = g.type_name {
                    return t.to_string();
                }
            }
        }
        let c = self.class_of(v);
        let t = &self.types;
        if c == t.deque || c == t.deque_iterator || c == t.deque_reverse_iterator {
            // Types defined in C modules are named with their module (`collections.deque`).
            return self.class(c).map(|c| format!("{}.{}", c.module, c.name)).unwrap_or_default();
        }
        self.class(c).map(|c| c.name.to_string()).unwrap_or_else(|| "object".into())
    }

    /// `issubclass(sub, sup)` for class objects.
    pub fn is_subclass(&self, sub: ObjRef, sup: ObjRef) -> bool {
        sub == sup || self.class(sub).map(|c| c.mro.contains(&sup)).unwrap_or(false)
    }

    pub fn isinstance(&self, v: Value, cls: ObjRef) -> bool {
        self.is_subclass(self.class_of(v), cls)
    }

    /// Looks `name` up along a class's MRO. Results are cached (CPython's type attribute cache):
    /// an entry holds while no class dict has changed and no collection has run since.
    #[inline]
    pub fn class_lookup(&self, cls: ObjRef, name: Value) -> Option<Value> {
        let Value::Obj(n) = name else { return self.class_lookup_uncached(cls, name) };
        self.cached_class_lookup(cls, n, |vm| vm.class_lookup_uncached(cls, name))
    }

    /// The cached result of `lookup`, a lookup of the name `key` in `cls` that depends on nothing
    /// but class dicts and MROs. `key` is the interned name, with `SPECIAL_KEY` set for lookups
    /// of special methods (which skip builtin classes).
    #[inline]
    pub(crate) fn cached_class_lookup(
        &self,
        cls: ObjRef,
        key: ObjRef,
        lookup: impl FnOnce(&Self) -> Option<Value>,
    ) -> Option<Value> {
        let epoch = crate::dict::class_epoch();
        let slot = &self.class_cache[class_cache_slot(cls, key)];
        let e = slot.get();
        if e.class == cls && e.name == key && e.epoch == epoch {
            return if e.value.is_undef() { None } else { Some(e.value) };
        }
        let found = lookup(self);
        slot.set(ClassCacheEntry { class: cls, name: key, epoch, value: found.unwrap_or(Value::Undef) });
        found
    }

    fn class_lookup_uncached(&self, cls: ObjRef, name: Value) -> Option<Value> {
        let c = self.class(cls)?;
        for k in &c.mro {
            if let Some(kc) = self.class(*k) {
                if let Some(v) = self.dict_get_str(kc.dict, name) {
                    return Some(v);
                }
            }
        }
        None
    }
}

/// One cached `class_lookup`: `value` is Undef when the name was not found.
#[derive(Clone, Copy)]
pub struct ClassCacheEntry {
    class: ObjRef,
    name: ObjRef,
    epoch: u64,
    value: Value,
}

const CLASS_CACHE_BITS: u32 = 12;

/// Marks a `cached_class_lookup` key as a special-method lookup (heap indices stay far below).
pub(crate) const SPECIAL_KEY: u32 = 1 << 31;

pub(crate) fn new_class_cache() -> Box<[std::cell::Cell<ClassCacheEntry>]> {
    // Epoch u64::MAX is never current, so every slot starts empty.
    let empty = ClassCacheEntry { class: ObjRef(0), name: ObjRef(0), epoch: u64::MAX, value: Value::Undef };
    (0..1usize << CLASS_CACHE_BITS).map(|_| std::cell::Cell::new(empty)).collect()
}

#[inline]
fn class_cache_slot(cls: ObjRef, name: ObjRef) -> usize {
    let h = (cls.0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (name.0 as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (h >> (64 - CLASS_CACHE_BITS)) as usize
}
