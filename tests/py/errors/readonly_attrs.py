# Assigning attributes of built-in and numpy objects: AttributeError with CPython's messages
# (it was a RecursionError for numpy objects: object.__setattr__ came back to set_attr).
import numpy as np

a = np.zeros(3)
cases = [
    ("a.ndim = 2", {"a": a}),
    ("a.size = 1", {"a": a}),
    ("a.foo = 1", {"a": a}),
    ("a.flags.owndata = False", {"a": a}),
    ("a.flags.bar = 1", {"a": a}),
    ("x.real = 2", {"x": 1}),
    ("x.imag = 2.0", {"x": 1.5}),
    ("x.append = 3", {"x": []}),
    ("x.y = 1", {"x": "s"}),
    ("x.y = 1", {"x": np.float64(2.0)}),
]
for stmt, env in cases:
    try:
        exec(stmt, {"np": np}, env)
        print(stmt, "ok")
    except AttributeError as e:
        print(stmt, "AttributeError:", e)
print(a.ndim, a.size, a.dtype)
