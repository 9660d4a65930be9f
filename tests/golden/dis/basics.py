x = 1
y = x + 2 * 3
z = -5
big = 123456789012345678901234567890
t = (1, 2, (3, -4.5), "s", b"b", None, True, ...)
print(x, y, sep="-")
del x
w = a if b else c
v = a and b or not c
u = a < b <= c
s = x[1:2], x[::2], x[i]
x.attr = y.method(1, k=2)
x += 1
x.a *= 2
x[i] //= 3
a = b = c
if __name__ == "__main__":
    print("main")
