d = {"b": 1, "a": 2}
d["c"] = 3
print(d, len(d), list(d), d["a"], d.get("z"), d.get("z", 0))
d["b"] = 10
print(d)
del d["b"]
d["b"] = 5
print(d)
print(d.pop("a"), d.pop("zz", "dflt"), d)
print(d.setdefault("c", 100), d.setdefault("n", []), d)
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(d)
print(list(d.keys()), list(d.values()), list(d.items()))
print("x" in d, "q" not in d, 1 in d.values(), ("x", 1) in d.items())
print(d.popitem(), d)
print(dict(a=1, b=2), dict([("k", "v")]), dict(zip("ab", [1, 2])), dict.fromkeys("xy", 0), dict({"m": 1}, n=2))
e = {1: "one"}
e2 = e.copy(); e2[2] = "two"
print(e, e2, e == {1: "one"}, {1: 1, 2: 2} == {2: 2, 1: 1})
print({**e, **e2}, e | {3: "three"})
e |= {0: "zero"}
print(e)
try:
    d["missing"]
except KeyError as ex:
    print("KeyError:", ex)
try:
    {[1]: 2}
except TypeError as ex:
    print("TypeError:", ex)
try:
    {}.popitem()
except KeyError as ex:
    print("KeyError:", ex)
class Missing(dict):
    def __missing__(self, k):
        return k * 2
print(Missing()["ab"])
counts = {}
for w in "the cat the hat the".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: -kv[1]))
print(dict(sorted({"b": 1, "a": 2}.items())), {(1, 2): "tuple key"}[(1, 2)])
keys = d.keys()
d["late"] = 1
print(list(keys)[-1], len(keys), reversed(d).__class__.__name__, list(reversed({1: 1, 2: 2})))
