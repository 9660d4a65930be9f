class R:
    def __radd__(self, o): return ("radd", o)
    def __rsub__(self, o): return ("rsub", o)
    def __rmul__(self, o): return ("rmul", o)
    def __rtruediv__(self, o): return ("rtruediv", o)
    def __rpow__(self, o): return ("rpow", o)
    def __rmod__(self, o): return ("rmod", o)
    def __rfloordiv__(self, o): return ("rfloordiv", o)
r = R()
print(1 + r, 2 - r, 3 * r, 4 / r, 5 ** r, 6 % r, 7 // r, "s" + r, [1] * r if False else "skip")
class Base:
    def __add__(self, o): return "Base.add"
    def __radd__(self, o): return "Base.radd"
class Sub(Base):
    def __radd__(self, o): return "Sub.radd"
print(Base() + Sub())
print(Base() + Base())
class Both:
    def __add__(self, o): return NotImplemented
    def __radd__(self, o): return "radd used"
try:
    print(Both() + Both())
except TypeError as e:
    print("same type: __radd__ not tried:", e)
print(1 + Both())
class Neither:
    def __add__(self, o): return NotImplemented
try:
    Neither() + Neither()
except TypeError as e:
    print("TypeError:", e)
print((5).__radd__(3), (2).__rsub__(10), (1.5).__rmul__(2))
print(int.__add__(1, 2), (3).__add__(1.0))
