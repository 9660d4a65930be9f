# ndarray.flags, np.ascontiguousarray, np.asfortranarray, np.resize (and np.copy/ravel of
# Fortran-ordered arrays).
import numpy as np


def show(name, x):
    f = x.flags
    print(name, f.c_contiguous, f.f_contiguous, f.owndata, f.writeable, f.aligned)


# The printed block.
a = np.arange(6.0).reshape(2, 3)
print(a.flags)
print(repr(a.T.flags))
print(str(np.zeros(3).flags))
print(type(a.flags))
print(np.float64(2.5).flags)
print(np.int64(3).flags.writeable, np.True_.flags.owndata)

# Item access by every name numpy accepts.
keys = ["C_CONTIGUOUS", "C", "CONTIGUOUS", "F_CONTIGUOUS", "F", "FORTRAN", "OWNDATA", "O",
        "WRITEABLE", "W", "ALIGNED", "A", "WRITEBACKIFCOPY", "X", "BEHAVED", "B", "CARRAY",
        "CA", "FARRAY", "FA", "FNC", "FORC"]
for x in (a, a.T, a[:, ::2], np.zeros(3), np.float64(1.0)):
    print([x.flags[k] for k in keys])
for k in ["c_contiguous", "c", "Q", "UPDATEIFCOPY", 0]:
    try:
        a.flags[k]
    except KeyError as e:
        print("KeyError", e)

# Attributes.
for x in (a, a.T, np.zeros(4), np.float64(1.0)):
    f = x.flags
    print(f.c_contiguous, f.f_contiguous, f.owndata, f.writeable, f.aligned,
          f.writebackifcopy, f.contiguous, f.fortran, f.behaved, f.carray, f.farray,
          f.fnc, f.forc, f.num)
print(a.flags == a.flags, a.flags == a.T.flags, a.flags != a.T.flags)

# Contiguity and ownership of common results.
b = np.arange(12).reshape(3, 4)
show("arange", np.arange(5))
show("reshape", b)
show("T", b.T)
show("slice_rows", b[1:])
show("slice_cols", b[:, 1:])
show("step", b[:, ::2])
show("row", b[0])
show("col", b[:, 0])
show("neg_step", b[::-1])
show("copy", b.copy())
show("np.copy", np.copy(b))
show("astype", b.astype(float))
show("fancy", b[[0, 2]])
show("mask", b[b > 3])
show("ufunc", b + 1)
show("sum_axis", b.sum(axis=0))
show("keepdims", b.sum(axis=1, keepdims=True))
show("matmul", b @ b.T)
show("ravel_c", b.ravel())
show("ravel_T", b.T.ravel())
show("np.ravel_T", np.ravel(b.T))
show("flatten", b.T.flatten())
show("zeros", np.zeros((2, 3)))
show("empty_0_3", np.zeros((0, 3)))
show("empty_3_0_T", np.zeros((3, 0)).T)
show("empty_step", np.zeros((4, 0))[::2])
show("zero_d", np.array(3.0))
show("col_vec", np.zeros((3, 1)))
show("row_vec_T", np.zeros((1, 3)).T)
show("squeeze", np.zeros((1, 3)).squeeze())
show("expand", np.expand_dims(np.arange(3), 0))
show("list", np.array([[1, 2], [3, 4]]))
show("concat", np.concatenate([b, b]))
show("sort", np.sort(b, axis=0))
show("view", b.view())
show("nonzero", np.nonzero(b)[1])
show("where1", np.where(b > 2)[0])
print(np.nonzero(b > 5), np.nonzero(b > 5)[1].strides, np.nonzero(np.arange(3))[0].strides)

# ascontiguousarray / asfortranarray.
for x in [5, 2.5, np.float64(1.5), np.array(3.0), [1, 2, 3], [[1, 2], [3, 4]],
          np.zeros((0, 3)), b, b.T, b[:, ::2], b[::-1]]:
    c = np.ascontiguousarray(x)
    f = np.asfortranarray(x)
    print(repr(c), repr(f))
    show("  C", c)
    show("  F", f)
print(repr(np.ascontiguousarray(np.arange(4), dtype=float)))
show("asc_dtype", np.ascontiguousarray(np.arange(4), dtype=float))
fb = np.asfortranarray(b, dtype=bool)
print(repr(fb), fb.strides, fb.flags.f_contiguous)
print(repr(np.ascontiguousarray(b.T, dtype=np.float64)))
print(np.ascontiguousarray(b.T).strides, np.asfortranarray(b).strides)

# A Fortran-ordered array behaves like any other array.
f = np.asfortranarray(b)
print(f)
print(f.tolist())
print(f[1], f[:, 2], f[1, 2], f[1:, ::2])
print(f + b, f * 2.0)
print(f.sum(), f.sum(axis=0), f.sum(axis=1), f.mean(axis=0), f.max(axis=1))
print(f.ravel(), f.T, f.reshape(4, 3), f.reshape(2, 6).flags.owndata)
print(np.array_equal(f, b), f.dtype, f.shape, f.strides, f.T.strides)
g = np.copy(f)
show("np.copy(F)", g)
show("F.copy()", f.copy())
show("F.T", f.T)
f[0, 0] = 100
print(f[0], b[0])
h = np.asfortranarray(np.arange(24.0).reshape(2, 3, 4))
print(h.strides, h.flags.f_contiguous, h[1, 2], h.sum(axis=(0, 2)))

# np.resize: repeat the data in C order to fill the new shape.
base = np.arange(4)
for shape in [(2, 3), 5, (), 0, (0, 2), [2, 2], (1,), (3, 3), np.int64(3), (2, 1, 3)]:
    r = np.resize(base, shape)
    print(repr(r))
    show("  resize", r)
print(repr(np.resize(np.array([]), (2, 2))))
show("resize_empty", np.resize(np.array([]), (2, 2)))
print(repr(np.resize(np.float64(3.5), (3,))))
print(repr(np.resize([[1, 2], [3, 4]], (3, 3))))
print(repr(np.resize(np.arange(6).reshape(2, 3).T, (7,))))
print(repr(np.resize(np.array([True, False]), (2, 3))))
print(repr(np.resize(np.arange(6.0), (2, 2))))
print(repr(np.resize(np.zeros((0, 3), dtype=int), 4)))
r = np.resize(base, (2, 2))
r[0, 0] = 50
print(base, r)
for bad in [(2, -1), -3]:
    try:
        np.resize(base, bad)
    except ValueError as e:
        print("ValueError", e)
try:
    np.resize(base, 2.5)
except TypeError as e:
    print("TypeError", e)
