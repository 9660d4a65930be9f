print(2 ** 100)
print(2 ** 64, 2 ** 63 - 1, -2 ** 63, 2 ** 63)
print(9223372036854775807 + 1, -9223372036854775808 - 1)
print(3 ** 200)
print(12345678901234567890 * 98765432109876543210)
print(10 ** 30 // 7, 10 ** 30 % 7, -(10 ** 30) // 7, divmod(-(10 ** 25), 3))
x = 1
for i in range(1, 40):
    x *= i
print(x)
print(x.bit_length(), (2 ** 100).bit_length(), (-5).bit_length())
print(2 ** 100 == 2.0 ** 100, 2 ** 100 > 1e30, 2 ** 53 + 1 == float(2 ** 53 + 1))
print(int("123456789012345678901234567890"), int("-" + "9" * 25))
print(hex(2 ** 80), oct(3 ** 30), bin(2 ** 70 + 1))
print((2 ** 100) >> 90, 1 << 100, (2 ** 100) & (2 ** 99 + 5), (2 ** 100) | 1, ~(2 ** 70))
print(abs(-(2 ** 90)), -(2 ** 90) % 1000, pow(2, 100, 10 ** 9 + 7), pow(3, -1, 7))
print(float(2 ** 100), 2 ** 100 / 3, 10 ** 400 // 10 ** 399)
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
try:
    10 ** 400 / 3
except OverflowError as e:
    print("OverflowError:", e)
print(str(7 ** 77)[:20], len(str(7 ** 77)))
print(sum(range(10 ** 6)), 2 ** 62 + 2 ** 62, (2 ** 62) * 4, -(2 ** 63) * -1)
a = 9223372036854775807
print(a * a, a + a, a - (-a), -a - 2, a // -1, a % -3)
print(hash(2 ** 100) == hash(2 ** 100), 2 ** 100 in {2 ** 100: 1})
