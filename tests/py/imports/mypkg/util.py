print("load mypkg.util")
from .core import core_func as cf
def helper():
    return "util.helper+" + cf()
