# Builtins that coro implements in Python, compiled once at VM start-up with their frames hidden
# from tracebacks. They exist so that everything that iterates a generator, or calls a Python
# function per item, runs inside the one dispatch loop instead of recursing into it from Rust.
# Native builtins validate their arguments (so errors match CPython's) and then tail-call these.

_MISSING = []


def _list_from_iter(it):
    out = []
    for x in it:
        out.append(x)
    return out


def _tuple_from_iter(it):
    return tuple(_list_from_iter(it))


def _set_from_iter(it):
    s = set()
    for x in it:
        s.add(x)
    return s


def _dict_from_iter(it):
    d = {}
    for k, v in it:
        d[k] = v
    return d


def _dict_init(d, *args, **kwargs):
    d.update(*args, **kwargs)
    return d


def _defaultdict_missing(d, key):
    factory = d.default_factory
    if factory is None:
        raise KeyError(key)
    value = factory()
    d[key] = value
    return value


def _dict_fromkeys(it, value):
    d = {}
    for k in it:
        d[k] = value
    return d


def _contains(it, item):
    for x in it:
        if x is item or x == item:
            return True
    return False


def _not_contains(it, item):
    for x in it:
        if x is item or x == item:
            return False
    return True


def _join(sep, it):
    return sep.join(_list_from_iter(it))


def _sum(it, start):
    total = start
    for x in it:
        total = total + x
    return total


def _any(it):
    for x in it:
        if x:
            return True
    return False


def _all(it):
    for x in it:
        if not x:
            return False
    return True


def _minmax(args, key, default, is_max, name):
    if len(args) == 1:
        it = args[0]
    else:
        if default is not _MISSING:
            raise TypeError("Cannot specify a default for " + name + "() with multiple positional arguments")
        it = args
    best = _MISSING
    best_key = None
    for x in it:
        k = x if key is None else key(x)
        if best is _MISSING:
            best = x
            best_key = k
        elif is_max:
            if k > best_key:
                best = x
                best_key = k
        elif k < best_key:
            best = x
            best_key = k
    if best is _MISSING:
        if default is _MISSING:
            raise ValueError(name + "() arg is an empty sequence")
        return default
    return best


def _sort_key(lst, key, reverse):
    keys = [key(x) for x in lst]
    _sort_by_keys(lst, keys, reverse)


def _sorted(it, key, reverse):
    lst = _list_from_iter(it)
    if key is None:
        lst.sort(reverse=reverse)
    else:
        _sort_key(lst, key, reverse)
    return lst


def map(func, *iters):
    if len(iters) == 1:
        for x in iters[0]:
            yield func(x)
        return
    while True:
        args = []
        for it in iters:
            x = next(it, _MISSING)
            if x is _MISSING:
                return
            args.append(x)
        yield func(*args)


def filter(func, it):
    if func is None:
        for x in it:
            if x:
                yield x
    else:
        for x in it:
            if func(x):
                yield x


def zip(*iters, strict=False):
    if not iters:
        return
    while True:
        items = []
        for i, it in enumerate(iters):
            x = next(it, _MISSING)
            if x is _MISSING:
                if strict:
                    if i > 0:
                        plural = " " if i == 1 else "s 1-"
                        raise ValueError("zip() argument " + str(i + 1) + " is shorter than argument" + plural + str(i))
                    for j in range(1, len(iters)):
                        if next(iters[j], _MISSING) is not _MISSING:
                            plural = " " if j == 1 else "s 1-"
                            raise ValueError("zip() argument " + str(j + 1) + " is longer than argument" + plural + str(j))
                return
            items.append(x)
        yield tuple(items)


def enumerate(it, start=0):
    n = start
    for x in it:
        yield (n, x)
        n += 1


# ----- classes: the parts of the class machinery that run Python code ----------------------


