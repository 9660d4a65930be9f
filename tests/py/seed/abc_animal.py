from abc import ABC, abstractmethod


class Animal(ABC):
    species = "Unknown"  # class attribute

    def __init__(self, name):
        self.name = name  # instance attribute

    # every subclass of Animal must implement speak()
    @abstractmethod
    def speak(self):
        pass

    def introduce(self):
        return f"{self.name} the {self.species} says {self.speak()}"


class Dog(Animal):
    species = "dog"

    def speak(self):
        return "woof"


class Rock(Animal):
    pass


try:
    Animal("generic")
except TypeError as e:
    print("TypeError:", e)
try:
    Rock("pet rock")
except TypeError as e:
    print("TypeError:", e)
d = Dog("Rex")
print(d.introduce(), d.species, Animal.species, isinstance(d, Animal))
