# Ints that outgrow int64 after a loop or function was compiled: results stay exact.
def f():
    s = 0
    for i in range(100000):
        s += i ** 3 if False else i * i * i
    return s
print(f())
def g(n):
    t = 1
    for i in range(n):
        t = t * 3 + 1
    return t
for k in range(1500):
    x = g(30)
print(x, g(60))
s = 0
for i in range(200000):
    s += i * i * i
print(s)