def _build_class(func, name, *bases, metaclass=None, **kwds):
    if kwds:
        raise NotImplementedError("coro: class keyword arguments other than metaclass= are not supported yet")
    orig_bases = bases
    bases = _resolve_bases(bases)
    ns = {}
    cell = _exec_class_body(func, ns)
    if bases is not orig_bases:
        ns["__orig_bases__"] = orig_bases
    found = _meta_new(bases, metaclass)
    if found is None:
        cls = _make_class(name, bases, ns, metaclass)
    else:
        # A user metaclass's __new__ makes the class (it may return any object).
        meta, new = found
        cls = new(meta, name, bases, ns)
    if cell is not None:
        _cell_set(cell, cls)
    # A user metaclass initialises the class (coro has no __prepare__).
    init = _meta_init(cls) if found is None or isinstance(cls, found[0]) else None
    if init is not None:
        r = init(cls, name, bases, ns)
        if r is not None:
            raise TypeError(f"__init__() should return None, not '{type(r).__name__}'")
    return cls


def _resolve_bases(bases):
    # Bases that are not classes but say what to use instead (typing's Generic[T]).
    for b in bases:
        if not isinstance(b, type):
            break
    else:
        return bases
    out = []
    for b in bases:
        if isinstance(b, type):
            out.append(b)
            continue
        entries = getattr(b, "__mro_entries__", None)
        if entries is None:
            out.append(b)
        else:
            out.extend(entries(bases))
    return tuple(out)


def _init_instance(init, self, *args, **kwargs):
    r = init(self, *args, **kwargs)
    if r is not None:
        raise TypeError(f"__init__() should return None, not '{type(r).__name__}'")
    return self


# ----- subclasses of builtin types (vm/src/derived.rs) --------------------------------------


def _construct(cls, new, init, *args, **kwargs):
    # type.__call__: __new__ makes the object, __init__ runs when it is an instance of cls.
    obj = new(cls, *args, **kwargs)
    if init is not None and isinstance(obj, cls):
        r = init(obj, *args, **kwargs)
        if r is not None:
            raise TypeError(f"__init__() should return None, not '{type(r).__name__}'")
    return obj


def _new_derived(cls, base, *args, **kwargs):
    # tuple.__new__(cls, ...) for a subclass: the builtin value, in an instance of cls.
    return _derived(cls, base(*args, **kwargs))


def _list_init(lst, it):
    list.extend(lst, it)


def _dict_base_init(d, *args, **kwargs):
    dict.update(d, *args, **kwargs)


def _eq(a, b):
    return a == b


def _ne(a, b):
    return a != b


# ----- special methods ----------------------------------------------------------------------
# An instruction whose operand's class defines the special method it needs calls one of these
# (vm/src/special.rs): the protocols' rules (reflected operands, NotImplemented, result checks)
# live here, as CPython's live in its C slots. `_special(x, name)` is the method `name` of x's
# class, unbound, or None when x is not an instance of a user class or its class has none.

# By BinOpKind: method, reflected method, in-place method.
_BINARY = (
    ("__add__", "__radd__", "__iadd__"),
    ("__sub__", "__rsub__", "__isub__"),
    ("__mul__", "__rmul__", "__imul__"),
    ("__truediv__", "__rtruediv__", "__itruediv__"),
    ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
    ("__mod__", "__rmod__", "__imod__"),
    ("__pow__", "__rpow__", "__ipow__"),
    ("__lshift__", "__rlshift__", "__ilshift__"),
    ("__rshift__", "__rrshift__", "__irshift__"),
    ("__and__", "__rand__", "__iand__"),
    ("__or__", "__ror__", "__ior__"),
    ("__xor__", "__rxor__", "__ixor__"),
    ("__matmul__", "__rmatmul__", "__imatmul__"),
)


def _binary_try(a, b, k):
    name, rname, _ = _BINARY[k]
    f = _special(a, name)
    rf = None
    if type(a) is not type(b):
        rf = _special(b, rname)
    # A subclass's reflected method that overrides its base's goes first.
    if rf is not None and issubclass(type(b), type(a)) and rf is not _special(a, rname):
        r = rf(b, a)
        if r is not NotImplemented:
            return r
        rf = None
    if f is not None:
        r = f(a, b)
        if r is not NotImplemented:
            return r
    elif name == "__mod__" and isinstance(a, str):
        # str's own % formats (it never gives NotImplemented): only a subclass's __rmod__,
        # above, comes before it.
        return _binary_native(a, b, k)
    if rf is not None:
        return rf(b, a)
    return NotImplemented


