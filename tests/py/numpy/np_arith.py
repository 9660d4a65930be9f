import numpy as np
a = np.arange(6).reshape(2, 3)
f = np.linspace(0, 1, 6).reshape(2, 3)
b = np.array([True, False, True])
print(a + 1, a * 1.5, a / 2, a // 4, a % 4, a ** 2, -a, abs(-a))
print((a + 1).dtype, (a * 1.5).dtype, (a / 2).dtype, (b + 1).dtype, (b + b).dtype, (b * 2.5).dtype)
print(a + f, a - f, f * f)
print(a > 2, a == 3, a != 3, a <= 1)
print(b & True, b | False, b ^ b, ~b, a & 1, a | 8, a ^ 5, ~a, a << 2, a >> 1)
print(np.array([-7, 7]) // 2, np.array([-7, 7]) % 3, np.array([-7.5, 7.5]) // 2, np.array([-7.5, 7.5]) % 2)
print(np.array([1.0, -1.0, 0.0]) / 0.0)
print(np.sqrt(a), np.exp(f), np.log(a + 1), np.log10(a + 1))
print(np.sin(f), np.cos(f), np.tan(f), np.tanh(f), np.arctan2(a, 2), np.hypot(a, 3))
print(np.floor(f * 3), np.ceil(f * 3), np.abs(f - 0.5), np.minimum(a, 2), np.maximum(f, 0.5))
print(np.where(a > 2, a, -a), np.where(a > 2, 1.5, 0), np.clip(a, 1, 3), np.clip(f, 0.2, 0.8))
print(np.isnan(np.array([1.0, np.nan])), np.isinf(np.array([np.inf, 1.0])), np.sign(np.array([-2.0, 0.0, 3.0])), np.sign(a - 2))
print(a.sum(), a.sum(axis=0), a.sum(axis=1), a.mean(), a.mean(axis=0), f.std(), f.var(axis=1), a.min(), a.max(axis=0))
print(a.argmin(), a.argmax(), a.argmax(axis=1), a.prod(), a.cumsum(), a.cumsum(axis=0), b.any(), b.all(), (a > -1).all(axis=0))
print(np.sum(a, axis=1, keepdims=True), np.mean(f), np.std(a, ddof=1))
print(type(a.sum()), type(f.mean()), a.sum().dtype)
x = np.arange(1000) * 0.1
print(x.sum(), x.mean(), x.std(), x.var(), np.sum(x * x))
y = np.random.RandomState(1).rand(10007)
print(y.sum(), y.mean(), y.std(), y[::3].sum(), y.reshape(1, -1).sum(axis=1), y[:10000].reshape(100, 100).sum(axis=0)[:3], y[:10000].reshape(100, 100).sum(axis=1)[:3])
print(y[:10000].reshape(100, 100).T.sum(), y[:10000].reshape(100, 100)[:, ::2].sum())
print(np.arange(10).mean(), np.arange(10001).mean(), np.arange(20000).std())
print(np.dot(a, a.T), a @ a.T, np.dot(np.arange(3), np.arange(3)), np.outer(np.arange(3), np.arange(2)), a.T @ np.ones(2))
print(np.allclose(f, f + 1e-9), np.array_equal(a, a.copy()), np.array_equal(a, a.T))
print(np.sort(np.array([3, 1, 2])), np.argsort(np.array([3.0, 1.0, 2.0])), np.round(f * 10 / 3, 2), np.round(2.5), np.round(np.array([0.5, 1.5, 2.5])))
print(np.pi, np.e, np.inf, np.nan)
c = np.ones(3)
c += np.arange(3)
c *= 2
c -= 1
c /= 4
print(c)
d = np.arange(3)
try:
    d += 1.5
except TypeError as e:
    print("TypeError:", e)
try:
    np.ones((4, 3)) + np.ones(4)
except ValueError as e:
    print("ValueError:", e)
try:
    b - b
except TypeError as e:
    print("TypeError:", e)
s = np.float64(2.5)
print(s + 1, s * 2, 1 - s, s ** 2, s / 2, s // 2, -s, abs(-s), s > 2, type(s + 1), type(np.int64(3) + 1), type(np.int64(3) + 1.5), np.int64(7) // 2, np.int64(7) / 2)
print(float(s), int(s), round(s), round(np.float64(3.5)), int(np.int64(5)), [10, 20, 30][np.int64(1)], range(np.int64(3)))
print(np.float64(0.1) + 0.2, 0.1 + np.float64(0.2), np.float64(1) / 3)
print(a.shape, a.ndim, a.size, a.dtype, a.itemsize, a.strides, a.T.shape, f.dtype, b.dtype, b.itemsize, b.strides)
print(a.reshape(-1), a.reshape(3, -1), a.ravel(), a.flatten(), a.transpose(), a.astype(float), f.astype(int), a.tolist(), f.tolist(), a[0, 1].item())
print(np.zeros(3), np.ones((2, 2), dtype=int), np.full((2, 2), 7), np.full(3, 2.5), np.zeros_like(a), np.ones_like(f), np.empty(0), np.arange(1, 2, 0.25), np.arange(5, 0, -2), np.linspace(0, 1, 5), np.linspace(0, 1, 4, endpoint=False))
print(np.identity(2), np.eye(2, 3, 1), np.concatenate([a, a]), np.concatenate([a, a], axis=1), np.stack([np.arange(2), np.arange(2)]), np.vstack([np.arange(2), np.arange(2)]), np.hstack([np.arange(2), np.arange(3)]))
print(np.array([[1, 2], [3, 4]], dtype=float), np.array([1, 2.5, True]), np.array([True, 1]), np.array((1, 2)).dtype, np.array(5).shape)
print(np.fromfunction(lambda i, j: i * 10 + j, (2, 3)), np.fromfunction(lambda i, j: i + j, (2, 2), dtype=int))
z = np.zeros(4); z.fill(3); print(z)
print(np.array([1, 2]) == np.array([1, 3]), np.array([1.5]) + np.array([True]))
print(np.float64(3.0) == 3, np.int64(2) in [1, 2], hash(np.float64(1.5)) == hash(1.5))
print(np.maximum(np.array([1.0, np.nan]), 0.0), np.max(np.array([1.0, np.nan])), np.argmax(np.array([1.0, np.nan, 3.0])))
print(np.array([2**62]) * 4, np.array([1, 2]) ** 0)
