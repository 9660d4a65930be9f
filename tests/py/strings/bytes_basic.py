b = b"hello"
print(b, len(b), b[0], b[1:3], b[::-1], list(b[:2]), b + b"!", b * 2)
print(bytes(3), bytes([65, 66, 67]), bytes("é", "utf-8"), bytes(range(3)))
print(b.upper(), b.find(b"l"), b.count(b"l"), b.replace(b"l", b"L"), b.split(b"e"), b"-".join([b"a", b"b"]))
print(b.decode(), b.hex(), bytes.fromhex("68 69"), b.startswith(b"he"), b"a" in b"abc", 104 in b)
print(repr(b"\x00\xff\n'\""), b"abc" == b"abc", b"abc" < b"abd", b"abc" == "abc")
ba = bytearray(b"abc")
ba[0] = 65
ba.append(100)
ba.extend(b"ef")
print(ba, len(ba), bytes(ba), ba.decode(), ba[1:3])
ba += b"!"
del ba[0]
print(ba, ba.pop(), ba)
print(bytearray(2), bytearray([1, 2]), bytearray("xy", "ascii"))
try:
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError:", e)
print(b"%d-%s" % (5, b"x"), b"ab".isalpha(), b" x ".strip(), hash(b"x") == hash(b"x"))
