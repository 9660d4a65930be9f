import operator
from operator import itemgetter, attrgetter, methodcaller
print(operator.add(1, 2), operator.sub(5, 3), operator.mul(2, 3), operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 3))
print(operator.pow(2, 8), operator.neg(5), operator.not_(0), operator.eq(1, 1), operator.lt(1, 2), operator.ge(1, 2))
print(operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.lshift(1, 4), operator.invert(0), operator.abs(-2))
print(operator.getitem([1, 2], 1), operator.contains("abc", "b"), operator.concat([1], [2]), operator.index(5), operator.truth([]))
l = [1, 2, 3]
operator.setitem(l, 0, 9); operator.delitem(l, 1)
print(l, operator.iadd([1], [2]), operator.is_(None, None))
data = [("b", 2), ("a", 3), ("c", 1)]
print(sorted(data, key=itemgetter(1)), itemgetter(0, 1)(["x", "y", "z"]), itemgetter("k")({"k": "v"}))
class P:
    def __init__(self, n): self.n = n; self.inner = self
    def greet(self, g): return g + str(self.n)
print(attrgetter("n")(P(3)), attrgetter("inner.n")(P(4)), attrgetter("n", "n")(P(1)), methodcaller("greet", "hi")(P(5)))
from functools import reduce
print(reduce(operator.mul, range(1, 8)), list(map(operator.mul, [1, 2], [3, 4])))
