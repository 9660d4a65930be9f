l = [3, 1, 2]
l.append(4); l.extend([5, 6]); l.insert(0, 0); l.insert(100, 7); l.insert(-1, 99)
print(l, len(l))
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(99)
print(l, l.index(2), l.count(1), 2 in l, 10 in l)
l.reverse(); print(l)
l.sort(); print(l)
l.sort(reverse=True); print(l)
l.sort(key=lambda v: (v % 2, v)); print(l)
c = l.copy(); c.clear(); print(c, l)
print(l[1:3], l[::-1], l[-2:], l[:100], l[5:1], l[::3])
print([1, 2] + [3], [0] * 3, [[]] * 2, 3 * [1])
m = [[0] * 2] * 2
m[0][0] = 1
print(m)
print(list("abc"), list(range(3)), list((1, 2)), list({"a": 1}), list())
print(min([4, 2, 8]), max([4, 2, 8]), sum([1, 2, 3]), sorted([3, 1, 2]), [1, 2] == [1, 2], [1, 2] < [1, 2, 0])
for bad in [lambda: [].pop(), lambda: [1].index(5), lambda: [1].remove(5), lambda: [1][3]]:
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__ + ":", e)
a = [1, 2, 3]
a[1:2] = [9, 9, 9]
print(a, a[-1], a[-len(a)])
nested = [1, [2, [3]]]
print(nested, repr(nested), str([None, True, "s", 1.0]))
r = [1]
r.append(r)
print(r)
print([].__len__(), [1, 2].__getitem__(1), list.__name__)
