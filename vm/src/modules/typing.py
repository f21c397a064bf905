# The body of coro's `typing` (CPython's is Python too): the common names, subscriptable, with
# CPython's reprs. Nothing checks annotations at run time, in coro as in CPython. Forms that
# need what coro lacks (TypedDict) are refused by name.

import collections as _collections

TYPE_CHECKING = False
_NoneType = type(None)


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return obj.__module__ + "." + obj.__qualname__
    if obj is ...:
        return "..."
    if type(obj) is _FunctionType:
        return obj.__name__
    return repr(obj)


def _type_convert(arg):
    if arg is None:
        return _NoneType
    if type(arg) is str:
        return ForwardRef(arg)
    return arg


def _params(params):
    if type(params) is not tuple:
        params = (params,)
    return params


class ForwardRef:
    """An annotation given as a string, kept unevaluated."""

    def __init__(self, arg):
        if type(arg) is not str:
            raise TypeError("Forward reference must be a string -- got " + repr(arg))
        self.__forward_arg__ = arg

    def __repr__(self):
        return "ForwardRef(" + repr(self.__forward_arg__) + ")"


class TypeVar:
    """A placeholder for a type in generic classes and functions."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        self.__name__ = name
        self.__constraints__ = tuple(_type_convert(c) for c in constraints)
        self.__bound__ = None if bound is None else _type_convert(bound)
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)

    def __repr__(self):
        if self.__covariant__:
            prefix = "+"
        elif self.__contravariant__:
            prefix = "-"
        else:
            prefix = "~"
        return prefix + self.__name__


class _GenericAlias:
    """A subscripted generic: List[int], Optional[str], Box[T]."""

    def __init__(self, origin, args, name=None):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name

    def __repr__(self):
        if self._name is None:
            head = _type_repr(self.__origin__)
        else:
            head = "typing." + self._name
        if self._name == "Callable" and len(self.__args__) >= 1:
            *params, result = self.__args__
            if len(params) == 1 and params[0] is ...:
                inner = "..."
            else:
                inner = "[" + ", ".join([_type_repr(a) for a in params]) + "]"
            return head + "[" + inner + ", " + _type_repr(result) + "]"
        if self._name == "Optional":
            return head + "[" + _type_repr(self.__args__[0]) + "]"
        if not self.__args__:
            return head + "[()]"
        if self._name == "Literal":
            return head + "[" + ", ".join([repr(a) for a in self.__args__]) + "]"
        return head + "[" + ", ".join([_type_repr(a) for a in self.__args__]) + "]"

    def __call__(self, *args, **kwargs):
        if self._name is not None and self.__origin__ is not None:
            raise TypeError(
                "Type " + self._name + " cannot be instantiated; use " + self.__origin__.__name__ + "() instead"
            )
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class _SpecialGenericAlias:
    """An unsubscripted generic alias of a class: List, Dict, Iterator..."""

    def __init__(self, origin, name, nparams):
        self.__origin__ = origin
        self._name = name
        self._nparams = nparams

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        params = tuple(_type_convert(p) for p in _params(params))
        if self._nparams >= 0 and len(params) != self._nparams:
            many = "many" if len(params) > self._nparams else "few"
            raise TypeError(
                "Too " + many + " arguments for typing." + self._name + "; actual " + str(len(params))
                + ", expected " + str(self._nparams)
            )
        return _GenericAlias(self.__origin__, params, self._name)

    def __call__(self, *args, **kwargs):
        if self.__origin__ is None:
            raise TypeError("Type " + self._name + " cannot be instantiated")
        raise TypeError("Type " + self._name + " cannot be instantiated; use " + self.__origin__.__name__ + "() instead")

    def __mro_entries__(self, bases):
        if self.__origin__ is None:
            raise TypeError("coro: subclassing typing." + self._name + " is not supported yet")
        return (self.__origin__,)


class _TupleAlias(_SpecialGenericAlias):
    def __getitem__(self, params):
        if params == ():
            return _GenericAlias(tuple, (), "Tuple")
        params = tuple(_type_convert(p) if p is not ... else p for p in _params(params))
        return _GenericAlias(tuple, params, "Tuple")


class _CallableAlias(_SpecialGenericAlias):
    def __getitem__(self, params):
        if type(params) is not tuple or len(params) != 2:
            raise TypeError("Callable must be used as Callable[[arg, ...], result].")
        args, result = params
        if args is ...:
            return _GenericAlias(None, (..., _type_convert(result)), "Callable")
        if type(args) is not list:
            raise TypeError("Callable[args, result]: args must be a list. Got " + _type_repr(args))
        return _GenericAlias(None, tuple(_type_convert(a) for a in args) + (_type_convert(result),), "Callable")


class _SpecialForm:
    """Any, Union, Optional, ClassVar, ...: only subscripted (or not at all)."""

    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError(repr(self) + " is not subscriptable")
        return self._getitem(self, params)

    def __call__(self, *args, **kwargs):
        if self._name == "Any":
            raise TypeError("Any cannot be instantiated")
        raise TypeError("Cannot instantiate " + repr(self))


def _union(self, params):
    args = []
    for p in _params(params):
        p = _type_convert(p)
        if type(p) is _GenericAlias and p._name in ("Union", "Optional"):
            items = p.__args__
        else:
            items = (p,)
        for a in items:
            if a not in args:
                args.append(a)
    if not args:
        raise TypeError("Cannot take a Union of no types.")
    if len(args) == 1:
        return args[0]
    name = "Union"
    if len(args) == 2 and _NoneType in args:
        name = "Optional"
        args = [a for a in args if a is not _NoneType] + [_NoneType]
    return _GenericAlias(None, tuple(args), name)


def _optional(self, params):
    return _union(self, (params, None))


def _one(self, params):
    return _GenericAlias(None, (_type_convert(params),), self._name)


def _literal(self, params):
    return _GenericAlias(None, _params(params), "Literal")


Any = _SpecialForm("Any")
NoReturn = _SpecialForm("NoReturn")
Never = _SpecialForm("Never")
Self = _SpecialForm("Self")
LiteralString = _SpecialForm("LiteralString")
TypeAlias = _SpecialForm("TypeAlias")
Union = _SpecialForm("Union", _union)
Optional = _SpecialForm("Optional", _optional)
ClassVar = _SpecialForm("ClassVar", _one)
Final = _SpecialForm("Final", _one)
TypeGuard = _SpecialForm("TypeGuard", _one)
Literal = _SpecialForm("Literal", _literal)

List = _SpecialGenericAlias(list, "List", 1)
Dict = _SpecialGenericAlias(dict, "Dict", 2)
Set = _SpecialGenericAlias(set, "Set", 1)
Type = _SpecialGenericAlias(type, "Type", 1)
Tuple = _TupleAlias(tuple, "Tuple", -1)
Callable = _CallableAlias(None, "Callable", -1)
Deque = _SpecialGenericAlias(_collections.deque, "Deque", 1)
Text = str

for _name, _n in [
    ("Iterable", 1), ("Iterator", 1), ("Generator", 3), ("Coroutine", 3), ("Awaitable", 1),
    ("AsyncIterable", 1), ("AsyncIterator", 1), ("AsyncGenerator", 2), ("Sequence", 1),
    ("MutableSequence", 1), ("Mapping", 2), ("MutableMapping", 2), ("Collection", 1),
    ("Container", 1), ("Reversible", 1), ("AbstractSet", 1), ("MutableSet", 1), ("KeysView", 1),
    ("ValuesView", 1), ("ItemsView", 2), ("ContextManager", 1), ("AsyncContextManager", 1),
    ("Hashable", 0), ("Sized", 0), ("SupportsInt", 0), ("SupportsFloat", 0), ("SupportsAbs", 1),
    ("SupportsIndex", 0), ("SupportsRound", 1),
]:
    globals()[_name] = _SpecialGenericAlias(None, _name, _n)
del _name, _n


class Generic:
    """The base that makes a class subscriptable with type parameters."""

    def __class_getitem__(cls, params):
        params = tuple(_type_convert(p) for p in _params(params))
        if cls is Generic or cls is Protocol:
            for p in params:
                if type(p) is not TypeVar:
                    raise TypeError("Parameters to " + cls.__name__ + "[...] must all be type variables")
            return _GenericAlias(cls, params, cls.__name__)
        return _GenericAlias(cls, params)


class Protocol(Generic):
    """The base of structural interfaces (checked only by static tools)."""


def cast(typ, val):
    """Cast a value to a type (returns the value unchanged)."""
    return val


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            "You should not call an overloaded function. A series of @typing.overload-decorated functions "
            "outside a stub module should always be followed by an implementation that is not "
            "@typing.overload-decorated."
        )

    return _overload_dummy


def final(f):
    return f


def no_type_check(arg):
    return arg


def runtime_checkable(cls):
    return cls


def get_origin(tp):
    if type(tp) is _GenericAlias:
        if tp._name in ("Union", "Optional"):
            return Union
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if type(tp) is _GenericAlias:
        if tp._name == "Callable" and tp.__args__ and tp.__args__[0] is not ...:
            return (list(tp.__args__[:-1]), tp.__args__[-1])
        return tp.__args__
    return ()


# ----- NamedTuple -----------------------------------------------------------------------------
# Both forms make a collections named tuple class that also records the field annotations:
# `NamedTuple("P", [("x", int)])` directly, and `class P(NamedTuple): x: int` through the
# class statement. There, NamedTuple.__mro_entries__ puts _NamedTuple in the bases; its
# metaclass, NamedTupleMeta, then gets the class body and returns the named tuple class
# itself (a direct subclass of tuple) rather than a subclass of _NamedTuple.

# Names a NamedTuple class body may not define, because the named tuple already does.
_NT_RESERVED = (
    "__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make",
    "_replace", "_asdict", "_source",
)
# Entries of the class body that are not copied onto the class.
_NT_NOT_COPIED = ("__module__", "__name__", "__annotations__")


def _typed_namedtuple(typename, pairs, module, defaults=(), bases=(tuple,), body=None):
    # `pairs` are (field, annotation); `body` is the class statement's namespace, if any.
    # As in CPython, the pairs are iterated twice.
    names = [name for name, hint in pairs]
    hints = {name: hint for name, hint in pairs}
    typename, fields = _collections._nt_fields(typename, names, False)
    attrs = _collections._nt_namespace(typename, fields, defaults, module)
    attrs["__annotations__"] = hints
    if body is not None:
        for key in body:
            if key in _NT_RESERVED:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            if key in _NT_NOT_COPIED or key in fields:
                continue
            attrs[key] = body[key]
    return type.__new__(type, typename, bases, attrs)


def _field_defaults_of(hints, body):
    # The fields given a value in the class body; once one has a value, all later ones need one.
    named = []
    for field in hints:
        if field in body:
            named.append(field)
            continue
        if named:
            which = "fields " if len(named) > 1 else "field "
            raise TypeError(
                "Non-default namedtuple field " + field + " cannot follow default " + which + ", ".join(named)
            )
    return named


class NamedTupleMeta(type):
    def __new__(cls, typename, bases, ns):
        for base in bases:
            if base is not _NamedTuple and base is not Generic:
                raise TypeError("can only inherit from a NamedTuple type and Generic")
        hints = ns.get("__annotations__", {})
        defaulted = _field_defaults_of(hints, ns)
        values = [ns[field] for field in defaulted]
        real_bases = tuple([tuple if base is _NamedTuple else base for base in bases])
        return _typed_namedtuple(typename, hints.items(), ns["__module__"], values, real_bases, ns)


def NamedTuple(typename, fields=None, /, **kwargs):
    """A collections.namedtuple class whose fields carry type annotations."""
    if fields is not None and kwargs:
        raise TypeError("Either list of fields or keywords can be provided to NamedTuple, not both")
    pairs = kwargs.items() if fields is None else fields
    return _typed_namedtuple(typename, pairs, _caller_module())


_NamedTuple = type.__new__(NamedTupleMeta, "NamedTuple", (), {})


def _nt_class_bases(bases):
    return (_NamedTuple,)


NamedTuple.__mro_entries__ = _nt_class_bases

Counter = _SpecialGenericAlias(_collections.Counter, "Counter", 1)
DefaultDict = _SpecialGenericAlias(_collections.defaultdict, "DefaultDict", 2)
OrderedDict = _SpecialGenericAlias(_collections.OrderedDict, "OrderedDict", 2)
