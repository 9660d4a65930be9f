if (n := len("hello")) > 3:
    print("long", n)
data = [1, 5, 2, 8, 3]
while (item := data.pop()) != 2:
    print("popped", item)
print(data)
print([y for x in range(6) if (y := x * x) % 2 == 0])
print(y)
def f(v):
    return (w := v + 1) * w
print(f(3))
print((a := 10), a + 1)
m = None
if (m := "key=value".partition("="))[1]:
    print(m[0], m[2])
values = iter([3, 2, 1, 0, 5])
total = 0
while (v := next(values)):
    total += v
print(total)
