names = ["ZeroDivisionError", "ArithmeticError", "OverflowError", "KeyError", "IndexError", "LookupError",
         "ValueError", "UnicodeDecodeError", "TypeError", "AttributeError", "NameError", "UnboundLocalError",
         "RuntimeError", "RecursionError", "NotImplementedError", "StopIteration", "GeneratorExit",
         "KeyboardInterrupt", "SystemExit", "AssertionError", "ImportError", "ModuleNotFoundError",
         "OSError", "FileNotFoundError", "EOFError", "Exception", "BaseException"]
import builtins
for n in names:
    cls = getattr(builtins, n)
    print(n, "->", cls.__mro__[1].__name__, issubclass(cls, Exception))
print(IOError is OSError, EnvironmentError is OSError)
try:
    [1][5]
except LookupError as e:
    print(type(e).__name__, e)
try:
    {"a": 1}["b"]
except LookupError as e:
    print(type(e).__name__, e, repr(e))
try:
    raise KeyboardInterrupt
except Exception:
    print("wrong")
except BaseException as e:
    print("BaseException caught", type(e).__name__)
try:
    import no_such_module_xyz
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    open("definitely/not/here.txt")
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename)
print(KeyError("k").args, str(KeyError("k")), str(KeyError()), str(KeyError(1, 2)))
