"""typing for numjit: the names used in annotations, subscriptable and printable like
CPython's (typing.List[int], typing.Optional[str], ~T...), plus cast, overload, final,
NamedTuple (functional and class form), TypedDict, NewType, Protocol, Generic.
Type checking itself is not done (as at runtime in CPython)."""

import collections as _collections

TYPE_CHECKING = False

__all__ = ['Any', 'Callable', 'ClassVar', 'Final', 'Generic', 'Literal', 'Optional', 'Protocol',
           'Tuple', 'Type', 'TypeVar', 'Union', 'AbstractSet', 'ByteString', 'Container',
           'Hashable', 'ItemsView', 'Iterable', 'Iterator', 'KeysView', 'Mapping', 'MappingView',
           'MutableMapping', 'MutableSequence', 'MutableSet', 'Sequence', 'Sized', 'ValuesView',
           'Awaitable', 'AsyncIterator', 'AsyncIterable', 'Coroutine', 'Collection',
           'AsyncGenerator', 'Reversible', 'SupportsAbs', 'SupportsFloat', 'SupportsInt',
           'SupportsRound', 'Counter', 'Deque', 'Dict', 'DefaultDict', 'List', 'OrderedDict',
           'Set', 'FrozenSet', 'NamedTuple', 'TypedDict', 'Generator', 'AnyStr', 'cast',
           'final', 'get_args', 'get_origin', 'get_type_hints', 'NewType', 'no_type_check',
           'overload', 'Text', 'TYPE_CHECKING', 'TypeAlias', 'Self', 'Never', 'NoReturn',
           'LiteralString', 'Annotated', 'ParamSpec', 'Concatenate', 'TypeGuard', 'Required',
           'NotRequired', 'Unpack', 'TypeVarTuple', 'assert_never', 'reveal_type',
           'runtime_checkable', 'IO', 'TextIO', 'BinaryIO', 'Pattern', 'Match']


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if type(obj).__name__ == 'function':
        return obj.__name__
    if isinstance(obj, list):
        return '[' + ', '.join(_type_repr(a) for a in obj) + ']'
    return repr(obj)


def _type_check(arg, msg=None):
    if arg is None:
        return type(None)
    return arg


class _Final:
    __slots__ = ()


class _SpecialForm(_Final):
    def __init__(self, name, getitem=None, doc=''):
        self._name = name
        self._getitem = getitem
        self.__doc__ = doc

    def __repr__(self):
        return 'typing.' + self._name

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __getitem__(self, parameters):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")
        return self._getitem(self, parameters)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return hash(self._name)

    def __reduce__(self):
        return self._name


class _GenericAlias(_Final):
    """A subscripted generic: List[int], Dict[str, int], Callable[[int], str]..."""

    def __init__(self, origin, args, name=None, special=None):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = tuple(... if a is ... else _type_check(a) for a in args)
        self._name = name
        self._special = special
        self.__parameters__ = tuple(a for a in self.__args__ if isinstance(a, TypeVar))

    def __repr__(self):
        name = self._name
        if name is None:
            return _type_repr(self.__origin__) + '[' + ', '.join(_type_repr(a) for a in self.__args__) + ']'
        if name == 'Callable' and len(self.__args__) == 2 and self._special == 'callable':
            a, r = self.__args__
            return f'typing.Callable[{_type_repr(a)}, {_type_repr(r)}]'
        if not self.__args__:
            return 'typing.' + name + '[()]'
        return 'typing.' + name + '[' + ', '.join(_type_repr(a) for a in self.__args__) + ']'

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except Exception:
            pass
        return result

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        subst = dict(zip(self.__parameters__, params))
        return _GenericAlias(self.__origin__, tuple(subst.get(a, a) for a in self.__args__), self._name)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def copy_with(self, params):
        return _GenericAlias(self.__origin__, params, self._name)


