# Only the variables a lifted nest assigns that may be read after it are written back (and
# carried through its loops): the values printed here must be the interpreter's.
import numpy as np


def dead_after(a):
    n = a.shape[0]
    t = 0.0
    for r in range(200):
        for i in range(n):
            t = a[i] * 2.0
            a[i] = t + 1.0
    t = -1.0
    print(t, i, r, a[0])


def read_by_the_loop_around(a):
    n = a.shape[0]
    acc = 0.0
    last = 0.0
    for rep in range(3):
        print("rep", rep, last)
        for r in range(100):
            for i in range(n):
                last = a[i] + r
                acc += last
    print(acc, last)


def read_by_a_handler(a):
    n = a.shape[0]
    k = 0
    try:
        for r in range(200):
            for i in range(n + 1):
                k = i
                a[i] += 1.0
    except IndexError:
        print("k", k, "i", i, "r", r)


def deleted(a):
    n = a.shape[0]
    for r in range(200):
        for i in range(n):
            a[i] += 1.0
    del i
    try:
        print(i)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)


dead_after(np.linspace(0.0, 1.0, 300))
read_by_the_loop_around(np.linspace(0.0, 1.0, 300))
read_by_a_handler(np.zeros(300))
deleted(np.zeros(300))
