print("ok")
x = 1_000_
