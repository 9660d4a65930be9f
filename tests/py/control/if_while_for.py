for v in [-1, 0, 1, 5]:
    if v < 0:
        print(v, "negative")
    elif v == 0:
        print(v, "zero")
    elif v < 3:
        print(v, "small")
    else:
        print(v, "big")
i = 0
while i < 10:
    i += 1
    if i % 2:
        continue
    if i > 6:
        break
    print("even", i)
for ch in "abc":
    for n in range(3):
        if n == 1:
            break
        print(ch, n)
total = 0
for i in range(1, 101):
    total += i
print(total)
for _ in []:
    print("never")
while False:
    print("never")
n = 0
while True:
    n += 1
    if n == 3:
        break
print(n)
for i in range(3): pass
print(i)
x = 3
print("yes" if x > 2 else "no", "a" if not x else "b")
pass
