print(sum([1, 2, 3]), sum([1, 2, 3], 10), sum([0.1] * 3), sum([[1], [2]], []), sum(()), sum(range(101)))
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"), min("bca"), max([1, 5, 3], key=lambda v: -v))
print(min([], default="empty"), max([], default=None), max([2], default=0), min(["aa", "b"], key=len))
print(max([(1, "b"), (1, "a")]), min(1, 1.0), max(1.0, 1), max(True, 1), max([3, 3, 1], key=lambda v: v == 3))
for bad in [lambda: min([]), lambda: max(), lambda: sum(["a", "b"], ""), lambda: min(1, 2, default=0), lambda: max(1)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(sum([1.5, 2, 3]), sum([True, True, False]), sum([1, 2], start=5))
