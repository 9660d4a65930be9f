# Differential test: scalar code compiled by @njit gives the interpreter's results, bit for bit
# (floats printed with repr and hex, NaN and -0.0 included).
import math

from numba import njit, jit

SCALE = 3
OFFSET = 0.25


def show(x):
    if isinstance(x, float):
        print(repr(x), x.hex())
    else:
        print(repr(x))


@njit
def arith(a, b):
    return a + b, a - b, a * b, a / b, a // b, a % b


@njit
def farith(x, y):
    return x + y, x - y, x * y, x / y, x // y, x % y


@njit
def mixed(i, x):
    return i * x + SCALE - OFFSET


@njit
def specials(x):
    return -x, abs(x), x * 0.0, min(x, 1.0), max(x, -1.0)


@njit
def mathfns(x):
    return (math.sqrt(x), math.exp(-x), math.log(x), math.sin(x), math.cos(x),
            math.tanh(x), math.atan2(x, 2.0), math.hypot(x, 3.0), math.floor(x), math.ceil(x),
            math.fabs(-x), math.pow(x, 1.5))


@njit
def convert(x):
    return int(x), float(int(x)), int(-x), bool(x), abs(-7)


@njit
def control(n):
    total = 0
    i = 0
    while True:
        i += 1
        if i > n:
            break
        if i % 3 == 0:
            continue
        elif i % 5 == 0:
            total += 2 * i
        else:
            total -= 1
    return total


@njit
def ranges(n):
    s = 0
    for i in range(n):
        s += i
    for j in range(2, n, 3):
        s += j * 10
    for k in range(n, 0, -2):
        s -= k
    return s, k


@njit
def bits(a, b):
    return a & b, a | b, a ^ b, ~a, (a > b) and (b > 0), not a


@jit(nopython=True)
def compare_chain(x):
    return 0 < x < 10, x == 5.0, x != 5


@njit
def ternary(x):
    y = 1.5 if x > 0 else -2.0
    return y


@njit
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@njit
def uses_fib(n):
    return fib(n) * 2 + 1


@njit
def power(a, b):
    return a ** b, 2.0 ** a, a ** 0.5


for v in arith(17, 5) + arith(-17, 5) + arith(17, -5) + arith(-17, -5):
    show(v)
for v in farith(7.5, 2.0) + farith(-7.5, 2.0) + farith(7.5, -2.0) + farith(-0.0, 3.0):
    show(v)
show(mixed(3, 0.1))
show(mixed(True, 2.0))
for x in [2.5, -0.0, 0.0, float("nan"), float("inf"), -float("inf")]:
    for v in specials(x):
        show(v)
for v in mathfns(2.25):
    show(v)
for v in convert(3.99) + convert(-2.5):
    show(v)
show(control(20))
show(control(0))
for v in ranges(10) + ranges(1):
    show(v)
for v in bits(12, 10) + bits(-3, 0):
    show(v)
for v in compare_chain(5) + compare_chain(11.5):
    show(v)
show(ternary(1))
show(ternary(-1))
show(fib(15))
show(uses_fib(10))
for v in power(3, 4) + power(2, 3):
    show(v)
