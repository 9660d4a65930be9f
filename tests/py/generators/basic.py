def foo():
    yield 1
    yield 2
    yield 3
print(list(foo()))
g = foo()
print(type(g).__name__, next(g), next(g), next(g), next(g, "end"))
def counter(n):
    print("start")
    i = 0
    while i < n:
        print("yield", i)
        yield i
        i += 1
    print("finish")
for v in counter(2):
    print("got", v)
def ret():
    yield 1
    return "result"
g = ret()
next(g)
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
def inf():
    n = 0
    while True:
        yield n
        n += 1
g = inf()
print([next(g) for _ in range(5)])
print(iter(g) is g, hasattr(g, "__next__"))
def empty():
    return
    yield
print(list(empty()))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(12)])
