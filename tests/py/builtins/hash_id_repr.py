a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]), type(id(a)).__name__)
print(hash(42), hash(True), hash(None) == hash(None), hash((1, "a")) == hash((1, "a")), hash(3.0) == hash(3))
print(repr(1), repr("a'b"), repr([1, "x"]), repr((1,)), repr({1: "a"}), repr(None), repr(b"\n"), repr(3.0), repr(...))
print(repr(set()), repr(frozenset({1})), repr(range(3)), repr(slice(2)), repr(NotImplemented), repr(Ellipsis))
print(repr(int), repr(len), repr(object).startswith("<class"), str(type(None)))
print(format(3.14159, ".2f"), format(42), format("x", "^5"), format(1e6, ","), format(True), format(None))
class Point:
    def __init__(self, x): self.x = x
    def __repr__(self): return f"Point(x={self.x!r})"
print(repr(Point("s")), [Point(1)], str(Point(2)))
r = repr(object())
print(r.startswith("<object object at 0x"), r.endswith(">"))
class Default: pass
print(repr(Default()).startswith("<__main__.Default object at 0x"))
def fn(): pass
print(repr(fn).startswith("<function fn at 0x"), repr(print), repr(abs))
