print(chr(65), chr(97), chr(8364), ord("A"), ord("€"), ord("\n"))
print(hex(255), hex(-255), hex(0), oct(8), oct(-8), bin(5), bin(-5), bin(0))
print(hex(2 ** 64), int(hex(12345), 16), int(bin(99), 2), int(oct(77), 8))
try:
    chr(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    chr(0x110000)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
try:
    hex(1.5)
except TypeError as e:
    print("TypeError:", e)
print("".join(chr(ord(c) + 1) for c in "HAL"), [ord(c) for c in "az"], repr(chr(0)), repr(chr(127)))
