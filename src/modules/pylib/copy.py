"""copy for numjit: copy() and deepcopy() with __copy__/__deepcopy__/__reduce_ex__-free
semantics for builtins, instances (via __dict__ / __slots__) and a memo for cycles."""

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, complex, str, bytes, type, range, type(Ellipsis),
           type(NotImplemented), frozenset)


def _is_atomic(x):
    cls = type(x)
    if cls in _atomic:
        return True
    return cls.__name__ in ('function', 'builtin_function_or_method', 'module', 'code', 'property')


def _slots_of(cls):
    names = []
    for c in cls.__mro__:
        s = c.__dict__.get('__slots__', ())
        if isinstance(s, str):
            s = (s,)
        for n in s:
            if n not in ('__dict__', '__weakref__') and n not in names:
                names.append(n)
    return names


def _new_like(x):
    cls = type(x)
    return object.__new__(cls)


def _copy_state(x, y, transform):
    d = getattr(x, '__dict__', None)
    if d is not None:
        for k, v in d.items():
            object.__setattr__(y, k, transform(v))
    for n in _slots_of(type(x)):
        try:
            v = object.__getattribute__(x, n)
        except AttributeError:
            continue
        object.__setattr__(y, n, transform(v))


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if _is_atomic(x) or cls is tuple:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    if cls is bytearray:
        return bytearray(x)
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    if isinstance(x, BaseException):
        y = cls(*x.args)
        _copy_state(x, y, lambda v: v)
        return y
    if isinstance(x, tuple):
        if hasattr(x, '_fields'):
            return cls(*x)
        return cls(x)
    if isinstance(x, (list, dict, set)):
        y = cls.__new__(cls)
        if isinstance(x, list):
            y.extend(x)
        elif isinstance(x, dict):
            dict.update(y, x)
        else:
            y.update(x)
        _copy_state(x, y, lambda v: v)
        return y
    y = _new_like(x)
    _copy_state(x, y, lambda v: v)
    return y


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        if d in memo:
            return memo[d]
        if all(a is b for a, b in zip(x, items)):
            y = x
        else:
            y = tuple(items)
    elif cls is dict:
        y = {}
        memo[d] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is set:
        y = {deepcopy(a, memo) for a in x}
    elif cls is bytearray:
        y = bytearray(x)
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        elif isinstance(x, BaseException):
            y = cls(*deepcopy(x.args, memo))
            memo[d] = y
            _copy_state(x, y, lambda v: deepcopy(v, memo))
        elif isinstance(x, tuple):
            vals = [deepcopy(a, memo) for a in x]
            y = cls(*vals) if hasattr(x, '_fields') else cls(vals)
        elif isinstance(x, (list, dict, set)):
            y = cls.__new__(cls)
            memo[d] = y
            if isinstance(x, list):
                for a in x:
                    y.append(deepcopy(a, memo))
            elif isinstance(x, dict):
                for k, v in x.items():
                    dict.__setitem__(y, deepcopy(k, memo), deepcopy(v, memo))
            else:
                for a in x:
                    y.add(deepcopy(a, memo))
            _copy_state(x, y, lambda v: deepcopy(v, memo))
        else:
            y = _new_like(x)
            memo[d] = y
            _copy_state(x, y, lambda v: deepcopy(v, memo))
    if y is not x:
        memo[d] = y
    return y