def _binary_op(a, b, k):
    r = _binary_try(a, b, k)
    if r is NotImplemented:
        # The builtin operation: a list or str on the left, or CPython's TypeError.
        return _binary_native(a, b, k)
    return r


def _inplace_op(a, b, k):
    f = _special(a, _BINARY[k][2])
    if f is not None:
        r = f(a, b)
        if r is not NotImplemented:
            return r
    r = _binary_try(a, b, k)
    if r is NotImplemented:
        return _inplace_native(a, b, k)
    return r


# Comparisons in CPython's order, and each one's reflection.
_COMPARE = ("__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__")
_SWAPPED = (4, 5, 2, 3, 0, 1)


def _rich(x, y, i):
    f = _special(x, _COMPARE[i])
    if f is not None:
        return f(x, y)
    if i == 3:
        # object.__ne__ inverts __eq__.
        f = _special(x, "__eq__")
        if f is not None:
            r = f(x, y)
            if r is NotImplemented:
                return r
            return not r
    # A builtin value (or a subclass instance without the method): the builtin comparison.
    return _builtin_compare(x, y, i)


def _compare_plain(a, b, i):
    if i == 0:
        return a < b
    if i == 1:
        return a <= b
    if i == 2:
        return a == b
    if i == 3:
        return a != b
    if i == 4:
        return a > b
    return a >= b


def _compare_op(a, b, i):
    ta = type(a)
    tb = type(b)
    if (ta is list and tb is list) or (ta is tuple and tb is tuple):
        return _seq_compare(a, b, i)
    if ta is _deque and tb is _deque:
        return _deque_compare(a, b, i)
    checked = False
    if ta is not tb and issubclass(tb, ta):
        checked = True
        r = _rich(b, a, _SWAPPED[i])
        if r is not NotImplemented:
            return r
    r = _rich(a, b, i)
    if r is not NotImplemented:
        return r
    if not checked:
        r = _rich(b, a, _SWAPPED[i])
        if r is not NotImplemented:
            return r
    # Identity for == and !=, CPython's TypeError for orderings.
    return _compare_native(a, b, i)


def _seq_compare(a, b, i):
    # Lists or tuples holding objects with comparison methods: the first unequal pair decides.
    n = len(a)
    m = len(b)
    j = 0
    while j < n and j < m:
        x = a[j]
        y = b[j]
        if not (x is y or x == y):
            if i == 2:
                return False
            if i == 3:
                return True
            if i == 0:
                return x < y
            if i == 1:
                return x <= y
            if i == 4:
                return x > y
            return x >= y
        j += 1
    if i == 0:
        return n < m
    if i == 1:
        return n <= m
    if i == 2:
        return n == m
    if i == 3:
        return n != m
    if i == 4:
        return n > m
    return n >= m


def _deque_compare(a, b, i):
    # CPython's deque_richcompare: sizes decide == and != first; then the first pair that is
    # not equal is compared with the operator itself (for == and != too, so __eq__ runs again).
    if i == 2 or i == 3:
        if a is b:
            return i == 2
        if len(a) != len(b):
            return i == 3
    it1 = iter(a)
    it2 = iter(b)
    while True:
        x = next(it1, _MISSING)
        y = next(it2, _MISSING)
        if x is _MISSING or y is _MISSING:
            break
        if not (x is y or x == y):
            if i == 0:
                return x < y
            if i == 1:
                return x <= y
            if i == 2:
                return x == y
            if i == 3:
                return x != y
            if i == 4:
                return x > y
            return x >= y
    if i == 0:
        return y is not _MISSING
    if i == 1:
        return x is _MISSING
    if i == 2:
        return x is y
    if i == 3:
        return x is not y
    if i == 4:
        return x is not _MISSING
    return y is _MISSING


_UNARY = ("__neg__", "__pos__", "__invert__")


def _unary_op(a, i):
    f = _special(a, _UNARY[i])
    if f is None:
        return _unary_native(a, i)
    return f(a)


def _truth(x):
    f = _special(x, "__bool__")
    if f is not None:
        r = f(x)
        if r is True or r is False:
            return r
        raise TypeError("__bool__ should return bool, returned " + type(r).__name__)
    f = _special(x, "__len__")
    if f is not None:
        return _len_result(f(x)) != 0
    return True


