import math


class Circle:
    def __init__(self, r):
        self.r = r

    @property
    def area(self):
        return math.pi * self.r ** 2


class Person:
    def __init__(self, name, age):
        self.name = name
        self.age = age

    @classmethod
    def from_string(cls, s):
        name, age = s.split(",")
        return cls(name, int(age))

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, {self.age})"


class Student(Person):
    pass


class MathUtils:
    @staticmethod
    def add(a, b):
        return a + b


c = Circle(2)
print(c.area, round(c.area, 3))
try:
    c.area = 5
except AttributeError as e:
    print("AttributeError:", e)
print(Person.from_string("ann,31"), Student.from_string("bo,20"))
print(MathUtils.add(3, 4), MathUtils().add(1, 2))
