# Differential test: array code compiled by @njit (element access, shapes, allocation with
# dtypes, whole-array arithmetic with broadcasting, tuples, copies, calls between functions).
import numpy as np

from numba import njit


@njit
def total(a):
    s = 0.0
    for i in range(len(a)):
        s += a[i]
    return s


@njit
def scale_rows(m, k):
    h, w = m.shape
    out = np.zeros((h, w))
    for i in range(h):
        for j in range(w):
            out[i, j] = m[i, j] * k + i
    return out


@njit
def counts(n):
    c = np.zeros(n, dtype=np.int64)
    for i in range(n):
        c[i] = i * i % 7
    b = np.ones((2, n), dtype=np.bool_)
    b[0, 1] = False
    ones = np.ones(n)
    return c, b, ones


@njit
def trace_plus(a):
    t = 0.0
    for i in range(a.shape[0]):
        t += np.tanh(a[i, i])
    return a + t


@njit
def combos(a, b):
    return a * b, a - 1, 2 * a + b, b - a.shape[0]


@njit
def stats(a):
    lo = a[0]
    hi = a[0]
    for i in range(a.shape[0]):
        lo = min(lo, a[i])
        hi = max(hi, a[i])
    return lo, hi, a.shape[0], a.ndim, a.size


@njit
def neg_index(a):
    return a[-1] + a[-2]


@njit
def inplace(a):
    for i in range(a.shape[0]):
        a[i] += 1
        a[i] *= 2
    return a


@njit
def copy_and_modify(a):
    b = a.copy()
    b[0] = 100.0
    return b


@njit
def helper(a, i):
    return a[i] * 2.0


@njit
def use_helper(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += helper(a, i)
    return s


@njit
def swap(a, b):
    a, b = b, a
    return a - b


@njit
def pick(flag, u, v):
    if flag:
        src = u
    else:
        src = v
    return src[0]


x = np.arange(6, dtype=np.float64) * 0.5
print(total(x), total(np.arange(5)))
m = np.arange(12, dtype=np.float64).reshape(3, 4)
print(scale_rows(m, 1.5))
print(scale_rows(m.T, 2.0))
c, b, o = counts(5)
print(c, c.dtype, b, b.dtype, o)
print(trace_plus(np.eye(3)).round(6))
print(trace_plus(np.arange(9).reshape(3, 3)))
print(*stats(np.array([3.0, -1.0, 7.5, 2.0])))
print(*stats(np.array([4, 9, -2])))
print(neg_index(np.arange(10)))
y = np.zeros(4)
r = inplace(y)
print(y, r is y)
print(copy_and_modify(x), x)
print(use_helper(x))
print(swap(3, 10), swap(1.5, 0.25))
print(pick(True, np.array([1.0]), np.array([2.0])), pick(False, np.array([1.0]), np.array([2.0])))
print(x[::2], total(x[::2]))
p, q, r2, s = combos(np.arange(3.0), np.ones(3))
print(p, q, r2, s)
p, q, r2, s = combos(np.arange(6.0).reshape(2, 3), np.array([10.0, 20.0, 30.0]))
print(p, q, r2, s)
