class Dog:
    species = "Canis familiaris"
    tricks = []
    def __init__(self, name):
        self.name = name
a, b = Dog("Rex"), Dog("Fido")
print(a.species, b.species, Dog.species)
a.species = "wolf"
print(a.species, b.species, Dog.species)
print(sorted(a.__dict__), sorted(b.__dict__))
del a.species
print(a.species)
Dog.species = "changed"
print(a.species, b.species)
a.tricks.append("roll")
print(b.tricks, Dog.tricks is a.tricks)
b.tricks = ["own"]
print(a.tricks, b.tricks, Dog.tricks)
try:
    del a.species
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(a, "name"), hasattr(Dog, "name"))
print('species' in Dog.__dict__, 'name' in a.__dict__)
a.__dict__['extra'] = 1
print(a.extra)
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        self.count_at_creation = Counter.count
for _ in range(3): Counter()
print(Counter.count, Counter().count_at_creation)
