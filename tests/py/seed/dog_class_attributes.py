class Dog:
    species = "Canis familiaris"  # class attribute

    def __init__(self, name):
        self.name = name  # instance attribute


a = Dog("Buddy")
b = Dog("Miles")
print(a.name, a.species, b.name, b.species)
Dog.species = "Canis lupus familiaris"
print(a.species, b.species)
# instances can shadow the class attribute for themselves only
a.species = "robot dog"
print(a.species, b.species, Dog.species)
print(a.__dict__, b.__dict__)
del a.species
print(a.species)


class Pack:
    members = []  # mutable class attribute: shared by all instances

    def __init__(self, name):
        self.name = name

    def join(self):
        self.members.append(self.name)


Pack("x").join()
Pack("y").join()
print(Pack.members, Pack("z").members)
