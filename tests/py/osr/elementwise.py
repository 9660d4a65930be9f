# Element-wise array expressions in hot functions: contiguous rows run two lanes at a time,
# views (strided, transposed, overlapping) keep the scalar order; every value must equal
# numpy's, NaN and -0.0 included.
import numpy as np


def shifted_sum(a, s):
    return a + s


def combo(a, b, s):
    return -(a * s) + (b - 1.5)


def neg(a):
    return -a


def scale_in_place(x, k):
    for i in range(x.shape[0]):
        x[i] = x[i] * k
    return x


def copy_rows(dst, src):
    for j in range(src.shape[0]):
        dst[j] = src[j] * 2.0 - 1.0
    return dst


vals = [0.0, -0.0, 1.5, -2.25, float("nan"), 1e300, 5e-324, 3.0, -7.5, -1e-300, 0.1]
grid = np.array([vals[k % 11] * (k % 5 + 1) for k in range(77)]).reshape(7, 11)
views = [grid, grid[:, ::2], grid.T, grid[1:, 3:], grid[::-1, ::-1]]
for v in views:
    for _ in range(30):
        r1 = shifted_sum(v, 0.25)
        r2 = combo(v, np.ones(v.shape), -0.0)
        r3 = combo(v, v[::-1], 2.0)
        r4 = neg(v)
    print(v.shape, r1.tolist()[0][:5], r1[-1, -3:].tolist())
    print(np.signbit(r2).sum(), np.isnan(r2).sum(), r2[0].tolist()[:4])
    print(np.sum(r3[np.isfinite(r3)]), r3[-1].tolist()[:4])
    print(np.signbit(r4).sum(), r4[0].tolist()[:4])

for n in (0, 1, 2, 5, 9):
    x = np.arange(n, dtype=np.float64) - 2.0
    for _ in range(30):
        y = scale_in_place(x.copy(), -0.5)
    print(n, y.tolist())

base = np.linspace(-1.0, 1.0, 13)
for _ in range(30):
    b = base.copy()
    copy_rows(b[1:], b[:-1])
print(b.tolist())
for _ in range(30):
    c = base.copy()
    copy_rows(c[:-1], c[1:])
print(c.tolist())
