from abc import ABC, abstractmethod
class Shape(ABC):
    sides = 0
    def __init__(self, name):
        self.name = name
    @abstractmethod
    def area(self):
        pass
    @abstractmethod
    def perimeter(self):
        pass
    def describe(self):
        return f"{self.name}: area={self.area()} perimeter={self.perimeter()}"
class Square(Shape):
    sides = 4
    def __init__(self, s):
        super().__init__("square")
        self.s = s
    def area(self): return self.s ** 2
    def perimeter(self): return 4 * self.s
class Half(Shape):
    def area(self): return 0
try:
    Shape("x")
except TypeError as e:
    print("TypeError:", e)
try:
    Half("h")
except TypeError as e:
    print("TypeError:", e)
sq = Square(3)
print(sq.describe(), sq.sides, Shape.sides, isinstance(sq, Shape), issubclass(Square, ABC))
print(sorted(Shape.__abstractmethods__), sorted(Half.__abstractmethods__), Square.__abstractmethods__)
class Registered(ABC):
    pass
Registered.register(int)
print(isinstance(5, Registered), issubclass(int, Registered), isinstance("s", Registered))
