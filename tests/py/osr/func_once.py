# Hot loops in a function called once: entered natively mid-loop (on-stack replacement).
import numpy as np


def main():
    n = 20000
    a = np.zeros(n)
    for i in range(n):
        a[i] = i * 0.25 - 3.0
    s = 0.0
    for i in range(n):
        s += a[i] * a[i]
    print("sum", s, "i after loop", i)
    k = 0
    steps = 0
    while k < 100000:
        k += 7
        steps += 1
    print("while", k, steps)
    total = 0
    for j in range(10, 30000, 3):
        if j % 5 == 0:
            continue
        if j > 29000:
            break
        total += j
    print("step range", total, j)
    down = 0
    for j in range(30000, 0, -2):
        down += j
    print("down", down, j)
    flag = False
    cnt = 0
    for i in range(5000):
        if i * i > 20000000:
            flag = True
        cnt += int(flag)
    print("flag", flag, cnt, type(flag).__name__)
    m = 1.0
    for i in range(4000):
        m = m * 1.0001 + float(i % 3) / 7.0
    print("m %.12f" % m)


main()
