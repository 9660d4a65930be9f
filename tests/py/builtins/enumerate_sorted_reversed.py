print(list(enumerate("abc")), list(enumerate("abc", start=10)), list(enumerate([], 1)))
for i, ch in enumerate("hi", 1):
    print(i, ch)
print(sorted([3, 1, 2]), sorted("cba"), sorted([3, 1, 2], reverse=True), sorted(["b", "A", "a"], key=str.lower))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))), list(reversed((1, 2))))
class Rev:
    def __len__(self): return 3
    def __getitem__(self, i): return i * 10
print(list(reversed(Rev())))
class CustomRev:
    def __reversed__(self): return iter(["custom"])
print(list(reversed(CustomRev())))
try:
    reversed(iter([1]))
except TypeError as e:
    print("TypeError:", e)
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
e = enumerate(["x", "y"])
print(next(e), next(e), next(e, "stop"))
