# env: PYTHONPATH=pypath
import sys
import extlib
from extlib.tools import double
import toplevel_mod
print(extlib.double(21), double(4), toplevel_mod.WHERE)
print(any(p.rstrip("/").endswith("pypath") for p in sys.path))
print(extlib.__name__, extlib.tools.__name__)
