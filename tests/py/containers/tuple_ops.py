t = (1, 2, 3)
print(t, t[0], t[-1], t[1:], len(t), t + (4,), t * 2, 2 in t, t.index(3), t.count(1))
print((), (1,), tuple([1, 2]), tuple("ab"), tuple(range(3)), type(()).__name__)
a, b, c = t
print(a + b + c)
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
print((1, 2) < (1, 3), (1, 2) == (1, 2), (2,) > (1, 9), hash((1, 2)) == hash((1, 2)))
nested = ((1, 2), [3, 4])
nested[1].append(5)
print(nested)
try:
    hash(nested)
except TypeError as e:
    print("TypeError:", e)
print(max((1, "b"), (1, "a")), sorted([(2, "a"), (1, "z"), (2, "0")]))
x = 1, 2
print(x, type(x).__name__)
print(tuple(x for x in "hi"), (1, (2, (3,))))
