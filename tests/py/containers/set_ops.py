a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print({1, 2} <= a, {1, 2} < a, a >= {1}, a.issubset({1, 2, 3, 4, 5}), a.isdisjoint({9}), {1} > {1})
s = set()
s.add(3); s.add(3); s.add(1)
s.update([7, 8])
s.discard(8); s.discard(100)
s.remove(7)
print(sorted(s), len(s), 3 in s, 5 in s)
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
print({1, 2, 3} == {3, 2, 1}, set() == frozenset(), set("aab") == {"a", "b"})
f = frozenset([1, 2, 2])
print(sorted(f), len(f), type(f | {3}).__name__, type({3} | f).__name__, {f: "frozen key"}[frozenset({1, 2})])
try:
    f.add(1)
except AttributeError as e:
    print("AttributeError:", e)
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
print(set(), frozenset(), {5}, frozenset({5}), sorted({3, 1, 2}))
print(set(range(5)), {10, 2, 7}, {-1, 0, 1})
p = {1, 2}
p2 = p.copy(); p2.add(3); p.clear()
print(p, sorted(p2), set([1]).pop())
c = {1, 2, 3}
c -= {1}; c |= {9}; c &= {2, 9}; c ^= {2, 4}
print(sorted(c))
print(sorted(x * x for x in {1, -1, 2}), sum({1, 2, 3}), max({1, 5, 2}), min(frozenset([4, 3])))
