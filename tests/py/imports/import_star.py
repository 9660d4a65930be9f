from _star import *
print(public_a, _listed_private)
for name in ["public_b", "_hidden"]:
    print(name, name in globals())
from _star_noall import *
print(x, y, fn(), "_z" in globals())
from starpkg import *
print(echo.NAME, surround.NAME, reverse.NAME, "other" in globals())
import sys
print("starpkg.other" in sys.modules, "starpkg.echo" in sys.modules)
def f():
    return [k for k in ("x", "public_a") if k in globals()]
print(f())
