# A loop that raises after running natively for a while: a handler after the loop sees the
# interpreter's values of the loop's variables (a loop that stores into no array is run again
# by the interpreter from the state at the native entry; one that stores reports its scalars
# at the failing operation).
import numpy as np


def index_past_end(a):
    s = 0.0
    i = -1
    try:
        for i in range(a.shape[0] + 5):
            s += a[i] * 0.5
    except IndexError as e:
        print("IndexError:", e, "at i =", i, "s =", s)
    return s


def divide_by_zero(n):
    acc = 0
    k = 0
    try:
        for k in range(n, -1, -1):
            acc += 1000000 // k
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e, "k =", k, "acc =", acc)
    return acc


def nested_raise(a):
    total = 0.0
    i = j = -1
    try:
        for i in range(a.shape[0]):
            for j in range(a.shape[1] + (1 if i == a.shape[0] - 3 else 0)):
                total += a[i, j]
    except IndexError as e:
        print("IndexError:", e, "at", i, j, "total =", total)
    return total


def stores_then_raises(n):
    out = np.zeros(n)
    acc = 0.0
    last = -1
    flag = False
    i = j = -1
    try:
        for i in range(n):
            for j in range(3):
                acc += i * 0.25 + j
                out[i] = acc
            last = i
            flag = i % 2 == 1
        out[n + 1] = 1.0
    except IndexError as e:
        print("IndexError:", e)
    print(i, j, acc, last, flag, out.sum())
    try:
        for i in range(n + 3):
            out[i] = i * 2.0
            acc -= 1.5
            last = i * 3
    except IndexError as e:
        print("IndexError:", e, "at", i, acc, last, out[-1])


def overflow_then_continue():
    x = 1
    i = 0
    while i < 5000:
        x = x * 3 + 1 if x < 10**30 else x // 7
        i += 1
    return x, i


index_past_end(np.arange(30000.0))
divide_by_zero(20000)
nested_raise(np.ones((300, 200)))
stores_then_raises(20000)
print(overflow_then_continue())
