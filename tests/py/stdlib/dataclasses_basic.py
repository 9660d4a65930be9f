from dataclasses import dataclass, asdict, astuple, replace, fields
@dataclass
class Point:
    x: int
    y: int = 0
p = Point(1, 2)
print(p, Point(5), p == Point(1, 2), p != Point(2, 1), p.x)
print(asdict(p), astuple(p), replace(p, y=9), [f.name for f in fields(p)])
try:
    Point()
except TypeError as e:
    print("TypeError:", e)
@dataclass(order=True)
class Version:
    major: int
    minor: int
print(sorted([Version(1, 2), Version(0, 9), Version(1, 0)]), Version(1, 0) < Version(1, 1))
@dataclass(frozen=True)
class Frozen:
    a: int
f = Frozen(1)
try:
    f.a = 2
except Exception as e:
    print(type(e).__name__ + ":", e)
print(hash(f) == hash(Frozen(1)), {f, Frozen(1)} == {f})
@dataclass
class Unhashable:
    a: int
print(Unhashable.__hash__)
@dataclass(eq=False)
class NoEq:
    a: int
print(NoEq(1) == NoEq(1))
@dataclass(repr=False)
class NoRepr:
    a: int
print(repr(NoRepr(1)).startswith("<__main__.NoRepr object at"))
@dataclass
class WithPost:
    a: int
    b: int = 0
    def __post_init__(self):
        self.total = self.a + self.b
print(WithPost(2, 3).total, WithPost(2, 3))
try:
    @dataclass
    class BadOrder:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)
class Base:
    pass
@dataclass
class Child(Point):
    z: int = 5
print(Child(1, 2, 3), Child(1))
