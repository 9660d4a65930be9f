import numpy as np
a = np.arange(10)
b = a[2:8:2]
b[0] = 100
print(a, b)
b[:] = -1
print(a)
c = a.reshape(2, 5)
c[1, 1] = 55
print(a, c)
d = a[::-1]
d[:3] = 0
print(a)
t = c.T
t[0, 1] = 99
print(c, t.shape, t.strides, c.strides)
e = a.copy()
e[0] = 1234
print(a[0], e[0])
f = np.zeros((3, 4))
row = f[1]
row += 5
col = f[:, 2]
col *= -1
col -= 2
print(f)
f[...] = 1.5
print(f)
g = np.arange(12).reshape(3, 4)
sub = g[1:, 1:3]
sub[...] = np.array([[7, 8], [9, 10]])
print(g)
h = g[:, None, :]
print(h.shape, h.strides)
fl = g.ravel()
fl[0] = -5
print(g[0, 0])
flat = g.flatten()
flat[1] = -6
print(g[0, 1])
k = np.arange(6.0)
k[1:4] += k[0:3]
print(k)
m = np.arange(5)
m[1:] = m[:-1]
print(m)
n = np.ones(4)
n2 = n[::2]
n2 /= 4
print(n)
x = np.arange(8)
x[x > 3] += 100
print(x)
y = np.arange(8).reshape(2, 4)
z = y[np.array([1, 0])]
z[0, 0] = 1000
print(y[1, 0])
w = np.broadcast_to(np.arange(3), (2, 3))
print(w, w.strides)
s = np.arange(4)
it = [int(v) for v in s]
print(it, list(s.tolist()), s.tolist() == it)
print([r.sum() for r in np.arange(6).reshape(3, 2)])
