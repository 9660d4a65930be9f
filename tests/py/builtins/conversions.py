print(int("12"), float("1.5"), str(12), bool("x"), complex("3+4j"), list("ab"), tuple([1]), set([1, 1]), frozenset("a"), dict(a=1))
print(int(), float(), str(), bool(), complex(), list(), tuple(), set(), dict(), frozenset())
print(str(1.0), str(None), str([1, "a"]), str(b"x"), str(b"x", "ascii"), repr("x"), repr(1.0), repr([1.0, "a"]))
print(float("  -2.5e3 "), float("inf"), float(10), float(True), int("-0"), bool([]), bool(" "))
print(list({"a": 1, "b": 2}), tuple({"k": 1}.items()), dict([(1, 2), [3, 4]]), list(b"ab"), str(bytearray(b"x")))
for bad in [lambda: float("abc"), lambda: complex("1+"), lambda: dict([1]), lambda: list(5), lambda: float([])]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
class F:
    def __float__(self): return 2.5
    def __str__(self): return "F!"
    def __bool__(self): return False
print(float(F()), str(F()), bool(F()))
print(type(int("5")).__name__, isinstance(bool(1), int), type(True + True).__name__)
