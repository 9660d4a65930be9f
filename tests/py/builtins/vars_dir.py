class A:
    x = 1
    def __init__(self):
        self.inst = 2
    def meth(self): pass
a = A()
print(vars(a), sorted(vars(A).keys() - set(dir(object))))
print([n for n in dir(a) if not n.startswith("__")])
print([n for n in dir(A) if not n.startswith("_")])
def f():
    local1 = 1
    local2 = "two"
    return sorted(dir()), sorted(locals().items())
print(f())
import math
print("sqrt" in dir(math), "pi" in vars(math), vars(math)["pi"])
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
print(sorted(k for k in globals() if not k.startswith("__")))
print("__name__" in globals(), globals()["__name__"])
class S:
    __slots__ = ("q",)
print("q" in dir(S), "__dict__" in dir(S()))
print(sorted(n for n in dir([]) if not n.startswith("_")))
