print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0)
x = 5
print(0 <= x < 10, 0 < x == 5, 1 < x > 4)
print(1 == 1.0, 1 is 1, "a" < "b", "abc" < "abd", "Z" < "a")
print([1, 2] < [1, 3], (1, 2, 3) > (1, 2), [1] == [1], (1,) != (1,))
print(2 in [1, 2, 3], 4 not in (1, 2), "ell" in "hello", 'k' in {'k': 1})
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(0) < v(5))
print(calls)
print(float('nan') == float('nan'), float('inf') > 10**300)
a = [1]
b = a
print(a is b, a is [1], a == [1])
print(None != 0, 1 != 1.0)
