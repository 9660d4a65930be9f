class Limited:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration("ignored value")
        return self.n * 10
for v in Limited():
    print("got", v)
else:
    print("loop else after StopIteration")
it = Limited()
for v in it:
    if v == 20:
        break
print("resume", next(it))
def gen():
    yield 1
    raise StopIteration
try:
    list(gen())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)
print(sum(Limited()), sorted(Limited(), reverse=True), any(x > 25 for x in Limited()))
print(dict(zip("abc", Limited())), set(Limited()) == {10, 20, 30})
a, b, c = Limited()
print(a, b, c)
try:
    a, b = Limited()
except ValueError as e:
    print("ValueError:", e)
