print("init mypkg", __name__, __package__)
from .core import core_func
from . import util
PKG_CONST = "pkg"
