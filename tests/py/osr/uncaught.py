# An uncaught error raised by native code (a lifted loop by default, a tiered-up function with
# --jit-threshold=1): the traceback, carets included, is the interpreter's.
import numpy as np


def raises_in_rest(a):
    n = a.shape[0]
    s = 0.0
    for i in range(n + 1):
        for j in range(500):
            s += j * 0.001
        s += a[i] * 2.0
    return s


print(raises_in_rest(np.arange(10.0)))
