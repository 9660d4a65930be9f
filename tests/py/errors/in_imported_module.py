import _broken_mod
print("unreachable")
