import numpy as np
i = np.array([1, 2, 3])
f = np.array([0.5, 1.5, 2.5])
b = np.array([True, False, True])
for name, r in [("i+1", i + 1), ("i+1.0", i + 1.0), ("i+f", i + f), ("i/i", i / i), ("i//2", i // 2),
                ("b+b", b + b), ("b+1", b + 1), ("b*1.5", b * 1.5), ("b+i", b + i), ("i*True", i * True),
                ("i**2", i ** 2), ("i**0.5", i ** 0.5), ("f**2", f ** 2), ("i%2", i % 2), ("f%1", f % 1),
                ("i>1", i > 1), ("f==0.5", f == 0.5), ("i&1", i & 1), ("b&b", b & b), ("b|True", b | True),
                ("-i", -i), ("abs(i)", abs(i)), ("~i", ~i), ("~b", ~b), ("np.sqrt(i)", np.sqrt(i)),
                ("np.floor(i)", np.floor(i)), ("np.floor(f)", np.floor(f)), ("np.abs(b)", np.abs(b)),
                ("np.maximum(i, f)", np.maximum(i, f)), ("np.minimum(b, i)", np.minimum(b, i)),
                ("i.sum()", i.sum()), ("b.sum()", b.sum()), ("f.sum()", f.sum()), ("i.mean()", i.mean()),
                ("b.mean()", b.mean()), ("i.prod()", i.prod()), ("b.cumsum()", b.cumsum()), ("i.max()", i.max()),
                ("b.max()", b.max()), ("i.astype(bool)", i.astype(bool)), ("f.astype(int)", f.astype(int)),
                ("np.where(b, i, f)", np.where(b, i, f)), ("np.where(b, i, 0)", np.where(b, i, 0)),
                ("np.where(b, i, 0.5)", np.where(b, i, 0.5)), ("np.clip(i, 0.5, 2)", np.clip(i, 0.5, 2)),
                ("np.clip(i, 1, 2)", np.clip(i, 1, 2)), ("i @ i", i @ i), ("f @ f", f @ f), ("i.dot(f)", i.dot(f)),
                ("np.int64(2) * 1.5", np.int64(2) * 1.5), ("np.float64(2) + True", np.float64(2) + True),
                ("np.True_ + 1", np.True_ + 1), ("np.int64(5) / np.int64(2)", np.int64(5) / np.int64(2)),
                ("i[0] + f[0]", i[0] + f[0]), ("b[0] & b[1]", b[0] & b[1]), ("np.round(f)", np.round(f)),
                ("np.round(i)", np.round(i)), ("np.sign(f)", np.sign(f)), ("np.isnan(i)", np.isnan(i)),
                ("i.std()", i.std()), ("np.array([1, 2.0])", np.array([1, 2.0])), ("np.array([True, 2])", np.array([True, 2])),
                ("np.arange(3.0)", np.arange(3.0)), ("np.arange(0, 1, 0.3)", np.arange(0, 1, 0.3)),
                ("np.zeros(2, int)", np.zeros(2, int)), ("np.full(2, True)", np.full(2, True)),
                ("np.ones(2, dtype='int64')", np.ones(2, dtype='int64')), ("np.array([1, 2], dtype=np.float64)", np.array([1, 2], dtype=np.float64)),
                ("np.array([0, 1, 2], dtype=bool)", np.array([0, 1, 2], dtype=bool))]:
    print(name, repr(r), r.dtype, type(r).__name__)
print(i.dtype == np.int64, f.dtype == float, b.dtype == np.bool_, f.dtype.name, i.dtype.itemsize, b.dtype.kind, repr(f.dtype), str(i.dtype))
print(np.dtype('int64'), np.float64, np.array([1]).dtype.type)
