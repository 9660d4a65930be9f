g = (x * x for x in range(5))
print(type(g).__name__, next(g), list(g), list(g))
print(sum(x for x in range(101)), max(len(w) for w in ["a", "bbb", "cc"]))
print(list((i, j) for i in range(3) for j in range(i)))
print(list(x for x in range(20) if x % 3 == 0 if x % 2 == 0))
n = 10
g = (x + n for x in range(3))
n = 100
print(list(g))
try:
    g = (1 / x for x in [1, 0])
    print(next(g))
    next(g)
except ZeroDivisionError as e:
    print("lazy error:", e)
def src():
    print("iter called")
    return iter([1, 2])
g = (v for v in src())
print("created")
print(list(g))
print(any(x > 3 for x in [1, 5]), all(x > 0 for x in []), ",".join(str(i) for i in range(4)))
print(sorted((c for c in "hello"), reverse=True), tuple(c.upper() for c in "abc"))
