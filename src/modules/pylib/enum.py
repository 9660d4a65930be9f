"""enum for numjit (basic): Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique.
Lookup by value goes through Enum.__new__ and by name through __class_getitem__ (numjit
does not dispatch metaclass __call__/__getitem__)."""

__all__ = ['EnumMeta', 'EnumType', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'auto',
           'unique']

_auto_null = object()


class auto:
    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return "auto(%r)" % self.value


def _is_descriptor(obj):
    return (hasattr(obj, '__get__') or hasattr(obj, '__set__') or hasattr(obj, '__delete__'))


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1] != '_' and name[-2] != '_'


class EnumMeta(type):
    def __new__(metacls, cls, bases, classdict, **kwds):
        members = []
        ns = {}
        for key, value in classdict.items():
            if (_is_dunder(key) or _is_sunder(key) or key.startswith('_' + cls + '__')
                    or _is_descriptor(value) or callable(value) and not isinstance(value, auto)):
                ns[key] = value
            else:
                members.append((key, value))
        ns['_member_names_'] = []
        ns['_member_map_'] = {}
        ns['_value2member_map_'] = {}
        enum_class = super().__new__(metacls, cls, bases, ns, **kwds)
        member_type = object
        for b in enum_class.__mro__[1:]:
            if b is not object and not issubclass(b, Enum) and b in (int, str, float):
                member_type = b
                break
        enum_class._member_type_ = member_type
        gen = getattr(enum_class, '_generate_next_value_', None)
        last_values = []
        for name, value in members:
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value = gen(name, 1, len(last_values), last_values[:])
                else:
                    value = value.value
            if isinstance(value, tuple) and member_type is not object:
                args = value
            else:
                args = (value,)
            if member_type is object:
                member = object.__new__(enum_class)
            else:
                member = member_type.__new__(enum_class, *args)
            if isinstance(value, tuple) and member_type is object and '__init__' in classdict:
                member.__init__(*value)
            elif '__init__' in classdict:
                member.__init__(value)
            member._name_ = name
            member._value_ = value
            last_values.append(value)
            canonical = None
            for other in enum_class._member_map_.values():
                if other._value_ == value:
                    canonical = other
                    break
            if canonical is not None:
                member = canonical
            else:
                enum_class._member_names_.append(name)
            enum_class._member_map_[name] = member
            try:
                enum_class._value2member_map_.setdefault(value, member)
            except TypeError:
                pass
            type.__setattr__(enum_class, name, member)
        return enum_class

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        if isinstance(member, cls):
            return True
        return member in cls._value2member_map_

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __bool__(cls):
        return True


EnumType = EnumMeta


class Enum(metaclass=EnumMeta):
    """Create a collection of name/value pairs."""

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            for member in cls._member_map_.values():
                if member._value_ == value:
                    return member
        missing = cls._missing_(value)
        if isinstance(missing, cls):
            return missing
        raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")

    def __init__(self, *args, **kwds):
        pass

    @classmethod
    def _missing_(cls, value):
        return None

    def __class_getitem__(cls, name):
        return cls._member_map_[name]

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        v_repr = repr(self._value_) if self._member_type_ is object else self._member_type_.__repr__(self)
        return "<%s.%s: %s>" % (self.__class__.__name__, self._name_, v_repr)

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class ReprEnum(Enum):
    pass


class IntEnum(int, ReprEnum):
    """Enum where members are also (and must be) ints"""

    def __new__(cls, value):
        return Enum.__new__(cls, value)

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)

    __repr__ = Enum.__repr__
    __hash__ = int.__hash__


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings"""

    def __new__(cls, value):
        return Enum.__new__(cls, value)

    def __str__(self):
        return str.__str__(self)

    __repr__ = Enum.__repr__

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    __hash__ = str.__hash__

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class Flag(Enum):
    """Support for flags"""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last = max(last_values)
        return 2 ** last.bit_length()

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        pseudo = object.__new__(cls) if cls._member_type_ is object else cls._member_type_.__new__(cls, value)
        names = [m._name_ for m in cls if m._value_ and (value & m._value_) == m._value_]
        pseudo._name_ = '|'.join(names) if names else None
        pseudo._value_ = value
        return pseudo

    def __contains__(self, other):
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return (m for m in self.__class__ if m._value_ and m._value_ & self._value_ == m._value_)

    def __len__(self):
        return len(list(iter(self)))

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ | other._value_)

    def __and__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ & other._value_)

    def __xor__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ ^ other._value_)

    def __invert__(self):
        all_bits = 0
        for m in self.__class__:
            all_bits |= m._value_
        return self.__class__(all_bits & ~self._value_)

    def __eq__(self, other):
        if isinstance(other, self.__class__):
            return self._value_ == other._value_
        return NotImplemented

    def __hash__(self):
        return hash(self._value_)

    def __repr__(self):
        return "<%s.%s: %r>" % (self.__class__.__name__, self._name_, self._value_)


class IntFlag(int, Flag):
    def __new__(cls, value):
        return Enum.__new__(cls, value)

    def __str__(self):
        return int.__repr__(self)

    __repr__ = Flag.__repr__
    __hash__ = int.__hash__
    __eq__ = int.__eq__


def unique(enumeration):
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ', '.join(["%s -> %s" % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in %r: %s' % (enumeration, alias_details))
    return enumeration