class _SpecialGenericAlias(_Final):
    """An unsubscripted generic name: List, Dict, Callable... (subscript it to get an alias)."""

    def __init__(self, origin, nparams, name, special=None):
        self.__origin__ = origin
        self._nparams = nparams
        self._name = name
        self._special = special

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if self._special == 'callable':
            if not isinstance(params, tuple) or len(params) != 2:
                raise TypeError("Callable must be used as Callable[[arg, ...], result].")
            args, result = params
            if isinstance(args, list):
                args = list(_type_check(a) for a in args)
            return _GenericAlias(self.__origin__, (args, result), self._name, 'callable')
        if not isinstance(params, tuple):
            params = (params,)
        if self._special != 'tuple' and self._nparams >= 0 and len(params) != self._nparams:
            many = "many" if len(params) > self._nparams else "few"
            raise TypeError(f"Too {many} arguments for {self}; actual {len(params)}, expected {self._nparams}")
        return _GenericAlias(self.__origin__, params, self._name)

    def __call__(self, *args, **kwargs):
        if self._name in ('List', 'Dict', 'Set', 'Tuple', 'FrozenSet', 'Type', 'Callable'):
            raise TypeError(f"Type {self._name} cannot be instantiated; use {self.__origin__.__name__}() instead")
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if not isinstance(other, _SpecialGenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self._name == other._name

    def __hash__(self):
        return hash((self.__origin__, self._name))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class _UnionGenericAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2:
            if args[0] is type(None):
                return f'typing.Optional[{_type_repr(args[1])}]'
            if args[1] is type(None):
                return f'typing.Optional[{_type_repr(args[0])}]'
        return 'typing.Union[' + ', '.join(_type_repr(a) for a in args) + ']'

    def __eq__(self, other):
        if not isinstance(other, _UnionGenericAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


def _union_getitem(self, parameters):
    if parameters == ():
        raise TypeError("Cannot take a Union of no types.")
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    params = []
    for p in parameters:
        p = _type_check(p)
        if isinstance(p, _UnionGenericAlias):
            for q in p.__args__:
                if q not in params:
                    params.append(q)
        elif p not in params:
            params.append(p)
    if len(params) == 1:
        return params[0]
    return _UnionGenericAlias(self, tuple(params), 'Union')


def _optional_getitem(self, parameters):
    arg = _type_check(parameters)
    return Union[arg, type(None)]


def _classvar_getitem(self, parameters):
    return _GenericAlias(self, (_type_check(parameters),), self._name)


def _literal_getitem(self, parameters):
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    alias = _GenericAlias(self, (), self._name)
    alias.__args__ = parameters
    return alias


def _annotated_getitem(self, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError("Annotated[...] should be used with at least two arguments (a type and an annotation).")
    alias = _GenericAlias(params[0], (params[0],), None)
    alias.__metadata__ = params[1:]
    return alias


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
Union = _SpecialForm('Union', _union_getitem)
Optional = _SpecialForm('Optional', _optional_getitem)
ClassVar = _SpecialForm('ClassVar', _classvar_getitem)
Final = _SpecialForm('Final', _classvar_getitem)
Required = _SpecialForm('Required', _classvar_getitem)
NotRequired = _SpecialForm('NotRequired', _classvar_getitem)
TypeGuard = _SpecialForm('TypeGuard', _classvar_getitem)
Unpack = _SpecialForm('Unpack', _classvar_getitem)
Concatenate = _SpecialForm('Concatenate', _literal_getitem)
Literal = _SpecialForm('Literal', _literal_getitem)
Annotated = _SpecialForm('Annotated', _annotated_getitem)


class TypeVar(_Final):
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = tuple(constraints)
        self.__bound__ = bound
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)

    def __repr__(self):
        if self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class ParamSpec(TypeVar):
    args = object()
    kwargs = object()


class TypeVarTuple(TypeVar):
    pass


AnyStr = TypeVar('AnyStr', bytes, str)
T = TypeVar('T')
KT = TypeVar('KT')
VT = TypeVar('VT')
T_co = TypeVar('T_co', covariant=True)
V_co = TypeVar('V_co', covariant=True)
VT_co = TypeVar('VT_co', covariant=True)
T_contra = TypeVar('T_contra', contravariant=True)
CT_co = TypeVar('CT_co', covariant=True, bound=type)


class Generic:
    """Abstract base class for generic types: class Box(Generic[T]) ... Box[int](x)."""
    __slots__ = ()

    def __class_getitem__(cls, params):
        if cls is Generic or cls is Protocol:
            return cls
        return _GenericAlias(cls, params)


class Protocol(Generic):
    """Base class for protocol classes (structural checks are not enforced)."""
    __slots__ = ()
    _is_protocol = True


def runtime_checkable(cls):
    return cls


class _ABCPlaceholder:
    pass


def _abc(name):
    import abc as _abc_mod
    return type(name, (), {'__module__': 'collections.abc'})


def _alias(origin, nparams, name=None, special=None):
    return _SpecialGenericAlias(origin, nparams, name or origin.__name__.capitalize(), special)


Hashable = _abc('Hashable')
Sized = _abc('Sized')
Awaitable = _alias(_abc('Awaitable'), 1, 'Awaitable')
Coroutine = _alias(_abc('Coroutine'), 3, 'Coroutine')
AsyncIterable = _alias(_abc('AsyncIterable'), 1, 'AsyncIterable')
AsyncIterator = _alias(_abc('AsyncIterator'), 1, 'AsyncIterator')
AsyncGenerator = _alias(_abc('AsyncGenerator'), 2, 'AsyncGenerator')
Iterable = _alias(_abc('Iterable'), 1, 'Iterable')
Iterator = _alias(_abc('Iterator'), 1, 'Iterator')
Reversible = _alias(_abc('Reversible'), 1, 'Reversible')
Container = _alias(_abc('Container'), 1, 'Container')
Collection = _alias(_abc('Collection'), 1, 'Collection')
Callable = _SpecialGenericAlias(_abc('Callable'), -1, 'Callable', 'callable')
AbstractSet = _alias(_abc('Set'), 1, 'AbstractSet')
MutableSet = _alias(_abc('MutableSet'), 1, 'MutableSet')
Mapping = _alias(_abc('Mapping'), 2, 'Mapping')
MutableMapping = _alias(_abc('MutableMapping'), 2, 'MutableMapping')
Sequence = _alias(_abc('Sequence'), 1, 'Sequence')
MutableSequence = _alias(_abc('MutableSequence'), 1, 'MutableSequence')
ByteString = _alias(_abc('ByteString'), 0, 'ByteString')
MappingView = _alias(_abc('MappingView'), 1, 'MappingView')
KeysView = _alias(_abc('KeysView'), 1, 'KeysView')
ItemsView = _alias(_abc('ItemsView'), 2, 'ItemsView')
ValuesView = _alias(_abc('ValuesView'), 1, 'ValuesView')
Generator = _alias(_abc('Generator'), 3, 'Generator')
Tuple = _SpecialGenericAlias(tuple, -1, 'Tuple', 'tuple')
List = _alias(list, 1, 'List')
Deque = _alias(_collections.deque, 1, 'Deque')
Set = _alias(set, 1, 'Set')
FrozenSet = _alias(frozenset, 1, 'FrozenSet')
Dict = _alias(dict, 2, 'Dict')
DefaultDict = _alias(_collections.defaultdict, 2, 'DefaultDict')
OrderedDict = _alias(_collections.OrderedDict, 2, 'OrderedDict')
Counter = _alias(_collections.Counter, 1, 'Counter')
ChainMap = _alias(_collections.ChainMap, 2, 'ChainMap') if hasattr(_collections, 'ChainMap') else None
Type = _alias(type, 1, 'Type')
Text = str
IO = _alias(_abc('IO'), 1, 'IO')
TextIO = _abc('TextIO')
BinaryIO = _abc('BinaryIO')
Pattern = _alias(_abc('Pattern'), 1, 'Pattern')
Match = _alias(_abc('Match'), 1, 'Match')
SupportsInt = _abc('SupportsInt')
SupportsFloat = _abc('SupportsFloat')
SupportsAbs = _abc('SupportsAbs')
SupportsRound = _abc('SupportsRound')
SupportsIndex = _abc('SupportsIndex')
SupportsComplex = _abc('SupportsComplex')
SupportsBytes = _abc('SupportsBytes')


def cast(typ, val):
    return val


def assert_type(val, typ, /):
    return val


def assert_never(arg, /):
    raise AssertionError(f"Expected code to be unreachable, but got: {arg!r}")


def reveal_type(obj, /):
    import sys
    print(f"Runtime type is {type(obj).__name__!r}", file=sys.stderr)
    return obj


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            "You should not call an overloaded function. "
            "A series of @typing.overload-decorated functions "
            "outside a stub module should always be followed "
            "by an implementation that is not @typing.overload-decorated.")
    return _overload_dummy


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    return arg


def no_type_check_decorator(decorator):
    return decorator


def dataclass_transform(**kwargs):
    return lambda cls: cls


def get_origin(tp):
    if isinstance(tp, (_GenericAlias, _SpecialGenericAlias)):
        if isinstance(tp, _UnionGenericAlias):
            return Union
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, _GenericAlias):
        res = tp.__args__
        if tp._special == 'callable' and isinstance(res[0], list):
            res = (list(res[0]), res[1])
        return res
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            hints.update(base.__dict__.get('__annotations__', {}))
        return hints
    return dict(getattr(obj, '__annotations__', {}))


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type


