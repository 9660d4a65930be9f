"""Vectorised Mandelbrot set with numpy: escape-time counts on a grid, boolean masks for the
points still iterating, and an ASCII rendering plus summary statistics."""
import numpy as np


def mandelbrot(width, height, max_iter):
    xs = np.linspace(-2.2, 0.8, width)
    ys = np.linspace(-1.2, 1.2, height)
    cr = xs[None, :] + np.zeros((height, 1))
    ci = ys[:, None] + np.zeros((1, width))
    zr = np.zeros((height, width))
    zi = np.zeros((height, width))
    counts = np.zeros((height, width), dtype=int)
    alive = np.ones((height, width), dtype=bool)
    for _ in range(max_iter):
        zr2 = zr * zr
        zi2 = zi * zi
        escaped = (zr2 + zi2) > 4.0
        alive &= ~escaped
        zi = np.where(alive, 2.0 * zr * zi + ci, zi)
        zr = np.where(alive, zr2 - zi2 + cr, zr)
        counts += alive
    return counts


counts = mandelbrot(64, 24, 40)
chars = " .:-=+*#%@"
levels = (counts * (len(chars) - 1)) // counts.max()
for row in levels:
    print("".join(chars[k] for k in row))
print(counts.shape, counts.dtype, counts.sum(), counts.max(), counts.min())
print("inside:", (counts == 40).sum(), "mean count:", counts.mean())
print(counts[10, 20:30])
print(np.round(counts.mean(axis=0)[:8], 3))
hist = np.array([(counts == k).sum() for k in range(0, 41, 8)])
print(hist, hist.sum())
