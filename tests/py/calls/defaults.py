def append_to(x, lst=[]):
    lst.append(x)
    return lst
print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))
def safe(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
print(safe(1), safe(2))
n = 10
def late(x=n):
    return x
n = 20
print(late())
print(append_to.__defaults__ is not None, len(append_to.__defaults__))
def kw(*, a=1, b):
    return a, b
print(kw(b=2), kw(a=5, b=6))
print(kw.__kwdefaults__)
def show(a, b=2, *args, c, d=4, **kw):
    print(a, b, args, c, d, sorted(kw.items()))
show(1, c=3)
show(1, 2, 3, 4, c=5, z=6, y=7)
