class Money:
    def __init__(self, amount): self.amount = amount
    def __repr__(self): return f"Money({self.amount!r})"
    def __str__(self): return f"${self.amount:.2f}"
    def __format__(self, spec):
        if spec == "short": return f"${self.amount:.0f}"
        return format(str(self), spec)
m = Money(3.5)
print(m, repr(m), str(m), [m], (m,), {"k": m})
print(f"{m}", f"{m!r}", f"{m!s}", f"{m:short}", f"[{m:>10}]", format(m, "short"))
print("%s %r" % (m, m), "{} {!r} {:short}".format(m, m, m))
class OnlyRepr:
    def __repr__(self): return "OnlyRepr()"
print(OnlyRepr(), str(OnlyRepr()), f"{OnlyRepr()}")
class Adder:
    def __init__(self, n): self.n = n
    def __call__(self, x, *, times=1): return (x + self.n) * times
add3 = Adder(3)
print(add3(4), add3(4, times=2), callable(add3), callable(Money))
print(list(map(Adder(10), [1, 2])))
class BadStr:
    def __str__(self): return 42
try:
    str(BadStr())
except TypeError as e:
    print("TypeError:", e)
try:
    format(Money(1), 5)
except TypeError as e:
    print("TypeError:", e)
