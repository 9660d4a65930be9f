for name, obj in [("list", [1, 2]), ("tuple", (1, 2)), ("str", "ab"), ("dict", {"a": 1}), ("range", range(2)), ("bytes", b"ab"), ("set", {7})]:
    it = iter(obj)
    print(name, type(it).__name__, next(it), iter(it) is it)
d = {"x": 1, "y": 2}
print(list(d.keys()), list(d.values()), list(d.items()))
ki = iter(d)
print(next(ki), next(ki), next(ki, None))
e = enumerate("abc", 1)
print(next(e), list(e))
z = zip([1, 2], "ab")
print(iter(z) is z, list(z), list(z))
m = map(str, range(3))
print(next(m), list(m))
print(list(reversed([1, 2, 3])), list(reversed(range(4))), list(reversed("abc")))
it = iter(range(10))
print([next(it) for _ in range(3)], list(zip(it, it)))
calls = iter([1, 2, 0, 3])
print(list(iter(lambda: next(calls), 0)))
try:
    d2 = {1: 1}
    for k in d2:
        d2[k + 1] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
