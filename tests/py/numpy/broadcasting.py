import numpy as np
A = np.ones((8, 1, 6, 1))
B = np.ones((7, 1, 5))
print((A + B).shape)
print(np.broadcast_shapes((8, 1, 6, 1), (7, 1, 5)))
try:
    np.ones((4, 3)) + np.ones(4)
except ValueError as e:
    print("ValueError:", e)
print((np.ones((4, 3)) + np.ones(3)).shape)
print((np.ones((4, 3)) + np.ones(4)[:, None]).shape)
a = np.arange(3)
print(a + 10, a * a, a[:, None] * a[None, :])
print(np.array([[1, 2, 3]]) + np.array([[10], [20]]))
print((np.arange(4.0) / 2).tolist(), np.arange(6).reshape(2, 3).sum(axis=0))
