print(list(map(str.upper, ["a", "b"])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
m = map(len, ["x", "yy", "zzz"])
print(type(m).__name__, next(m), list(m))
# The seed says map(function, iterable, strict=True); in CPython 3.11 map has no strict
# parameter (added in 3.14): what 3.11 really does is raise TypeError.
try:
    print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20], strict=True)))
except TypeError as e:
    print("TypeError:", e)
# zip is the builtin with strict=True in 3.11
try:
    list(zip([1, 2, 3], [10, 20], strict=True))
except ValueError as e:
    print("ValueError:", e)
