# The body of coro's `enum`: Enum and auto, with CPython 3.11's behaviour for members, reprs,
# lookups and iteration. EnumType is a metaclass; coro's metaclasses initialise the class in
# __init__ (there is no metaclass __new__), so that is where the members are made.


class auto:
    """A placeholder value: the class statement gives each `auto()` member the next value."""

    def __init__(self):
        self.value = None

    def __repr__(self):
        return "auto(" + repr(self.value) + ")"


def _is_descriptor(obj):
    t = type(obj)
    return t is _FunctionType or t is classmethod or t is staticmethod or t is property


def _is_dunder(name):
    return len(name) > 4 and name[:2] == "__" and name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == "_" and name[-1] == "_" and name[1] != "_" and name[-2] != "_"


def _is_private(cls_name, name):
    prefix = "_" + cls_name.lstrip("_") + "__"
    return name.startswith(prefix) and not name.endswith("__")


class EnumType(type):
    """The class of Enum classes: turns a class body into its members."""

    def __init__(cls, name, bases, ns):
        cls._member_names_ = []
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        last = None
        for key, value in list(ns.items()):
            if _is_dunder(key) or _is_sunder(key) or _is_private(name, key) or _is_descriptor(value):
                continue
            if type(value) is auto:
                if value.value is None:
                    value.value = 1 if last is None else last + 1
                value = value.value
            existing = None
            for m in cls._member_map_.values():
                if m._value_ is value or m._value_ == value:
                    existing = m
                    break
            if existing is not None:
                # An alias: another name for the same member.
                cls._member_map_[key] = existing
                setattr(cls, key, existing)
                continue
            # A member of an enum mixing in int (IntEnum) is an int of that value.
            member = int.__new__(cls, value) if issubclass(cls, int) else _new_instance(cls)
            member._name_ = key
            member._value_ = value
            cls._member_names_.append(key)
            cls._member_map_[key] = member
            try:
                cls._value2member_map_[value] = member
            except TypeError:
                pass
            setattr(cls, key, member)
            if type(value) is int:
                last = value
        cls.__members__ = dict(cls._member_map_)

    def __call__(cls, value):
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for m in cls._member_map_.values():
            if m._value_ == value:
                return m
        raise ValueError(repr(value) + " is not a valid " + cls.__qualname__)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': '" + type(member).__qualname__ + "' and '"
                + type(cls).__qualname__ + "'"
            )
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __repr__(cls):
        return "<enum " + repr(cls.__name__) + ">"


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    """The base of enumerations: a fixed set of named members, each with a value."""

    def __repr__(self):
        return "<" + type(self).__name__ + "." + self._name_ + ": " + repr(self._value_) + ">"

    def __str__(self):
        return type(self).__name__ + "." + self._name_

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_


class ReprEnum(Enum):
    """An Enum whose str() and format() are those of the type it mixes in."""


class IntEnum(int, ReprEnum):
    """An Enum whose members are ints too."""

    # CPython's EnumType gives IntEnum Enum's repr and int's str and format.
    def __repr__(self):
        return "<" + type(self).__name__ + "." + self._name_ + ": " + int.__repr__(self) + ">"

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return format(int(self), spec)


def unique(enumeration):
    """Decorator: refuses an enumeration in which two names share one value."""
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member._name_:
            duplicates.append((name, member._name_))
    if duplicates:
        details = ", ".join([alias + " -> " + name for (alias, name) in duplicates])
        raise ValueError("duplicate values found in " + repr(enumeration) + ": " + details)
    return enumeration
