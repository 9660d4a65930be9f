print(True and False, True or False, not True, not None)
print(0 or "default", "" or None, [] and 1, 3 and 4, 0 and 1)
print(None is None, None == None, None is not False)
print(bool(0), bool(1), bool(""), bool("a"), bool([]), bool([0]), bool({}), bool(0.0), bool(None))
print(bool(()), bool(set()), bool(range(0)), bool(range(1)), bool(0j))
print(True == 1, False == 0, True is 1 == 1 if False else "skip")
print(isinstance(True, int), True + 0.5, int(True))
print(repr(None), str(True), repr(False))
print(type(None).__name__, type(True).__name__)
class Empty: pass
print(bool(Empty()))
class Z:
    def __bool__(self): return False
class L:
    def __len__(self): return 0
print(bool(Z()), bool(L()), not Z())
if not L():
    print("L() is falsy")
