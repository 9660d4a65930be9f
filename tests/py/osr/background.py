# Long loops compiled on the worker thread while they keep running interpreted: the native
# code takes over in the middle, from the interpreter's values (tests/osr.rs checks with
# --stats that it was entered).
import numpy as np


def main():
    n = 3_000_000
    s = 0.0
    k = 0
    for i in range(n):
        s += (i % 7) * 0.5 - 1.25
        if i % 3 == 0:
            k += 1
    print("sum", s, "k", k, "i", i)
    a = np.zeros(1000)
    for r in range(2000):
        for j in range(1000):
            a[j] = a[j] * 0.5 + (r + j) % 5
    print("a", a[0], a[1], a[999], a.sum())


main()
