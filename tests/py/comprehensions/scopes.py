x = "global x"
print([x for x in range(3)], x)
y = 10
print([y + i for i in range(3)])
def f():
    z = 5
    return [z * i for i in range(3)]
print(f())
class C:
    a = 5
    b = [a * 2 for _ in range(1)] if False else None
    items = [1, 2]
    doubled = [i * 2 for i in items]
print(C.doubled)
class D:
    n = 3
    try:
        vals = [n for _ in range(2)]
    except NameError as e:
        err = str(e)
print(D.err)
def g():
    fs = [lambda: i for i in range(3)]
    return [f() for f in fs]
print(g())
print([(lambda v: v + 1)(v) for v in range(3)])
print([j for i in range(3) for j in range(i)])
res = [last := v for v in range(4)]
print(res, last)
def walrus_in_comp():
    total = 0
    vals = [total := total + v for v in range(5)]
    return vals, total
print(walrus_in_comp())
