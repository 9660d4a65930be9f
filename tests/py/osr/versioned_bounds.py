# Innermost loops whose indices are proven in bounds run without checks; the others (indices
# past the end, negative indices that wrap, strided and transposed views) must behave exactly
# as the interpreter: same sums, same IndexError at the same iteration, same locals after it.
import numpy as np


def row_sum(a, r, lo, hi):
    s = 0.0
    i = -99
    try:
        for i in range(lo, hi):
            s += a[r, i]
    except IndexError as e:
        return ("IndexError", str(e), s, i)
    return s


def shifted(a, lo, hi):
    s = 0.0
    for i in range(lo, hi):
        s += a[i + 1] - a[i - 1]
    return s


def scale_rows(a, out, k):
    for r in range(a.shape[0]):
        for c in range(a.shape[1]):
            out[r, c] = a[r, c] * k + a[r, 0]
    return out


def column(a, k, n):
    t = 0.0
    j = 0
    try:
        for j in range(n):
            t += a[j, k]
    except IndexError as e:
        print("column:", e, t, j)
    return t


base = np.arange(48, dtype=np.float64).reshape(4, 12) * 0.25 - 2.0
views = [base, base[:, ::2], base[:, :6].T.copy().T, base.T]
for v in views:
    for r in (0, 3, -1, -4):
        for lo, hi in ((0, 6), (0, 7), (-3, 2), (2, 2), (5, 1), (-20, 1)):
            for _ in range(40):
                got = row_sum(v, r, lo, hi)
            print(v.shape, r, lo, hi, got)

line = np.linspace(-1.0, 1.0, 101)
for lo, hi in ((1, 100), (0, 100), (1, 101), (-50, 50), (3, 3)):
    try:
        for _ in range(30):
            x = shifted(line, lo, hi)
        print("shifted", lo, hi, x)
    except IndexError as e:
        print("shifted", lo, hi, "IndexError:", e)

for v in views:
    out = np.zeros(v.shape)
    for _ in range(30):
        scale_rows(v, out, 1.5)
    print(out.sum(), out[-1, -1], out[0, 1])

for k in (0, 5, -1, 12):
    for _ in range(30):
        t = column(base, k, 4) if k < 12 else column(base, k, 2)
    print("column", k, t)
for n in (3, 5):
    print("column", n, column(base.T, 2, n))
