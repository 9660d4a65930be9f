funcs = []
for i in range(3):
    funcs.append(lambda: i)
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])
def make(i):
    return lambda: i
print([make(i)() for i in range(3)])
fs = [lambda: j for j in range(4)]
print([f() for f in fs])
def loop_closures():
    out = []
    for k in "abc":
        def g():
            return k
        out.append(g)
    return [g() for g in out]
print(loop_closures())
