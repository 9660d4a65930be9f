class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"V({self.x}, {self.y})"
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        return NotImplemented
    def __sub__(self, o): return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return V(self.x * k, self.y * k)
        return NotImplemented
    def __rmul__(self, k): return self * k
    def __radd__(self, o):
        if o == 0: return self
        return NotImplemented
    def __neg__(self): return V(-self.x, -self.y)
    def __abs__(self): return (self.x ** 2 + self.y ** 2) ** 0.5
    def __truediv__(self, k): return V(self.x / k, self.y / k)
    def __floordiv__(self, k): return V(self.x // k, self.y // k)
    def __mod__(self, k): return V(self.x % k, self.y % k)
    def __pow__(self, k): return V(self.x ** k, self.y ** k)
    def __matmul__(self, o): return self.x * o.x + self.y * o.y
    def __iadd__(self, o):
        self.x += o.x; self.y += o.y
        return self
    def __bool__(self): return bool(self.x or self.y)
    def __pos__(self): return self
    def __invert__(self): return V(~self.x, ~self.y)
    def __and__(self, o): return "and"
    def __lshift__(self, n): return "lshift %d" % n
a, b = V(1, 2), V(3, 4)
print(a + b, a - b, a * 3, 3 * a, -a, abs(b))
print(b / 2, b // 2, b % 2, a ** 2, a @ b, +a, ~a, a & b, a << 3)
print(sum([a, b, V(1, 1)]))
c = a
c += b
print(c, a, c is a)
print(bool(V(0, 0)), bool(a))
try:
    a + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "s" * a
except TypeError as e:
    print("TypeError:", e)
class N:
    def __init__(self, v): self.v = v
    def __add__(self, o): return N(self.v + (o.v if isinstance(o, N) else o))
    def __repr__(self): return "N(%r)" % self.v
n = N(1)
n += 5
print(n)
