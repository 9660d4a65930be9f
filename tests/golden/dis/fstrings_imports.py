import os
import os.path
import xml.etree.ElementTree as ET
from collections import OrderedDict, deque as dq
from . import sibling
from .. import parent
from math import *

name = "x"
width = 10
print(f"{name!r:>{width}} {width=} {3.14159:.2f} {name!s}{name!a}")
a, *rest, last = [1, *other, 3]
d = {**base, "k": 1}
f(*args, 1, **kwargs)
obj.m(*args)
