from functools import total_ordering
class Ver:
    def __init__(self, *parts): self.parts = parts
    def __eq__(self, o): return isinstance(o, Ver) and self.parts == o.parts
    def __lt__(self, o): return self.parts < o.parts
    def __le__(self, o): return self.parts <= o.parts
    def __gt__(self, o): return self.parts > o.parts
    def __ge__(self, o): return self.parts >= o.parts
    def __repr__(self): return "Ver" + repr(self.parts)
    __hash__ = None
a, b = Ver(1, 2), Ver(1, 10)
print(a < b, a <= b, a > b, a >= b, a == b, a != b, a == Ver(1, 2))
print(sorted([Ver(3), Ver(1, 5), Ver(1)]))
print(max(Ver(1), Ver(2)), min([b, a]))
class OnlyLt:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
print(OnlyLt(2) > OnlyLt(1))
try:
    OnlyLt(1) <= OnlyLt(2)
except TypeError as e:
    print("TypeError:", e)
@total_ordering
class T:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(T(1) <= T(2), T(3) >= T(2), T(1) > T(1))
class Eq:
    def __eq__(self, o): return True
print(Eq() == 1, 1 == Eq(), Eq() != 2, [Eq()] == [5])
try:
    1 < "a"
except TypeError as e:
    print("TypeError:", e)
print(object() == object(), 1 == "1")
