from contextlib import contextmanager, suppress
@contextmanager
def tag(name):
    print("<%s>" % name)
    try:
        yield name
    finally:
        print("</%s>" % name)
with tag("a") as t:
    with tag("b"):
        print("inside", t)
with suppress(KeyError, IndexError):
    [][0]
print("suppressed IndexError")
@contextmanager
def swallow():
    try:
        yield
    except ValueError as e:
        print("swallowed", e)
with swallow():
    raise ValueError("bad")
print("after swallow")
class Suppressor:
    def __enter__(self): return self
    def __exit__(self, t, v, tb):
        print("exit got", t.__name__ if t else t)
        return t is not None and issubclass(t, ArithmeticError)
def use():
    with Suppressor():
        1 / 0
    return "continued"
print(use())
try:
    with Suppressor():
        raise TypeError("nope")
except TypeError as e:
    print("not suppressed:", e)
