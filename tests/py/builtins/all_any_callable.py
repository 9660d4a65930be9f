print(all([]), any([]), all([1, 2]), all([1, 0]), any([0, 0]), any([0, 3]), all("abc"), any(""))
def noisy(v):
    print("check", v)
    return v
print(any(noisy(v) for v in [0, 1, 2]))
print(all(noisy(v) for v in [1, 0, 2]))
print(callable(len), callable(lambda: 0), callable(5), callable(int), callable("s".upper), callable(None))
class C:
    def __call__(self): pass
class D: pass
print(callable(C()), callable(D()), callable(D))
