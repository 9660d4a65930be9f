import functools
from functools import wraps, reduce, partial, lru_cache
def logged(fn):
    @wraps(fn)
    def wrapper(*a, **k):
        print("calling", fn.__name__, a, k)
        return fn(*a, **k)
    return wrapper
@logged
def add(a, b=1):
    "Add two numbers."
    return a + b
print(add(2, b=3), add.__name__, add.__doc__, add.__wrapped__(1))
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 100), reduce(max, [3, 9, 2]))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print("TypeError:", e)
p = partial(pow, 2)
print(p(10), p.func is pow, p.args, partial(int, base=2)("1010"), partial(add, b=10)(5))
calls = []
@lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), len(calls), fib.cache_info().hits, fib.cache_info().misses)
@lru_cache(maxsize=2)
def sq(x):
    print("computing", x)
    return x * x
print(sq(2), sq(2), sq(3), sq(4), sq(2))
sq.cache_clear()
print(sq.cache_info().currsize)
@functools.cache
def twice(x):
    print("twice", x)
    return 2 * x
print(twice(4), twice(4))
print(functools.cmp_to_key(lambda a, b: b - a)(1) < functools.cmp_to_key(lambda a, b: b - a)(2))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
