# The code after a hot nest, up to the next loop, is compiled while the nest runs natively
# and entered when the nest returns (tests/osr.rs checks with --stats that it is, with a
# larger step count as the argument so that the nest runs long enough natively). The
# functions print their results (with repr: a numpy scalar's differs from a float's) so that
# they are not compiled whole at low thresholds.
import sys

import numpy as np


def kernel(a, steps):
    n = a.shape[0]
    for step in range(steps):
        for i in range(n):
            a[i] = a[i] * 0.999 + (i % 3) * 0.001
    # `total` and `count` are unbound until here; `i` is the nest's.
    total = 0.0
    count = 0
    for i in range(n):
        total += a[i]
        if a[i] > 0.5:
            count += 1
    print(repr(total), repr(count), i, step)


def raises(a):
    n = a.shape[0]
    for step in range(200):
        for i in range(n):
            a[i] = a[i] + 1.0
    k = -1
    for j in range(n + 2):
        k = j
        a[j] = a[j] * 2.0
    return k


def untypable(a):
    for step in range(300):
        for i in range(a.shape[0]):
            a[i] += 0.5
    label = "sum of ints"
    print(label, {"n": a.shape[0]})
    s = 0
    for i in range(a.shape[0]):
        s += int(a[i])
    return s


def while_after(a):
    for step in range(300):
        for i in range(a.shape[0]):
            a[i] = a[i] + step * 0.001
    m = 0
    while m < a.shape[0] and a[m] < 45.5:
        m += 1
    print(repr(m), repr(a[m]))


def unbound_read(a):
    n = a.shape[0]
    for step in range(300):
        for i in range(n):
            a[i] = a[i] * 0.5 + 1.0
    for i in range(n):
        s += a[i]
    print(s)


def maybe_unbound(a):
    n = a.shape[0]
    for step in range(300):
        for i in range(n):
            a[i] = a[i] * 0.5 + 1.0
    m = 0
    for i in range(n):
        if a[i] > 5.0:
            t = a[i]
        m += 1
    print(m, repr(t))


steps = int(sys.argv[1]) if len(sys.argv) > 1 else 300
a = np.linspace(0.0, 1.0, 1000)
kernel(a, steps)
b = np.linspace(-1.0, 1.0, 500)
try:
    raises(b)
except IndexError as e:
    print("IndexError:", e)
print(b[0], b[499], b.sum())
print(untypable(np.linspace(0.0, 3.0, 400)))
while_after(np.linspace(0.0, 1.0, 700))
for fn in (unbound_read, maybe_unbound):
    try:
        fn(np.zeros(1000))
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)

# At module level.
c = np.zeros(500)
for r in range(300):
    for q in range(500):
        c[q] += (r + q) % 3
tot = 0.0
for q in range(500):
    tot += c[q] * 0.5
print(tot, q, r)
