import numpy as np
y = np.arange(35).reshape(5, 7)
r = y[:, np.array([1, 3, 4])]
# The seed says the result shape is (3, 5); what numpy really gives is (5, 3):
# with a single advanced index the result keeps the position of that index.
print(r.shape)
print(r)
# When the advanced indices are separated by a slice, the broadcast index shape goes first.
z = np.arange(2 * 3 * 4).reshape(2, 3, 4)
print(z[np.array([0, 1]), :, np.array([1, 2])].shape)
print(z[:, np.array([0, 2]), np.array([1, 3])].shape)
print(z[np.array([[0], [1]]), np.array([0, 1, 2])].shape)
