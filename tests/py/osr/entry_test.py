# Nests whose innermost loops get their bounds tested once, when the lifted nest is entered
# (every index is a counter of a range bounded by an unassigned local, or a literal): the
# same results when the test passes, and when it fails (a non-contiguous view, a bound past
# the end) the checked copy runs, raising at the same iteration with the same values.
import numpy as np


def pair_sum(pos, n):
    s = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            s += pos[i, 0] * pos[j, 1] - pos[j, 2]
    return s


def rows_past_end(pos, m, n):
    # Fails only on its last row, long after the nest was entered natively.
    s = 0.0
    i = j = -1
    try:
        for i in range(m):
            for j in range(n):
                s += pos[i, 0] * pos[j, 1]
    except IndexError as e:
        print("IndexError:", e, "at", i, j, "s =", round(s, 6))
    return s


def shifted(a, m, reps):
    # a[k + 1] and a[k - 1]: the second is -1 on the first iteration (a wrapped index), so
    # this loop keeps its own test.
    t = 0.0
    for r in range(reps):
        for k in range(m):
            t += a[k + 1] - a[k - 1] * 0.25
    return t


pos = np.arange(120.0).reshape(40, 3) * 0.01
print(round(pair_sum(pos, 40), 6))
wide = np.arange(240.0).reshape(40, 6) * 0.01
view = wide[:, ::2]
print(view.strides, round(pair_sum(view, 40), 6))
print(round(rows_past_end(pos, 41, 40), 6))
print(round(rows_past_end(view, 41, 40), 6))
print(round(rows_past_end(pos, 40, 40), 6))
a = np.linspace(0.0, 1.0, 60)
print(round(shifted(a, 59, 40), 6))
try:
    shifted(a, 60, 40)
except IndexError as e:
    print("IndexError:", e)
