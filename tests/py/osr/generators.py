# Generators containing hot loops are never lifted (their frames are suspended and resumed).


def gen(n):
    s = 0
    for i in range(n):
        s += i
        if i % 1000 == 0:
            yield s


def inner_hot(n):
    for j in range(3):
        t = 0
        for i in range(n):
            t += i * j
        yield t


print(sum(gen(50000)))
print(list(inner_hot(20000)))
g = (i * i for i in range(30000))
print(sum(g))
total = 0
for v in gen(20000):
    total += v % 7
print(total)
