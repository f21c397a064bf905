# collections.namedtuple. A named tuple class derives from tuple (vm/src/derived.rs), so its
# instances are tuples; each field is a read-only property (_tuplegetter) over one index.
#
# CPython compiles a __new__ whose signature lists the fields. coro has no eval(), so the
# __new__ made here accepts *args and **kwargs and matches them to the fields itself, failing
# with the TypeError (same text, same precedence) that the real signature would give.
# typing.NamedTuple builds its classes from _nt_fields and _nt_namespace below.

# The words str.isidentifier() accepts but Python reserves (keyword.kwlist).
_RESERVED = set(
    "False None True and as assert async await break class continue def del elif else except"
    " finally for from global if import in is lambda nonlocal not or pass raise return try"
    " while with yield".split()
)


def _quote_all(names):
    # 'a'  /  'a' and 'b'  /  'a', 'b', and 'c'
    quoted = ["'" + name + "'" for name in names]
    if len(quoted) < 3:
        return " and ".join(quoted)
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def _match_arguments(owner, fields, defaults, args, kwargs):
    # The field values of a call __new__(cls, *args, **kwargs), as a tuple. Errors come in the
    # order a compiled signature reports them: the first bad keyword, then too many
    # positional arguments, then the required fields nobody supplied.
    given = len(args)
    for key in kwargs:
        if key == "_cls" or (key in fields and fields.index(key) < given):
            raise TypeError(owner + "() got multiple values for argument '" + key + "'")
        if key not in fields:
            raise TypeError(owner + "() got an unexpected keyword argument '" + key + "'")
    # Counts below include the class, which __new__ receives first.
    most = len(fields) + 1
    if given + 1 > most:
        fewest = most - len(defaults)
        if fewest == most:
            takes = str(most) + (" positional argument" if most == 1 else " positional arguments")
        else:
            takes = "from " + str(fewest) + " to " + str(most) + " positional arguments"
        raise TypeError(owner + "() takes " + takes + " but " + str(given + 1) + " were given")
    first_default = len(fields) - len(defaults)
    values = list(args)
    absent = []
    for position in range(given, len(fields)):
        field = fields[position]
        if field in kwargs:
            values.append(kwargs[field])
        elif position >= first_default:
            values.append(defaults[position - first_default])
        else:
            absent.append(field)
    if absent:
        noun = " required positional argument: " if len(absent) == 1 else " required positional arguments: "
        raise TypeError(owner + "() missing " + str(len(absent)) + noun + _quote_all(absent))
    return tuple(values)


def _checked_name(name):
    if type(name) is not str:
        raise TypeError("Type names and field names must be strings")
    if not name.isidentifier():
        raise ValueError("Type names and field names must be valid identifiers: " + repr(name))
    if name in _RESERVED:
        raise ValueError("Type names and field names cannot be a keyword: " + repr(name))
    return name


def _nt_fields(typename, field_names, rename):
    # (type name, tuple of field names), checked; with rename, unusable names become _<index>.
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    names = [str(name) for name in field_names]
    typename = str(typename)
    if rename:
        earlier = set()
        for position in range(len(names)):
            name = names[position]
            usable = name.isidentifier() and name not in _RESERVED and not name.startswith("_")
            if not usable or name in earlier:
                names[position] = "_" + str(position)
            earlier.add(name)
    _checked_name(typename)
    for name in names:
        _checked_name(name)
    if not rename:
        earlier = set()
        for name in names:
            if name.startswith("_"):
                raise ValueError("Field names cannot start with an underscore: " + repr(name))
            if name in earlier:
                raise ValueError("Encountered duplicate field name: " + repr(name))
            earlier.add(name)
    return typename, tuple(names)


def _nt_namespace(typename, fields, defaults, module):
    # The attributes of the named tuple class `typename` with the (checked) `fields`.
    width = len(fields)
    if defaults is None:
        defaults = ()
        by_field = {}
    else:
        defaults = tuple(defaults)
        if len(defaults) > width:
            raise TypeError("Got more default values than field names")
        by_field = dict(zip(fields[width - len(defaults):], defaults))
    signature = typename + "(" + ", ".join(fields) + ("," if width == 1 else "") + ")"
    owner = typename + ".__new__"

    def __new__(_cls, *args, **kwargs):
        if kwargs or len(args) != width:
            args = _match_arguments(owner, fields, defaults, args, kwargs)
        return _derived(_cls, args)

    def _make(cls, iterable):
        items = tuple(iterable)
        if len(items) != width:
            raise TypeError("Expected " + str(width) + " arguments, got " + str(len(items)))
        return _derived(cls, items)

    def _replace(self, /, **kwds):
        copy = self._make([kwds.pop(name, value) for name, value in zip(fields, self)])
        if kwds:
            raise ValueError("Got unexpected field names: " + repr(list(kwds)))
        return copy

    def __repr__(self):
        # The stored items, even if a subclass overrides indexing.
        items = _plain(self)
        shown = [fields[i] + "=" + repr(items[i]) for i in range(width)]
        return self.__class__.__name__ + "(" + ", ".join(shown) + ")"

    def _asdict(self):
        return dict(zip(self._fields, self))

    __new__.__doc__ = "Create new instance of " + signature
    _make.__doc__ = "A new " + typename + " from an iterable of its field values."
    _replace.__doc__ = "A copy of the " + typename + " with the given fields changed."
    _asdict.__doc__ = "The fields and their values, as a dict."
    for method in (__new__, _make, _replace, __repr__, _asdict):
        method.__qualname__ = typename + "." + method.__name__

    namespace = {
        "__doc__": signature,
        "__slots__": (),
        "_fields": fields,
        "_field_defaults": by_field,
        "__new__": __new__,
        "_make": classmethod(_make),
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__match_args__": fields,
    }
    for index in range(width):
        namespace[fields[index]] = _tuplegetter(index, "Alias for field number " + str(index))
    if module is not None:
        namespace["__module__"] = module
    return namespace


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A new tuple subclass whose items can also be read as named attributes."""
    if module is None:
        module = _caller_module()
    typename, fields = _nt_fields(typename, field_names, rename)
    return _make_class(typename, (tuple,), _nt_namespace(typename, fields, defaults, module), None)
