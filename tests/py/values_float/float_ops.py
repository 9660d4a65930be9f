print(7.0 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2, 7.5 % -2, 2.0 ** 10, 2 ** 0.5)
print(divmod(7.5, 2), divmod(-7.5, 2), 1e10 // 3)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1.0 % 0.0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    2.0 ** 10000
except OverflowError as e:
    print("OverflowError:", e)
try:
    (-8.0) ** 0.5
    print("complex result", (-8.0) ** 0.5)
except ValueError as e:
    print("ValueError:", e)
nan = float("nan")
inf = float("inf")
print(nan == nan, nan != nan, nan < 1, inf > 1e308, inf - inf, inf * 0, -inf < inf)
print(nan in [nan], [nan] == [nan])
print(1 == 1.0, 1.5 > 1, 2 ** 53 == 2.0 ** 53, 0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
print(float.__name__, (1.5).real, (1.5).imag, (2.5).conjugate(), abs(-2.5), -0.0 == 0.0)
print(3 * 0.1, 0.7 * 3, 1 - 0.9, 100 * 1.1, 1.0 / 3.0 * 3.0)
print(sum([0.1] * 10), 0.1 * 10)
print(max(1, 2.0), min(1.0, 1), max(2.0, 2))
print(5 / 2, 4 / 2, -5 / 2, 10 ** 20 / 10 ** 10)
