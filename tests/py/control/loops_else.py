def find(seq, target):
    for i, v in enumerate(seq):
        if v == target:
            print("found at", i)
            break
    else:
        print("not found")
find([1, 2, 3], 2)
find([1, 2, 3], 9)
find([], 1)
n = 0
while n < 3:
    n += 1
else:
    print("while else ran", n)
while True:
    break
else:
    print("never")
for i in range(3):
    continue
else:
    print("else after continue-only loop")
def primes(limit):
    out = []
    for n in range(2, limit):
        for d in range(2, n):
            if n % d == 0:
                break
        else:
            out.append(n)
    return out
print(primes(30))
def ret_in_loop():
    for i in range(5):
        if i == 2:
            return i
    else:
        return "else"
print(ret_in_loop())
