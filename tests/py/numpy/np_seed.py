import numpy as np
# Basic indexing (seed: single element, slicing and striding, reverse, ellipsis, new axis)
x = np.arange(40).reshape(5, 8)
print(x[1, 3], x[1][3])
v = np.arange(10)
print(v[1:7:3], v[::-1])
print(x[..., 0])
x4 = np.arange(2 * 3 * 4).reshape(2, 3, 4)
print(x4[:, np.newaxis, :, :].shape, x4[:, None, :, :].shape)
# Advanced indexing
x = np.array([10, 9, 8, 7, 6, 5, 4, 3, 2])
print(repr(x[np.array([3, 3, 1, 8])]))
# Broadcasting 8x1x6x1 with 7x1x5
A = np.zeros((8, 1, 6, 1))
B = np.zeros((7, 1, 5))
print((A + B).shape)
try:
    np.zeros((4, 3)) + np.zeros(4)
except ValueError as e:
    print(e)
a = np.arange(12).reshape(3, 4)
rows = np.array([0, 0, 1])
cols = np.array([2, 3, 1])
print(repr(a[rows, cols]))
y = np.array([[ 0, 1, 2, 3, 4, 5, 6],
              [ 7, 8, 9, 10, 11, 12, 13],
              [14, 15, 16, 17, 18, 19, 20],
              [21, 22, 23, 24, 25, 26, 27],
              [28, 29, 30, 31, 32, 33, 34]])
print(repr(y[np.array([0, 2, 4]), 1]))
print(repr(y[np.array([0, 2, 4])]))
print(y[:, np.array([1, 3, 4])].shape)
print(repr(y[:, np.array([1, 3, 4])]))
# The numba example's loop, in plain numpy
trace = 0.0
m = np.arange(100).reshape(10, 10) / 100.0
for i in range(m.shape[0]):
    trace += np.tanh(m[i, i])
print(trace, type(trace))
print(m + trace)
