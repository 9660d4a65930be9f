class A:
    def who(self): return "A"
    def hello(self): return "hello from " + self.who()
class B(A):
    def who(self): return "B"
class C(A):
    def who(self): return "C"
class D(B, C):
    pass
print(D().who(), D().hello())
print([k.__name__ for k in D.__mro__])
print([k.__name__ for k in D.mro()])
class O: pass
class X(O): pass
class Y(O): pass
class Z(O): pass
class P(X, Y): pass
class Q(Y, Z): pass
class R(P, Q): pass
print([k.__name__ for k in R.__mro__])
print(D.__bases__[0].__name__, len(D.__bases__), A.__base__.__name__)
try:
    class Bad(X, P): pass
except TypeError as e:
    print("TypeError:", e)
print(issubclass(D, A), issubclass(A, D), issubclass(D, (int, C)))
print(isinstance(D(), B), isinstance(D(), object), isinstance(3, (str, int)))
print(D.__name__, D.__qualname__, type(D).__name__, type(D()) is D)
