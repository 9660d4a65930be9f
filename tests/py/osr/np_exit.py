# Whether a variable a nest writes back holds a numpy scalar or a Python one is the kind of
# its last assignment, not of its value when the nest was entered (with `--jit-threshold=1`
# the nests below are entered while `t`, `total` and `x` still hold their first values).
import numpy as np


def last_of_outer(a):
    t = 0.0
    for k in range(60):
        s = 0.0
        for i in range(100):
            s += 1.0
        t = a[50]
    return t, s


def after_inner(a):
    total = 0.0
    count = 0
    for k in range(40):
        for i in range(30):
            count += 1
        total += a[k]
    return total, count


def back_to_python(a):
    x = a[3]
    for k in range(40):
        for i in range(30):
            x = 1.5 * i
    return x


def never_assigned(a):
    t = 0.0
    for k in range(40):
        for i in range(30):
            if i > 100:
                t = a[i]
    return t


a = np.arange(100.0)
print(repr(last_of_outer(a)))
print(repr(after_inner(a)))
print(repr(back_to_python(a)))
print(repr(never_assigned(a)))
