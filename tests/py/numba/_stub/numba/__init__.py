"""Test stub: numba is not installable for CPython 3.11 here. For the corpus examples numba's
semantics equal Python's, so jit/njit are identity decorators (used by tests/regen.py only)."""


def jit(*args, **kwargs):
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda f: f


njit = jit
