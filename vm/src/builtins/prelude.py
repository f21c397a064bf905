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


def _build_class(func, name, *bases, **kwds):
    if kwds:
        raise NotImplementedError("coro: class keyword arguments (such as metaclass=) are not supported yet")
    ns = {}
    cell = _exec_class_body(func, ns)
    cls = _make_class(name, bases, ns)
    if cell is not None:
        _cell_set(cell, cls)
    return cls


def _init_instance(init, self, *args, **kwargs):
    r = init(self, *args, **kwargs)
    if r is not None:
        raise TypeError(f"__init__() should return None, not '{type(r).__name__}'")
    return self


_repr_active = []


def _text(o, which):
    # The user __str__/__repr__ that turns o into text, checked to return a str; None if o's
    # class has none.
    found = _user_text_method(o, which == "__str__")
    if found is None:
        return None
    m, name = found
    r = m(o)
    if type(r) is not str:
        raise TypeError(f"{name} returned non-string (type {type(r).__name__})")
    return r


def _repr(o):
    t = type(o)
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
    return repr(o) if r is None else r


def _str(o):
    t = type(o)
    if t is str:
        return o
    if t is list or t is tuple or t is dict or t is set:
        return _repr(o)
    r = _text(o, "__str__")
    return str(o) if r is None else r


def _print(args, sep=" ", end="\n", file=None, flush=False):
    if sep is None:
        sep = " "
    if end is None:
        end = "\n"
    if type(sep) is not str:
        raise TypeError(f"sep must be None or a string, not {type(sep).__name__}")
    print(sep.join([_str(a) for a in args]), end=end, file=file, flush=flush)


def _format_value(v, conv, spec):
    if conv == "r":
        v = _repr(v)
    elif conv == "s":
        v = _str(v)
    elif conv == "a":
        raise NotImplementedError("coro: !a of an object with a user __repr__ is not supported yet")
    if type(v) is str:
        return format(v, spec)
    if spec:
        raise TypeError(f"unsupported format string passed to {type(v).__name__}.__format__")
    return _str(v)


def _getattr_default(f, args, default):
    try:
        return f(*args)
    except AttributeError:
        return default


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
