vals = [0.1, 0.2, 0.1 + 0.2, 1.0, -0.0, 1e16, 1e15, 123456789.123, 1e-5, 1e-4, 0.0001, 1.5e300, 2.5e-300,
        1 / 3, 2 / 3, 100.0, 1e22, 1e23, 5e-324, 1.7976931348623157e308, 3.14159, 2.0 ** 0.5, 12345678912345678.0,
        0.30000000000000004, 9007199254740993.0, 1e100, 123e-20]
for v in vals:
    print(repr(v), str(v))
print(float("inf"), float("-inf"), float("nan"), -float("inf"))
print(float("1e500"), float("  3.5 "), float("1_0.5"), float("-0"), float(".5"), float("5."))
print(1e308 * 10, -1e308 * 10, 0.1 * 3, 1.1 * 1.1)
print([0.1, 1.5], (2.0,), {"k": 1e-7})
print(round(2.675, 2), round(0.5), round(1.5), round(2.5), round(-0.5), round(3.14159, 3), round(1e20, -5))
print(round(2.5, 0), round(123.456, -1), type(round(2.5)).__name__, type(round(2.5, 0)).__name__)
print(float.fromhex("0x1.8p1"), (1.5).hex(), (0.1).as_integer_ratio(), (2.5).is_integer(), (3.0).is_integer())
print(int(1e300) == 10 ** 300, 1e300 == 10 ** 300)
