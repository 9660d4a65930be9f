sq = lambda x: x * x
print(sq(7))
add = lambda a, b=10: a + b
print(add(1), add(1, 2))
print((lambda *a, **k: (a, k))(1, 2, z=3))
print(list(map(lambda x: x + 1, [1, 2, 3])))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
fs = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fs])
print(sq.__name__)
def named(): pass
print(named.__name__)
compose = lambda f, g: lambda x: f(g(x))
print(compose(sq, add)(2))
print((lambda: (yield 1))().__class__.__name__)
