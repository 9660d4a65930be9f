a = b = c = [0]
a.append(1)
print(a, b, c, a is c)
x = y = 5
x += 1
print(x, y)
l1 = [1]
l2 = l1
l1 += [2]
print(l1, l2, l1 is l2)
t1 = (1,)
t2 = t1
t1 += (2,)
print(t1, t2, t1 is t2)
s = "ab"
s *= 3
print(s)
d = {"k": 1}
d["k"] += 10
d["new"] = d.get("new", 0) + 1
print(d)
class O: pass
o = O()
o.v = 1
o.v *= 7
print(o.v)
lst = [1, 2, 3]
lst[0] -= 5
lst[-1] **= 2
print(lst)
n = 17
n >>= 1; n <<= 3; n &= 0xF0; n |= 1; n ^= 3
print(n)
f = 7.0
f /= 2; f //= 1; f %= 2
print(f)
i = j = 0
i, j = i + 1, i + 2
print(i, j)
m = [0, 0]
k = 0
k, m[k] = 1, 9
print(k, m)
