# Hot loops at module level: live variables read from and written back to the globals dict.
import math
import numpy as np

N = 30000
acc = 0
for i in range(N):
    acc += i % 11
print("acc", acc, i)

x = 0.5
for i in range(N):
    x = math.sin(x) + 0.1 * (i % 4)
print("x %.15f" % x)

arr = np.arange(N) * 2
tot = 0
for i in range(N):
    tot += arr[i]
print("tot", tot, type(tot).__name__)

grid = np.zeros((60, 60))
for r in range(60):
    for c in range(60):
        grid[r, c] = r * 60 + c
print("grid", grid.sum(), r, c)

n = 0
while n * n < 10 ** 9:
    n += 1
print("isqrt", n)


def helper(v):
    return v * 3 + 1


h = 0
for i in range(20000):
    h = (h + helper(i)) % 1000003
print("helper", h)
