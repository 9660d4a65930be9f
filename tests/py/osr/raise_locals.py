# A loop that raises after running natively for a while: a handler after the loop sees the
# interpreter's values of the loop's variables (the loop reads arrays but stores into none,
# so it is run again by the interpreter from the state at the native entry).
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
print(overflow_then_continue())
