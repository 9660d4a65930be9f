from dataclasses import dataclass, field


@dataclass
class Box:
    name: str
    unit_price: float
    quantity: int

    def total_value(self) -> float:
        return self.unit_price * self.quantity


b = Box("widget", 2.5, 4)
print(b, b.total_value(), b == Box("widget", 2.5, 4))
try:
    Box("x")
except TypeError as e:
    print("TypeError:", e)


@dataclass
class Box2:
    name: str
    unit_price: float
    quantity: int = field(repr=False)  # field not included in string representation
    width: int = field(repr=False, default=5)


b2 = Box2("crate", 1.25, 10)
print(b2, b2.quantity, b2.width, Box2("c", 1.0, 1, 7).width)


@dataclass
class WithDefault:
    y: int = 5


print(WithDefault(), WithDefault.y)