def _make_nmtuple(name, types, defaults=()):
    fields = [n for n, t in types]
    nt = _collections.namedtuple(name, fields, defaults=defaults)
    nt.__annotations__ = dict(types)
    return nt


class NamedTupleMeta(type):
    def __new__(cls, typename, bases, ns):
        if '__annotations__' not in ns and typename == 'NamedTuple':
            return super().__new__(cls, typename, bases, ns)
        types = ns.get('__annotations__', {})
        default_names = []
        for field_name in types:
            if field_name in ns:
                default_names.append(field_name)
            elif default_names:
                raise TypeError(f"Non-default namedtuple field {field_name} "
                                f"cannot follow default field"
                                f"{'s' if len(default_names) > 1 else ''} "
                                f"{', '.join(default_names)}")
        nm_tpl = _make_nmtuple(typename, list(types.items()),
                               defaults=[ns[n] for n in default_names])
        for key in ns:
            if key in ('__module__', '__qualname__', '__annotations__', '__dict__', '__weakref__'):
                continue
            if key in nm_tpl._fields:
                continue
            setattr(nm_tpl, key, ns[key])
        if '__module__' in ns:
            nm_tpl.__module__ = ns['__module__']
        return nm_tpl


class NamedTuple(metaclass=NamedTupleMeta):
    def __new__(cls, typename, fields=None, /, **kwargs):
        if fields is None:
            fields = kwargs.items()
        return _make_nmtuple(typename, list(fields))


class _TypedDictMeta(type):
    def __new__(cls, name, bases, ns, total=True):
        if name == 'TypedDict' and not ns.get('__annotations__'):
            return super().__new__(cls, name, bases, ns)
        anns = {}
        for b in bases:
            anns.update(getattr(b, '__annotations__', {}))
        anns.update(ns.get('__annotations__', {}))
        ns = dict(ns)
        ns['__annotations__'] = anns
        ns['__total__'] = total
        ns['__required_keys__'] = frozenset(anns) if total else frozenset()
        ns['__optional_keys__'] = frozenset() if total else frozenset(anns)
        return type.__new__(_TypedDictMeta, name, (dict,), ns)


class TypedDict(metaclass=_TypedDictMeta):
    pass


