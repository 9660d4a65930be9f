class Base:
    def __init__(self, x):
        self.x = x
        print("Base.__init__", x)
    def describe(self):
        return "Base(%s)" % self.x
class Child(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
        print("Child.__init__", y)
    def describe(self):
        return "Child<" + super().describe() + ">"
c = Child(1, 2)
print(c.describe(), c.x, c.y)
class A:
    def go(self): return ["A"]
class B(A):
    def go(self): return ["B"] + super().go()
class C(A):
    def go(self): return ["C"] + super().go()
class D(B, C):
    def go(self): return ["D"] + super().go()
print(D().go())
print(super(B, D()).go())
class E(D):
    def go(self):
        return super(D, self).go()
print(E().go())
class M:
    @classmethod
    def make(cls): return cls.__name__
class N(M):
    @classmethod
    def make(cls): return "N+" + super().make()
print(N.make())
