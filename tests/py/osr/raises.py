# A hot loop that raises from native code: same exception, same message, same line (the
# line is checked by tests/osr.rs, which compares the whole traceback with --jit=off).
import numpy as np


def fill(a, n):
    for i in range(n):
        a[i] = i * 2
    return a


def divide(n, k):
    r = 0
    for i in range(n):
        r += 1000 // (k - i)
    return r


def main():
    a = np.zeros(5000, dtype=np.int64)
    try:
        fill(a, 6000)
    except IndexError as e:
        print("IndexError:", e)
    print(a[4999], a.sum())
    try:
        divide(10000, 7000)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    b = np.ones(3000)
    s = 0.0
    for i in range(4000):
        s += b[i]


main()
