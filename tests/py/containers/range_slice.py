r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[1:3], 5 in r, 6 in r, r.index(8), r.count(5))
print(range(5), range(0), list(range(5, 0, -1)), list(range(0, -10, -3)), range(3) == range(0, 3), range(0) == range(2, 2))
print(r.start, r.stop, r.step, list(range(10)[::2]), list(range(10)[::-3]), reversed(range(3)).__class__.__name__)
print(range(10 ** 20)[-1], range(0, 10 ** 20, 3)[-1], 10 ** 19 in range(10 ** 20))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError:", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, s.indices(5), slice(3), slice(None, None, -1).indices(4))
l = list(range(10))
print(l[s], l[slice(None, 3)], "abcdef"[slice(1, None, 2)], (0, 1, 2)[slice(-2, None)])
print(l[-100:100], l[5:2:-1], l[::-1][:3], l[8:-100:-3], l[None:2])
print(type(s).__name__, slice(1, 2) == slice(1, 2))
