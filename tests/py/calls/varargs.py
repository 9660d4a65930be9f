def f(*args, **kwargs):
    return args, kwargs
print(f())
print(f(1, 2, 3))
print(f(a=1, b=2))
print(f(1, x=2))
def total(first, *rest):
    return first + sum(rest)
print(total(1), total(1, 2, 3))
def keys(**kw):
    return list(kw)
print(keys(z=1, a=2, m=3))
args = (1, 2)
kwargs = {'c': 3, 'd': 4}
def four(a, b, c, d):
    return a * 1000 + b * 100 + c * 10 + d
print(four(*args, **kwargs))
print(four(*[1], *(2, 3), **{'d': 9}))
print(four(1, *range(2, 4), d=0))
print(f(*"ab", **dict(x=1), **{'y': 2}))
try:
    four(**{'a': 1}, **{'a': 2})
except TypeError as e:
    print("TypeError:", e)
try:
    four(*[1, 2, 3, 4, 5])
except TypeError as e:
    print("TypeError:", e)
print(type(f()[0]).__name__, type(f()[1]).__name__)
