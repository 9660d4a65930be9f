class O: pass
o = O()
o.a = 1
o.b = [1, 2]
o.b[0] = "x"
print(o.a, o.b)
setattr(o, "c", 3)
del o.a
print(hasattr(o, "a"), o.c)
lst = list(range(10))
lst[2:5] = ["a", "b"]
print(lst)
lst[::2] = [0] * 5
print(lst)
del lst[0]
del lst[-2:]
print(lst)
del lst[::2]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
x = 5
del x
try:
    x
except NameError as e:
    print("NameError:", e)
a, b = 1, 2
del a, b
print("a" in dir(), "b" in dir())
m = [[0] * 3 for _ in range(2)]
m[1][2] = 7
print(m)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError:", e)
try:
    lst[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
n = [1, 2, 3]
n[len(n):] = [4]
n[:0] = [0]
print(n)
