from dataclasses import dataclass, field
from typing import List

# The seed claims a [] default is shared between instances. What CPython 3.11 really does:
# @dataclass refuses a list/dict/set default at class creation with a ValueError.
try:
    @dataclass
    class Person:
        names: List[str] = []
except ValueError as e:
    print("ValueError:", e)


@dataclass
class Person:
    names: List[str] = field(default_factory=list)  # not [] as it expects a callable


p1 = Person()
p2 = Person()
p1.names.append("Dave")
print(p2.names)  # [] Not shared!
print(p1.names, p1)


# A plain class attribute (no dataclass) really is shared until shadowed:
class Plain:
    names = []


q1, q2 = Plain(), Plain()
q1.names.append("Dave")
print(q2.names)
q2.names = ["own"]
print(q1.names, q2.names, Plain.names)
