print("load mypkg.sub.deep", __name__, __package__)
from .. import PKG_CONST
from ..util import helper
from . import sibling
def deep():
    return (PKG_CONST, helper(), sibling.S)