def _len(x):
    f = _special(x, "__len__")
    if f is None:
        raise TypeError("object of type '" + type(x).__name__ + "' has no len()")
    return _len_result(f(x))


def _iter(x):
    f = _special(x, "__iter__")
    if f is None:
        if _special(x, "__getitem__") is not None:
            return _seq_iter(x)
        raise TypeError("'" + type(x).__name__ + "' object is not iterable")
    it = f(x)
    if not _is_iterator(it):
        raise TypeError("iter() returned non-iterator of type '" + type(it).__name__ + "'")
    return it


def _seq_iter(x):
    # The old sequence protocol: x[0], x[1], ... until IndexError.
    i = 0
    while True:
        try:
            v = x[i]
        except (IndexError, StopIteration):
            return
        yield v
        i += 1


def _lazy_iter(x):
    for v in x:
        yield v


def _yield_from_iter(x):
    it = _iter(x)
    if _special(it, "__next__") is None:
        return it
    return _delegate(it)


def _delegate(it):
    # `yield from it` for an iterator object that is not a generator (PEP 380's expansion).
    try:
        y = next(it)
    except StopIteration as e:
        return e.value
    while True:
        try:
            s = yield y
        except GeneratorExit:
            close = getattr(it, "close", None)
            if close is not None:
                close()
            raise
        except BaseException as e:
            throw = getattr(it, "throw", None)
            if throw is None:
                raise
            try:
                y = throw(e)
            except StopIteration as stop:
                return stop.value
        else:
            try:
                if s is None:
                    y = next(it)
                else:
                    y = it.send(s)
            except StopIteration as stop:
                return stop.value


def _contains_op(c, x, negate):
    f = _special(c, "__contains__")
    if f is not None:
        r = True if f(c, x) else False
    elif _special(c, "__iter__") is None and _special(c, "__getitem__") is None:
        raise TypeError("argument of type '" + type(c).__name__ + "' is not iterable")
    else:
        r = _contains(c, x)
    return (not r) if negate else r


def _hash_call(f, x):
    return _hash_result(f(x))


def _next_default(f, it, default):
    try:
        return f(it)
    except StopIteration:
        return default


# list.index/count/remove when some item's __eq__ is Python code.
def _seq_index(seq, x, start, stop):
    i = start
    while i < stop and i < len(seq):
        v = seq[i]
        if v is x or v == x:
            return i
        i += 1
    if type(seq) is list:
        raise ValueError(_repr(x) + " is not in list")
    raise ValueError("tuple.index(x): x not in tuple")


def _seq_count(seq, x):
    n = 0
    for v in seq:
        if v is x or v == x:
            n += 1
    return n


def _seq_remove(lst, x):
    i = 0
    while i < len(lst):
        v = lst[i]
        if v is x or v == x:
            del lst[i]
            return None
        i += 1
    raise ValueError("list.remove(x): x not in list")


# deque.index/remove when an item's __eq__ (or x's __repr__) is Python code. CPython checks
# after each comparison that the deque was not changed.
def _deque_index(d, x, start, stop):
    state = _deque_state(d)
    i = start
    while i < stop:
        v = d[i]
        if v is x or v == x:
            return i
        if _deque_state(d) != state:
            raise RuntimeError("deque mutated during iteration")
        i += 1
    raise ValueError(_repr(x) + " is not in deque")


def _deque_remove(d, x):
    state = _deque_state(d)
    i = 0
    n = len(d)
    while i < n:
        v = d[i]
        found = v is x or v == x
        if _deque_state(d) != state:
            raise IndexError("deque mutated during iteration")
        if found:
            del d[i]
            return None
        i += 1
    raise ValueError(_repr(x) + " is not in deque")


# deque(it), d.extend(it), d.extendleft(it) for an iterable that must be iterated in Python.
def _deque_extend(d, it, left, result):
    if d.maxlen == 0:
        for x in it:
            pass
    elif left:
        for x in it:
            d.appendleft(x)
    else:
        for x in it:
            d.append(x)
    return result


