# np.nansum, np.nanprod, np.nanmean, np.nanmax, np.nanmin: axis None / int / tuple, keepdims,
# dtypes, empty and all-NaN inputs. The RuntimeWarnings of all-NaN slices are checked through
# warnings.catch_warnings (stdout), not stderr.
# Left out: numpy's floating-point-error warnings ("invalid value encountered in reduce" for
# inf + -inf in a sum) and the warnings np.mean gives for an empty integer array (nanmean
# delegates to it), which numjit does not issue.
import warnings

import numpy as np

nan = np.nan
x = np.array([[1.0, nan, 3.0], [nan, nan, nan], [4.5, -2.0, nan]])
y = np.array([[1.5, 2.0], [nan, 4.0], [5.0, nan], [0.25, 8.0]])
ints = np.arange(12).reshape(3, 4)
bools = np.array([[True, False], [True, True]])
funcs = [np.nansum, np.nanprod, np.nanmean, np.nanmax, np.nanmin]


def run(f, *args, **kw):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = f(*args, **kw)
        except Exception as e:
            print(f.__name__, type(e).__name__, e)
            return
    print(f.__name__, repr(r), [(c.category.__name__, str(c.message)) for c in w])


for f in funcs:
    print("--", f.__name__)
    for data in (x, y, ints, bools):
        run(f, data)
        for ax in (0, 1, -1, (0, 1)):
            run(f, data, axis=ax)
        run(f, data, axis=0, keepdims=True)
        run(f, data, keepdims=True)
    # Python lists and scalars (numpy's other code path).
    run(f, [1.0, nan, 2.5])
    run(f, [[nan, nan], [1.0, 2.0]], axis=1)
    run(f, [nan, nan])
    run(f, [3, 1, 2])
    run(f, 5)
    run(f, np.float64(nan))
    run(f, np.array(2.5))
    # Empty arrays.
    for e in (np.array([]), np.zeros((0, 3)), np.zeros((3, 0))):
        run(f, e)
        run(f, e, axis=0)
        if e.ndim == 2:
            run(f, e, axis=1)
    run(f, [])
    # Infinities.
    run(f, np.array([nan, np.inf, 1.0]))
    run(f, np.array([nan, -np.inf]))
    run(f, np.array([[nan, np.inf], [nan, nan]]), axis=0)
    # Non-contiguous and Fortran-ordered inputs.
    run(f, x.T)
    run(f, x.T, axis=1)
    run(f, x[::2, ::-1])
    run(f, np.asfortranarray(y), axis=0)

for f in (np.nansum, np.nanprod, np.nanmax, np.nanmin):
    run(f, np.array([], dtype=int))
    run(f, np.zeros((2, 0), dtype=int), axis=0)
for f in (np.nanmax, np.nanmin):
    run(f, np.array([nan, np.inf, -np.inf, 1.0]))

# Sums that depend on the order of additions (pairwise summation, as numpy).
big = np.array([0.1 * i for i in range(1000)])
big[::7] = nan
print(repr(np.nansum(big)), repr(np.nanmean(big)), repr(np.nansum(big.reshape(10, 100), axis=1)))
print(repr(np.nansum(big.reshape(100, 10).T)), repr(np.nanmean(big.reshape(40, 25), axis=0)))
print(repr(np.nanprod(np.array([1.5, nan, 2.0, nan, -3.0]))))

# dtype=
print(repr(np.nansum(x, dtype=int)), repr(np.nansum(ints, axis=0, dtype=float)))
print(repr(np.nanmean(ints, dtype=float)), repr(np.nanprod(bools, axis=1, dtype=bool)))
print(repr(np.nansum(np.array([0.6, 0.7, nan, -1.5]), dtype=int)))
print(repr(np.nanprod(np.array([[2.5, nan], [-3.9, 4.0]]), axis=0, dtype=int)))
print(repr(np.nansum(np.array([0.0, 0.5, nan]), dtype=bool)), repr(np.nanmean(ints, axis=1, dtype=int)))
try:
    np.nanmean(x, dtype=int)
except TypeError as e:
    print("TypeError", e)

# Positional axis, bad axes, bad arguments.
print(repr(np.nansum(x, 1)), repr(np.nanmax(x, 0)))
for f in funcs:
    try:
        f(x, axis=2)
    except Exception as e:
        print(f.__name__, type(e).__name__, e)
    try:
        f(x, foo=1)
    except TypeError as e:
        print(f.__name__, "TypeError", e)

# Warnings become errors under a filter, as in numpy.
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        np.nanmax(np.array([nan]))
    except RuntimeWarning as e:
        print("RuntimeWarning", e)
    try:
        np.nanmean(np.array([[nan], [1.0]]), axis=1)
    except RuntimeWarning as e:
        print("RuntimeWarning", e)
    print(repr(np.nanmean(np.array([[nan, 2.0], [1.0, nan]]), axis=1)))

# The results are new arrays.
r = np.nansum(x, axis=0)
r[0] = 100.0
print(x[0, 0], r, r.flags.owndata)
