# Nested loops: the inner loop is lifted first, then the outer loop at its own back-edge.
import numpy as np


def matmul(a, b, n):
    c = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            s = 0.0
            for k in range(n):
                s += a[i, k] * b[k, j]
            c[i, j] = s
    return c


def triangle(n):
    cnt = 0
    i = 0
    while i < n:
        j = 0
        while j < i:
            if (i + j) % 3 == 0:
                cnt += 1
            j += 1
        i += 1
    return cnt, i, j


def main():
    n = 40
    a = np.arange(n * n, dtype=np.float64).reshape(n, n) / 100.0
    b = np.ones((n, n)) * 0.5
    c = matmul(a, b, n)
    print("%.6f" % c.sum(), c[3, 7])
    print(triangle(400))
    best = -1
    for x in range(200):
        for y in range(200):
            v = (x * 31 + y * 17) % 1009
            if v > best:
                best = v
                if best == 1008:
                    break
    print(best, x, y)


main()
