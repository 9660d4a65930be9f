class P:
    def __init__(self, x, y): self.x, self.y = x, y
    def __eq__(self, o): return (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __repr__(self): return f"P({self.x},{self.y})"
s = {P(1, 2), P(1, 2), P(2, 1)}
print(len(s), P(1, 2) in s)
d = {P(0, 0): "origin"}
print(d[P(0, 0)])
class NoHash:
    def __eq__(self, o): return True
print(NoHash.__hash__)
try:
    {NoHash()}
except TypeError as e:
    print("TypeError:", e)
class Default: pass
x = Default()
print(x == x, x != Default(), hash(x) == hash(x), len({x, x}))
print(hash(1) == hash(1.0), hash(True) == hash(1), hash((1, 2)) == hash((1, 2)))
print(hash(-1), hash(0), hash(10**20) == hash(10**20), hash(2**61 - 1), hash(2**61))
print(hash(1.5), hash(-0.0), hash(float('inf')))
print({1: 'int', 1.0: 'float', True: 'bool'})
try:
    hash([1])
except TypeError as e:
    print("TypeError:", e)
print(hash(frozenset({1, 2})) == hash(frozenset({2, 1})))
