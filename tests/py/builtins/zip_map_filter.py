print(list(zip([1, 2, 3], "abc")), list(zip()), list(zip([1, 2], [3])), list(zip([1], [2], [3])))
print(list(zip([1, 2], "ab", strict=True)))
try:
    list(zip([1, 2, 3], "ab", strict=True))
except ValueError as e:
    print("ValueError:", e)
try:
    list(zip([1], "ab", strict=True))
except ValueError as e:
    print("ValueError:", e)
print(list(map(abs, [-1, 2, -3])), list(map(pow, [2, 3], [3, 2])), list(map(lambda a, b, c: a + b + c, [1, 2], [10, 20], [100, 200, 300])))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])), list(filter(lambda x: x > 1, [1, 2, 3])))
print(list(map(str.upper, "ab")), list(map(len, ["aa", "b"])), type(map(abs, [])).__name__, type(filter(None, [])).__name__)
pairs = list(zip("xyz", range(3)))
letters, nums = zip(*pairs)
print(letters, nums)
def gen():
    for i in range(3):
        print("gen", i)
        yield i
m = map(lambda x: x * 10, gen())
print("map is lazy")
print(next(m), list(m))
print(dict(zip(["a", "b"], [1, 2])), list(enumerate(zip("ab", "cd"))))
