print("load mypkg.lazy")
LAZY = True
