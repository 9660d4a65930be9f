print(17 // 5, 17 % 5, -17 // 5, -17 % 5, 17 // -5, 17 % -5)
print(7 / 7, type(7 / 7).__name__, 2 ** 0.5, 4 ** 0.5, (-8) ** (1 / 3) if False else "skip")
print(0 ** 0, 5 ** 1, 2 ** -2, (-2) ** -1)
try:
    1 // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print((255).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))
print((10).bit_length(), (37).bit_count() if hasattr(int, "bit_count") else "")
print(int.__name__, (5).real, (5).imag, (5).numerator, (5).denominator, (5).conjugate())
print(round(1234, -2), round(1250, -2), round(1350, -2), round(7), round(-5, -1))
print(abs(-3), -abs(3), max(3, -4, key=abs), 1_000_000, 0x_ff, 0o17, 0b101)
print(True + 1, True // 2, 3 * False)
print(-0, 0 == -0, 5 .__add__(2))
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
