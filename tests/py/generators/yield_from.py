def inner():
    x = yield "i1"
    print("inner got", x)
    yield "i2"
    return "inner-result"
def outer():
    r = yield from inner()
    print("yield from returned", r)
    yield from [10, 20]
    yield from range(2)
    return "outer-done"
g = outer()
print(next(g))
print(g.send("sent"))
print(list(g))
def chain(*its):
    for it in its:
        yield from it
print(list(chain("ab", [1, 2], (x * x for x in range(3)))))
def deleg():
    try:
        yield from catcher()
    finally:
        print("deleg finally")
def catcher():
    try:
        yield 1
    except ValueError:
        yield "caught by inner"
d = deleg()
next(d)
print(d.throw(ValueError))
d.close()
def flatten(x):
    if isinstance(x, list):
        for i in x:
            yield from flatten(i)
    else:
        yield x
print(list(flatten([1, [2, [3, [4]], 5]])))
def gen_ret():
    return (yield from iter([]))
g = gen_ret()
try:
    next(g)
except StopIteration as e:
    print("value", e.value)
