"""A Lee speckle filter written with explicit loops over windows, as in the seed document's
numba example: per-pixel window mean and variance, with edge handling and missing data (NaN)."""
import numpy as np


def lee_filter(img, size, noise_var):
    h, w = img.shape
    half = size // 2
    out = np.empty_like(img)
    for i in range(h):
        for j in range(w):
            i0, i1 = max(0, i - half), min(h, i + half + 1)
            j0, j1 = max(0, j - half), min(w, j + half + 1)
            win = img[i0:i1, j0:j1]
            valid = win[~np.isnan(win)]
            if valid.size == 0:
                out[i, j] = np.nan
                continue
            mean = valid.mean()
            var = valid.var()
            if np.isnan(img[i, j]):
                out[i, j] = mean
                continue
            weight = var / (var + noise_var) if var + noise_var > 0 else 0.0
            out[i, j] = mean + weight * (img[i, j] - mean)
    return out


np.random.seed(1234)
clean = np.fromfunction(lambda i, j: np.sin(i / 3.0) + np.cos(j / 4.0), (12, 16))
noisy = clean + np.random.normal(0.0, 0.3, size=(12, 16))
noisy[3, 5] = np.nan
noisy[7, 0:3] = np.nan
filtered = lee_filter(noisy, 5, 0.09)
print(np.round(filtered[:4, :6], 4))
print("rmse noisy:", np.sqrt(((noisy - clean)[~np.isnan(noisy)] ** 2).mean()))
print("rmse filtered:", np.sqrt(((filtered - clean) ** 2).mean()))
print("nan in output:", np.isnan(filtered).sum())
print(filtered.min(), filtered.max(), filtered.argmax())
print(repr(filtered[7, :5]))
