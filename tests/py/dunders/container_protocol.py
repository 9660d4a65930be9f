class Grid:
    def __init__(self):
        self.data = {}
    def __getitem__(self, key):
        print("get", key)
        return self.data.get(key, 0)
    def __setitem__(self, key, value):
        print("set", key, value)
        self.data[key] = value
    def __delitem__(self, key):
        print("del", key)
        del self.data[key]
    def __len__(self):
        return len(self.data)
    def __contains__(self, key):
        return key in self.data
g = Grid()
g[1, 2] = 5
print(g[1, 2], g[0, 0], len(g), (1, 2) in g, (3, 3) in g)
g["a"] = 1
g["a"] += 10
del g[1, 2]
print(len(g), g.data)
class Slicer:
    def __getitem__(self, k): return k
s = Slicer()
print(s[1], s[1:2], s[::2], s[1:2, 3], s[...], s[:, None])
class Seq:
    def __getitem__(self, i):
        if i >= 4: raise IndexError(i)
        return i * i
print(list(Seq()), 9 in Seq(), 5 in Seq())
for v in Seq(): print("it", v)
class Sized:
    def __len__(self): return 3
print(len(Sized()), bool(Sized()))
class BadLen:
    def __len__(self): return -1
try:
    len(BadLen())
except ValueError as e:
    print("ValueError:", e)
try:
    len(5)
except TypeError as e:
    print("TypeError:", e)
