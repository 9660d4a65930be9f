# A short innermost `for` loop whose range the loop around it does not change is lifted at
# that loop's next back-edge, so the nest is entered at the enclosing loop's header (the
# inner range needs no entry selects). When the enclosing loop cannot be lifted, the inner
# loop is lifted alone. Values, loop variables after the loops and errors are the
# interpreter's either way.
import numpy as np


def short_inner(a, b):
    n, m = a.shape
    c = np.zeros(n)
    for i in range(n):
        s = 0.0
        for k in range(m):
            s += a[i, k] * b[k]
        c[i] = s
    return c.sum(), i, k, s


def parent_not_liftable(n):
    rows = []
    total = 0
    for i in range(n):
        for k in range(100):
            total += (i * k) % 7
        rows.append(total)
    return total, len(rows), rows[-1], i, k


def inner_depends_on_outer(n):
    # The inner range starts at the outer variable: entered at the inner loop, as before.
    t = 0
    for i in range(n):
        for j in range(i, n):
            t += i ^ j
    return t, i, j


def short_inner_raises(a, idx):
    total = 0.0
    for i in range(a.shape[0]):
        for k in range(40):
            total += a[i, idx[k]]
    return total


def grows(a, m):
    # Called first with a short inner range (left to the outer loop), then with a long one:
    # the inner loop is then lifted itself, not run to its end interpreted first.
    t = 0.0
    for i in range(a.shape[0]):
        for k in range(m):
            t += a[i, k % 200] * 0.5
    return t, i, k


a = (np.arange(60000.0).reshape(300, 200) * 7.0) % 11.0
b = np.arange(200.0) % 5.0
print(short_inner(a, b))
print(parent_not_liftable(300))
print(inner_depends_on_outer(600))
idx = np.arange(40)
idx[39] = 500
try:
    short_inner_raises(a, idx)
except IndexError as e:
    print("IndexError:", e)
rows = np.ones((3, 200))
print(grows(rows, 400))
print(grows(rows, 100000))
print(grows(rows, 300000))
