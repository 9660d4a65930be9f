print("main starts", __name__)
import _helper
import _helper as h
from _helper import greet, VALUE as V
print(_helper.VALUE, h is _helper, greet("world"), V, _helper.Thing())
import _helper
print("second import executed nothing")
import sys
print("_helper" in sys.modules, sys.modules["_helper"] is _helper, type(_helper).__name__)
print(_helper.__name__, _helper.__file__.endswith("_helper.py"), sys.modules["__main__"].__name__)
_helper.VALUE = 7
from _helper import VALUE
print(VALUE)
import math, os.path
print(math.floor(2.5), os.path.join("a", "b"))
def local_import():
    import _helper as inner
    return inner.greet("local")
print(local_import())
try:
    from _helper import nothing
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
try:
    import does_not_exist_anywhere
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import _helper.sub
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
