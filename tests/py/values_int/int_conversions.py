print(int("42"), int("  -17 "), int("1_000"), int("ff", 16), int("0xff", 16), int("0b101", 0), int("z", 36))
print(int(3.9), int(-3.9), int(True), int(1e20), int("0"), int("+5"))
for bad in ["", "abc", "1.5", "0x10", " ", "1__0"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError:", e)
try:
    int([1])
except TypeError as e:
    print("TypeError:", e)
try:
    int("5", 1)
except ValueError as e:
    print("ValueError:", e)
print(str(-12), repr(7), format(1234567, ","), format(255, "x"), format(255, "#o"), format(-5, "08b"))
class I:
    def __index__(self): return 6
print(bin(I()), [0, 1, 2, 3, 4, 5, 6, 7][I()], range(10)[I()], hex(I()))
class T:
    def __int__(self): return 99
print(int(T()))
print(float(7), complex(2), bool(-1), str(10 ** 20), ascii(5))