def _sort_python(lst, keys, reverse):
    # list.sort for items whose comparisons run Python code: a stable merge sort using only
    # `<`, as CPython's sort does (reverse=True keeps equal items in their original order).
    n = len(lst)
    if keys is None:
        keys = lst[:]
    idx = list(range(n))
    if reverse:
        idx.reverse()
    width = 1
    while width < n:
        out = []
        lo = 0
        while lo < n:
            mid = min(lo + width, n)
            hi = min(lo + 2 * width, n)
            i = lo
            j = mid
            while i < mid and j < hi:
                if keys[idx[j]] < keys[idx[i]]:
                    out.append(idx[j])
                    j += 1
                else:
                    out.append(idx[i])
                    i += 1
            out.extend(idx[i:mid])
            out.extend(idx[j:hi])
            lo = hi
        idx = out
        width *= 2
    if reverse:
        idx.reverse()
    items = [lst[k] for k in idx]
    lst.clear()
    lst.extend(items)


_repr_active = []


def _text(o, which):
    # The user __str__/__repr__ that turns o into text, checked to return a str; None if o's
    # class has none.
    found = _user_text_method(o, which == "__str__")
    if found is None:
        return None
    m, name = found
    r = m(o)
    if not isinstance(r, str):
        raise TypeError(f"{name} returned non-string (type {type(r).__name__})")
    return r


def _repr(o):
    t = type(o)
    if t is not list and t is not tuple and t is not dict and t is not str and _is_derived(o):
        # A subclass of a builtin type: its own __repr__, else the builtin one.
        r = _text(o, "__repr__")
        if r is not None:
            return r
        o = _plain(o)
        t = type(o)
    if t is not dict and isinstance(o, dict):
        # defaultdict and OrderedDict holding objects with a user __repr__.
        if t.__name__ == "defaultdict":
            return "defaultdict(" + _repr(o.default_factory) + ", " + _repr(dict(o)) + ")"
        return "OrderedDict(" + (_repr(list(o.items())) if o else "") + ")"
    if t is _deque:
        i = id(o)
        if i in _repr_active:
            return "[...]"
        _repr_active.append(i)
        try:
            s = "deque([" + ", ".join([_repr(x) for x in list(o)]) + "]"
        finally:
            _repr_active.pop()
        if o.maxlen is None:
            return s + ")"
        return s + ", maxlen=" + str(o.maxlen) + ")"
    if t is list or t is tuple or t is dict or t is set:
        i = id(o)
        if i in _repr_active:
            return "[...]" if t is list else ("{...}" if t is dict else "(...)")
        _repr_active.append(i)
        try:
            if t is list:
                s = "[" + ", ".join([_repr(x) for x in o]) + "]"
            elif t is tuple:
                s = "(" + ", ".join([_repr(x) for x in o]) + ("," if len(o) == 1 else "") + ")"
            elif t is dict:
                s = "{" + ", ".join([_repr(k) + ": " + _repr(v) for k, v in o.items()]) + "}"
            elif o:
                s = "{" + ", ".join([_repr(x) for x in o]) + "}"
            else:
                s = "set()"
        finally:
            _repr_active.pop()
        return s
    r = _text(o, "__repr__")
    if r is not None:
        return r
    if isinstance(o, BaseException):
        return _exc_repr(o)
    return repr(o)


def _exc_repr(e):
    # BaseException.__repr__: the class's name, then the args (one shown bare).
    a = e.args
    if len(a) == 1:
        return type(e).__name__ + "(" + _repr(a[0]) + ")"
    return type(e).__name__ + _repr(a)


def _exc_str(e, key_error):
    # OSError.__str__ (errno and strerror by str, file names by repr), BaseException.__str__,
    # or KeyError's (which shows its one key by repr).
    if isinstance(e, OSError):
        if e.filename is not None:
            s = "[Errno " + _str(e.errno) + "] " + _str(e.strerror) + ": " + _repr(e.filename)
            if e.filename2 is not None:
                s = s + " -> " + _repr(e.filename2)
            return s
        if e.errno is not None and e.strerror is not None:
            return "[Errno " + _str(e.errno) + "] " + _str(e.strerror)
    a = e.args
    if not a:
        return ""
    if len(a) > 1:
        return _repr(a)
    if key_error:
        return _repr(a[0])
    return _str(a[0])


