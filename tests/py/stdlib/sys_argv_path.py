# args: one 2 --three
import sys
print(sys.argv)
print(len(sys.argv), sys.argv[1:])
print(type(sys.path).__name__, len(sys.path) > 0, all(isinstance(p, str) for p in sys.path))
print(sys.version_info[:2] >= (3, 11), sys.version_info.major, sys.maxsize == 2 ** 63 - 1)
print("sys" in sys.modules, sys.modules[__name__].__name__, sys.byteorder in ("little", "big"))
print(sys.platform.startswith("linux"), type(sys.float_info.max).__name__, sys.float_info.epsilon)
