class A:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = 2
    def meth(self): return "m"
x = A()
print(x.__dict__)
print(vars(x))
print([k for k in A.__dict__ if not k.startswith("__")])
x.__dict__["c"] = 3
print(x.c)
print(type(x).__name__, type(x) is A, x.__class__ is A)
B = type("B", (A,), {"extra": 5, "meth": lambda self: "B.m"})
b = B()
print(B.__name__, b.extra, b.meth(), b.a, isinstance(b, A))
print(type(1), type("s"), type([]), type(None))
print(type(type), type(A), type(len).__name__)
print(A.meth(x), A.meth.__name__, x.meth.__self__ is x)
bound = x.meth
print(bound(), callable(bound))
print(A.__module__, A.__qualname__)
class Outer:
    class Inner:
        pass
print(Outer.Inner.__qualname__)
print(str(A).startswith("<class '__main__.A'"))
