# collections.namedtuple, after CPython 3.11's Lib/collections/__init__.py. CPython builds
# __new__ with eval() to get a signature naming the fields; coro has no eval, so __new__ binds
# its arguments itself and raises CPython's messages. The class is a real tuple subclass
# (vm/src/derived.rs): its instances are tuples, and fields are read by _tuplegetter properties.

_KEYWORDS = set(
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield",
    ]
)


def _quoted_list(names):
    names = ["'" + n + "'" for n in names]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return names[0] + " and " + names[1]
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _bind_fields(qualname, fields, defaults, args, kwargs):
    # The values of a call `__new__(cls, *args, **kwargs)` for parameters `fields`, checked in
    # CPython's order: keyword arguments, then the positional count, then missing ones.
    n = len(fields)
    values = list(args[:n])
    for name in kwargs:
        if name not in fields:
            raise TypeError(qualname + "() got an unexpected keyword argument '" + name + "'")
        if fields.index(name) < len(args):
            raise TypeError(qualname + "() got multiple values for argument '" + name + "'")
    if len(args) > n:
        lo = n + 1 - len(defaults)
        takes = str(n + 1) if lo == n + 1 else "from " + str(lo) + " to " + str(n + 1)
        plural = "" if takes == "1" else "s"
        given = len(args) + 1
        was = " was given" if given == 1 else " were given"
        raise TypeError(
            qualname + "() takes " + takes + " positional argument" + plural + " but " + str(given) + was
        )
    missing = []
    first_default = n - len(defaults)
    for i in range(len(args), n):
        name = fields[i]
        if name in kwargs:
            values.append(kwargs[name])
        elif i >= first_default:
            values.append(defaults[i - first_default])
        else:
            missing.append(name)
            values.append(None)
    if missing:
        s = "" if len(missing) == 1 else "s"
        raise TypeError(
            qualname + "() missing " + str(len(missing)) + " required positional argument" + s + ": "
            + _quoted_list(missing)
        )
    return tuple(values)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """Returns a new subclass of tuple with named fields."""
    if module is None:
        module = _caller_module()
    ns = _namedtuple_namespace(typename, field_names, rename, defaults, module)
    return _make_class(ns.pop("__name__"), (tuple,), ns, None)


def _namedtuple_namespace(typename, field_names, rename, defaults, module):
    # The namespace of a namedtuple class (typing.NamedTuple adds to it), with its name under
    # "__name__" (removed before the class is made).
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = list(map(str, field_names))
    typename = str(typename)

    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if not name.isidentifier() or name in _KEYWORDS or name.startswith("_") or name in seen:
                field_names[index] = "_" + str(index)
            seen.add(name)

    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError("Type names and field names must be strings")
        if not name.isidentifier():
            raise ValueError("Type names and field names must be valid identifiers: " + repr(name))
        if name in _KEYWORDS:
            raise ValueError("Type names and field names cannot be a keyword: " + repr(name))

    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError("Field names cannot start with an underscore: " + repr(name))
        if name in seen:
            raise ValueError("Encountered duplicate field name: " + repr(name))
        seen.add(name)

    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError("Got more default values than field names")
        field_defaults = dict(reversed(list(zip(reversed(field_names), reversed(defaults)))))

    field_names = tuple(field_names)
    num_fields = len(field_names)
    arg_list = ", ".join(field_names)
    if num_fields == 1:
        arg_list += ","
    new_defaults = () if defaults is None else defaults
    new_qualname = typename + ".__new__"

    def __new__(_cls, *args, **kwargs):
        if not kwargs and len(args) == num_fields:
            return _derived(_cls, args)
        return _derived(_cls, _bind_fields(new_qualname, field_names, new_defaults, args, kwargs))

    __new__.__doc__ = "Create new instance of " + typename + "(" + arg_list + ")"

    @classmethod
    def _make(cls, iterable):
        result = tuple(iterable)
        if len(result) != num_fields:
            raise TypeError("Expected " + str(num_fields) + " arguments, got " + str(len(result)))
        return _derived(cls, result)

    _make.__func__.__doc__ = "Make a new " + typename + " object from a sequence or iterable"

    def _replace(self, /, **kwds):
        result = self._make(map(kwds.pop, field_names, self))
        if kwds:
            raise ValueError("Got unexpected field names: " + repr(list(kwds)))
        return result

    _replace.__doc__ = "Return a new " + typename + " object replacing specified fields with new values"

    def __repr__(self):
        "Return a nicely formatted representation string"
        values = _plain(self)
        parts = [field_names[i] + "=" + repr(values[i]) for i in range(num_fields)]
        return self.__class__.__name__ + "(" + ", ".join(parts) + ")"

    def _asdict(self):
        "Return a new dict which maps field names to their values."
        return dict(zip(self._fields, self))

    for method in (__new__, _make.__func__, _replace, __repr__, _asdict):
        method.__qualname__ = typename + "." + method.__name__

    class_namespace = {
        "__name__": typename,
        "__doc__": typename + "(" + arg_list + ")",
        "__slots__": (),
        "_fields": field_names,
        "_field_defaults": field_defaults,
        "__new__": __new__,
        "_make": _make,
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__match_args__": field_names,
    }
    for index, name in enumerate(field_names):
        class_namespace[name] = _tuplegetter(index, "Alias for field number " + str(index))
    class_namespace["__module__"] = module
    return class_namespace
