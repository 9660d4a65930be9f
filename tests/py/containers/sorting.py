data = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 20)]
print(sorted(data))
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: (p[1], p[0]), reverse=True))
print(sorted(data, key=lambda p: p[1], reverse=True))
words = ["banana", "Apple", "cherry", "apple"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
nums = [5, -3, 2, -8]
nums.sort(key=abs)
print(nums, sorted(nums, key=abs, reverse=True))
print(sorted("hello"), sorted({3: "a", 1: "b"}), sorted([3.5, 1, 2.25]), sorted([]))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
class Item:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return "I%d" % self.v
print(sorted([Item(3), Item(1), Item(2)]), min(Item(5), Item(4)))
stable = sorted([(1, "b"), (0, "x"), (1, "a"), (0, "y")], key=lambda t: t[0])
print(stable)
