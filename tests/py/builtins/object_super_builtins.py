o = object()
print(type(o).__name__, isinstance(o, object), object.__bases__, len(object.__mro__))
try:
    o.attr = 1
except AttributeError as e:
    print("AttributeError:", e)
class A:
    def f(self): return "A.f"
class B(A):
    def f(self): return "B.f+" + super(B, self).f()
print(B().f(), super(B, B()).f())
print(type(property()).__name__, type(classmethod(len)).__name__, type(staticmethod(len)).__name__)
class C:
    def __init__(self): self._x = 0
    def getx(self): return self._x
    def setx(self, v): self._x = v
    x = property(getx, setx, None, "doc of x")
    def cm(cls): return cls.__name__
    cm = classmethod(cm)
    def sm(a, b): return a + b
    sm = staticmethod(sm)
c = C()
c.x = 5
print(c.x, C.x.__doc__, C.cm(), c.cm(), C.sm(1, 2), c.sm(3, 4))
print(issubclass(int, object), issubclass(type, object), isinstance(object, type), isinstance(type, object))
print(NotImplemented, Ellipsis, ... is Ellipsis, type(...).__name__)
