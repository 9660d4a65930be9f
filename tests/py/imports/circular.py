import _circ_a
import _circ_b
print(_circ_a.fa(), _circ_b.fb())
try:
    import _circ_c
except ImportError as e:
    print(type(e).__name__, str(e).split(" (most")[0])
import sys
print("_circ_c" in sys.modules, "_circ_d" in sys.modules)
