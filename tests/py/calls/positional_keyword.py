def f(a, b, c=3, d=4):
    return (a, b, c, d)
print(f(1, 2))
print(f(1, 2, 5))
print(f(1, b=7))
print(f(d=1, c=2, b=3, a=4))
print(f(1, 2, d=9))
def g(a, /, b, *, c):
    return a + b + c
print(g(1, 2, c=3), g(1, b=2, c=3))
for call in (lambda: g(1, 2, 3), lambda: g(a=1, b=2, c=3), lambda: f(1), lambda: f(1, 2, a=3), lambda: f(1, 2, 3, 4, 5), lambda: f(1, 2, e=5)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
