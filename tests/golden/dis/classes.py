class Animal:
    """An animal."""

    sound: str = "..."
    __secret = 1

    def __init__(self, name):
        self.name = name
        self.__hidden = Animal.__secret

    def speak(self):
        return f"{self.name} says {self.sound!r}"


class Dog(Animal, metaclass=Meta):
    def speak(self):
        return super().speak() + "!"

    @property
    def kind(self):
        return __class__.__name__
