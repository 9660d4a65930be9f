import sys
fake = type(sys)("fake_mod")
fake.answer = 41
sys.modules["fake_mod"] = fake
import fake_mod
print(fake_mod.answer, fake_mod is fake)
import _helper
_helper.MARK = "marked"
import _helper as again
print(again.MARK)
del sys.modules["_helper"]
import _helper as fresh
print(fresh is again, hasattr(fresh, "MARK"), fresh.VALUE)
print(type(sys.modules).__name__, "sys" in sys.modules, "__main__" in sys.modules)
sys.modules["blocked"] = None
try:
    import blocked
except ImportError as e:
    print(type(e).__name__, e)
m = __import__("math")
print(m.sqrt(16.0))
