# Differential test: a compiled function whose loops have their bounds tested once at its
# entry runs its checked copy when the test fails (a strided view, a bound past a shorter
# array), called directly from Python and from another compiled function.
import numpy as np

from numba import njit


@njit
def window_sum(a, n):
    s = 0.0
    for j in range(n):
        s += a[j] * 0.5
    return s


@njit
def through(a, n):
    return window_sum(a, n) + 1.0


@njit
def pairs(p, n):
    e = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            e += p[i, 0] * p[j, 1]
    return e


a = np.arange(40.0)
print(window_sum(a, 40), window_sum(a[::2], 20), window_sum(a[::-1], 40))
print(through(a, 40), through(a[::2], 20), through(a[5:], 30))
p = np.arange(60.0).reshape(20, 3)
print(pairs(p, 20), pairs(p[::2], 10), pairs(p[:, ::-1], 20), pairs(p.T.copy().T, 20))
