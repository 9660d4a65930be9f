"""abc for numjit: ABCMeta (the VM enforces abstract methods for classes whose metaclass is
named ABCMeta), ABC, abstractmethod and friends, register() for virtual subclasses
(stored in the class dict under `_abc_registry`, honoured by isinstance/issubclass)."""


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def abstractclassmethod(callable):
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    """Deprecated: use property() with abstractmethod() instead."""
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset, fdel, doc)


class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        return cls

    def register(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        reg = cls.__dict__.get('_abc_registry')
        if reg is None:
            reg = []
            type.__setattr__(cls, '_abc_registry', reg)
        reg.append(subclass)
        return subclass

    def _dump_registry(cls, file=None):
        print(f"Class: {cls.__module__}.{cls.__qualname__}", file=file)
        print(f"Registry: {cls.__dict__.get('_abc_registry', [])}", file=file)

    def _abc_registry_clear(cls):
        reg = cls.__dict__.get('_abc_registry')
        if reg is not None:
            reg.clear()

    def _abc_caches_clear(cls):
        pass


class ABC(metaclass=ABCMeta):
    """Helper class that provides a standard way to create an ABC using inheritance."""
    __slots__ = ()


def get_cache_token():
    return 0


def update_abstractmethods(cls):
    return cls
