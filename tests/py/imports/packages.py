import mypkg
print(mypkg.core_func(), mypkg.util.helper(), mypkg.PKG_CONST)
print(hasattr(mypkg, "lazy"))
import mypkg.lazy
print(hasattr(mypkg, "lazy"), mypkg.lazy.LAZY)
from mypkg.sub.deep import deep
print(deep())
import mypkg.sub.deep as dd
print(dd.deep is deep, dd.__name__, dd.__package__)
import sys
print(sorted(k for k in sys.modules if k.startswith("mypkg")))
print(mypkg.__name__, mypkg.__package__, mypkg.sub.__name__, hasattr(mypkg, "__path__"), hasattr(mypkg.core, "__path__"))
from mypkg import core, lazy as lz
print(core.core_func(), lz.LAZY)
try:
    from mypkg import missing_sub
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
try:
    import mypkg.nosuch
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