def _str(o):
    t = type(o)
    if t is str:
        return o
    if t is not list and t is not tuple and t is not dict and _is_derived(o):
        p = _plain(o)
        if type(p) is str and _special(o, "__str__") is None:
            # str.__str__ comes before object.__str__ (which would call __repr__).
            return p
        r = _text(o, "__str__")
        if r is not None:
            return r
        return _repr(o)
    if t is list or t is tuple or t is dict or t is set or t is _deque:
        return _repr(o)
    r = _text(o, "__str__")
    if r is not None:
        return r
    if isinstance(o, BaseException):
        return _exc_str(o, isinstance(o, KeyError))
    return str(o)


def _print(args, sep=" ", end="\n", file=None, flush=False):
    if sep is None:
        sep = " "
    if end is None:
        end = "\n"
    if type(sep) is not str:
        raise TypeError(f"sep must be None or a string, not {type(sep).__name__}")
    print(sep.join([_str(a) for a in args]), end=end, file=file, flush=flush)


def _ascii(o):
    return _ascii_escape(_repr(o))


def _format_value(v, conv, spec):
    # format(v, spec) after the conversion of an f-string field or a str.format field.
    if conv == "r":
        v = _repr(v)
    elif conv == "s":
        v = _str(v)
    elif conv == "a":
        v = _ascii(v)
    if type(v) is str:
        return format(v, spec)
    f = _special(v, "__format__")
    if f is not None:
        r = f(v, spec)
        if not isinstance(r, str):
            raise TypeError("__format__ must return a str, not " + type(r).__name__)
        return r
    if not spec:
        # object.__format__, and a builtin type's with an empty spec, are str(v).
        return _str(v)
    return _format_builtin(v, spec)


def _format_run(plan):
    # str.format of a template whose fields need Python: its plan, made and described in
    # vm/src/builtins/formatting.rs.
    out = []
    for p in plan:
        if type(p) is str:
            out.append(p)
            continue
        if type(p) is not tuple:
            raise p
        v, steps, spec = p
        for step in steps:
            if type(step) is not tuple:
                raise step
            op, x = step
            if op == ".":
                v = getattr(v, x)
            elif op == "[":
                v = v[x]
            elif op == "s":
                v = _str(v)
            elif op == "r":
                v = _repr(v)
            else:
                v = _ascii(v)
        if type(spec) is list:
            spec = _format_run(spec)
        out.append(_format_value(v, None, spec))
    if len(plan) == 1 and len(out) == 1:
        # A template that is one field gives that field's str itself, as in CPython.
        return out[0]
    return "".join(out)


def _percent_run(plan):
    # fmt % args when an argument needs Python: the plan, made and described in
    # vm/src/builtins/percent.rs.
    out = []
    for p in plan:
        if type(p) is str:
            out.append(p)
            continue
        if type(p) is not tuple:
            raise p
        if len(p) == 2:
            v, spec = p
        else:
            m, key, spec = p
            v = m[key]
            if type(spec) is not tuple:
                if spec is not None:
                    _percent_star(v, spec)
                continue
        c = spec[0]
        if c == "s":
            v = _str(v)
        elif c == "r":
            v = _repr(v)
        elif c == "a":
            v = _ascii(v)
        out.append(_percent_one(v, spec))
    if len(plan) == 1 and len(out) == 1:
        return out[0]
    return "".join(out)


def _getattr_default(f, args, default):
    try:
        return f(*args)
    except AttributeError:
        return default


def _property_or_getattr(fget, obj, getattr_, name):
    # Reading a property of a class that has __getattr__: a getter raising AttributeError
    # falls back to __getattr__, which runs with no exception being handled.
    try:
        return fget(obj)
    except AttributeError:
        pass
    return getattr_(obj, name)


def _call_for_effect(f, args):
    f(*args)


def _hasattr_call(f, args):
    try:
        f(*args)
        return True
    except AttributeError:
        return False


def _callable_iter(func, sentinel):
    while True:
        x = func()
        if x == sentinel:
            return
        yield x


def _zip_strict(strict, *iters):
    return zip(*iters, strict=strict)


