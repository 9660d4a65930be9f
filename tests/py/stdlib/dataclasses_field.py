from dataclasses import dataclass, field
from typing import List
@dataclass
class Inventory:
    name: str
    items: List[str] = field(default_factory=list)
    secret: str = field(default="s3cret", repr=False)
    count: int = field(default=0, compare=False)
    derived: int = field(init=False, default=-1)
a = Inventory("a")
b = Inventory("b")
a.items.append("apple")
print(a, b, a.items is b.items)
print(Inventory("x", count=5) == Inventory("x", count=7), Inventory("x", ["i"]) == Inventory("x"))
try:
    Inventory("x", derived=3)
except TypeError as e:
    print("TypeError:", e)
print(a.secret, a.derived)
try:
    @dataclass
    class BadDict:
        v: dict = {}
except ValueError as e:
    print("ValueError:", e)
try:
    @dataclass
    class BadSet:
        v: set = set()
except ValueError as e:
    print("ValueError:", e)
try:
    @dataclass
    class Bad2:
        v: list = []
except ValueError as e:
    print("ValueError:", e)
@dataclass
class TupleDefault:
    v: tuple = ()
print(TupleDefault(), TupleDefault().v is TupleDefault().v)
try:
    field(default=1, default_factory=list)
except ValueError as e:
    print("ValueError:", e)
