import numpy as np
a = np.arange(10)
b = a[2:8:2]
b[0] = 100
print(a, b)
b += 1
print(a)
c = a[::-1]
c[0] = -1
print(a, c.strides, a.strides)
x = np.arange(40).reshape(5, 8)
print(x[1, 3], x[1][3], x[-1, -1], x[-2])
print(x[1:3, ::3], x[..., 0], x[:, None, 1].shape, x[None].shape)
print(x[np.array([0, 2]), np.array([1, 3])])
print(x[[0, 2]], x[:, [1, 2]])
print(x[x > 30])
x[x > 30] = 0
print(x)
w = np.arange(6).reshape(2, 3)
w[w > 1] = -1
print(w)
v = np.arange(10)
print(v[v > 5], v[(v > 2) & (v < 6)], v[~(v > 2)])
y = np.zeros((3, 4))
y[1] = 5
y[:, 2] = np.arange(3)
y[0, :] = [1, 2, 3, 4]
print(y)
y[1:, 1:] = np.array([10, 20, 30])
print(y)
z = np.arange(24).reshape(2, 3, 4)
print(z[:, 0, [1, 2]].shape, z[[0, 1], :, [1, 2]].shape, z[0, :, [1, 2]].shape)
print(z[..., 1], z[1, ...])
print(z[:, 1:, ::2])
i = np.array([[0, 1], [1, 0]])
print(z[i].shape, z[i, 0, 0])
for e in [10, -11]:
    try:
        print(a[e])
    except IndexError as err:
        print("IndexError:", err)
try:
    a[1, 2]
except IndexError as err:
    print("IndexError:", err)
try:
    x[5, 0]
except IndexError as err:
    print("IndexError:", err)
try:
    x[0, 8]
except IndexError as err:
    print("IndexError:", err)
try:
    x[np.array([1, 7])]
except IndexError as err:
    print("IndexError:", err)
try:
    a[1.5]
except IndexError as err:
    print("IndexError:", err)
try:
    a[np.array([True, False])]
except IndexError as err:
    print("IndexError:", err)
try:
    x[np.array([0, 1]), np.array([0, 1, 2])]
except IndexError as err:
    print("IndexError:", err)
try:
    y[0] = [1, 2]
except ValueError as err:
    print("ValueError:", err)
print(type(a[0]), type(x[0, 0]), type(x[0]), a[3].item(), type(a[3].item()))
e = np.arange(5.0)
e[[0, 2]] = 7
e[-1] += 0.5
print(e, e[-1], e[1:3].copy())
f = np.arange(12).reshape(3, 4)
f[:, ::2] *= 10
print(f)
print(f.T[1], f.T.strides, f[::2, ::-1].strides)
print(np.arange(5)[np.array([], dtype=int)])
print(f[1:1], repr(f[1:1]))
print(f[..., None].shape, f[None, ..., None].shape)
print(f.flat[5], list(f[0]), [list(r) for r in f])
g = np.arange(6)
g[g % 2 == 0] = np.array([100, 200, 300])
print(g)
print(f[-1, [True, False, True, False]])