def _extend_from_iter(lst, it):
    for x in it:
        lst.append(x)


def _inplace_extend(seq, it):
    # `seq += it` for a list or deque and an iterable that must be iterated in Python.
    seq.extend(it)
    return seq


def _update_from_iter(d, it):
    for k, v in it:
        d[k] = v


# --- import ------------------------------------------------------------------------------
# The VM has created the module and registered it in sys.modules (so a circular import finds
# it partially initialised); `body` runs its code with the module's namespace as globals.


def _import_run(name, module, body, then_raise):
    try:
        body()
    except BaseException:
        _import_finished(name, module, False)
        raise
    _import_finished(name, module, True)
    if then_raise is not None:
        raise then_raise
    # CPython's result is whatever sys.modules holds now (a body may replace its module).
    return _modules[name]


# --- built-in modules ---------------------------------------------------------------------


def _call_with_list(f, it, kw):
    # A native that needs the items of an iterator it cannot drive itself (math.fsum, prod).
    return f(_list_from_iter(it), **kw)


# itertools: the bodies of the iterator types (vm/src/modules/itertools.rs checks the
# arguments, calls iter() where CPython does, and tags the generators with the type).
# count and repeat keep their next state in their first two locals, which their repr shows.


def _count(n, step):
    while True:
        x = n
        n += step
        yield x


def _cycle(it):
    saved = []
    for x in it:
        saved.append(x)
        yield x
    if not saved:
        return
    while True:
        for x in saved:
            yield x


def _repeat(obj, times):
    if times is None:
        while True:
            yield obj
    while times > 0:
        times -= 1
        yield obj


def _islice(it, nxt, stop, step):
    # CPython's islice_next: skip to the next index, stop at `stop` without consuming more.
    cnt = 0
    while True:
        while cnt < nxt:
            x = next(it, _MISSING)
            if x is _MISSING:
                return
            cnt += 1
        if stop is not None and cnt >= stop:
            return
        x = next(it, _MISSING)
        if x is _MISSING:
            return
        cnt += 1
        nxt += step
        if stop is not None and nxt > stop:
            nxt = stop
        yield x


def _chain(iterables):
    for it in iterables:
        for x in it:
            yield x


def _zip_longest(iters, fillvalue):
    active = len(iters)
    if not active:
        return
    while True:
        items = []
        for i in range(len(iters)):
            it = iters[i]
            if it is None:
                items.append(fillvalue)
                continue
            x = next(it, _MISSING)
            if x is _MISSING:
                active -= 1
                if not active:
                    return
                iters[i] = None
                x = fillvalue
            items.append(x)
        yield tuple(items)


def _takewhile(pred, it):
    for x in it:
        if not pred(x):
            return
        yield x


def _dropwhile(pred, it):
    for x in it:
        if not pred(x):
            yield x
            break
    for x in it:
        yield x


def _filterfalse(pred, it):
    for x in it:
        if not (bool(x) if pred is None else pred(x)):
            yield x


def _starmap(func, it):
    for args in it:
        yield func(*tuple(args))


def _compress(data, selectors):
    for d in data:
        s = next(selectors, _MISSING)
        if s is _MISSING:
            return
        if s:
            yield d


def _pairwise(it):
    a = next(it, _MISSING)
    if a is _MISSING:
        return
    for b in it:
        yield (a, b)
        a = b


def _accumulate(it, func, initial):
    total = _MISSING
    if initial is not None:
        total = initial
        yield initial
    for x in it:
        if total is _MISSING:
            total = x
        elif func is None:
            total = total + x
        else:
            total = func(total, x)
        yield total


def _tee(it, link):
    # Links [item, next link] shared by the tee objects; the last one is [None, None].
    while True:
        if link[1] is None:
            x = next(it, _MISSING)
            if x is _MISSING:
                return
            link[0] = x
            link[1] = [None, None]
        x = link[0]
        link = link[1]
        yield x


def _reduce(function, it, value):
    if value is _MISSING:
        value = next(it, _MISSING)
        if value is _MISSING:
            raise TypeError("reduce() of empty iterable with no initial value")
    for x in it:
        value = function(value, x)
    return value
