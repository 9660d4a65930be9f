import numpy as np
x = np.array([10, 9, 8, 7, 6, 5, 4, 3, 2])
print(x[np.array([3, 3, 1, 8])])
print(repr(x[np.array([3, 3, 1, 8])]))
a = np.arange(12).reshape(3, 4)
rows = np.array([0, 0, 1])
cols = np.array([2, 3, 1])
# the result of advanced indexing will only be 3 elements!
# Elements a[0, 2], a[0, 3], a[1, 1]
print(a[rows, cols])
# shape 5 x 7
y = np.array([[ 0, 1, 2, 3, 4, 5, 6],
              [ 7, 8, 9, 10, 11, 12, 13],
              [14, 15, 16, 17, 18, 19, 20],
              [21, 22, 23, 24, 25, 26, 27],
              [28, 29, 30, 31, 32, 33, 34]])
print(y[np.array([0, 2, 4]), 1])
print(repr(y[np.array([0, 2, 4]), 1]))
# This selects the 0th, 2nd and 4th row
print(y[np.array([0, 2, 4])])
print(repr(y[np.array([0, 2, 4])]))
