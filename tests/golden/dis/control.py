for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print(i)
else:
    print("done")

while n > 0:
    n -= 1
else:
    pass

while True:
    if x is None:
        break
