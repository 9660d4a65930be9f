class C:
    a = 1
    def __init__(self): self.b = 2
c = C()
print(getattr(c, "a"), getattr(c, "b"), getattr(c, "z", "default"), hasattr(c, "a"), hasattr(c, "z"))
setattr(c, "z", 26)
print(c.z, getattr(c, "z"))
delattr(c, "z")
print(hasattr(c, "z"))
try:
    getattr(c, "nope")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(c, "nope")
except AttributeError as e:
    print("AttributeError:", e)
try:
    getattr(c, 5)
except TypeError as e:
    print("TypeError:", e)
print(getattr(C, "__name__"), getattr([], "append").__name__, hasattr(5, "real"), getattr(5, "real"))
try:
    setattr(5, "x", 1)
except AttributeError as e:
    print("AttributeError:", e)
try:
    object().x = 1
except AttributeError as e:
    print("AttributeError:", e)
print(isinstance(c, C), isinstance(c, (int, C)), issubclass(C, object), issubclass(bool, int), isinstance(C, type))
try:
    isinstance(c, 5)
except TypeError as e:
    print("TypeError:", e)
print(type(c) is C, type(3) is int, type("s") == str, type(type) is type)
