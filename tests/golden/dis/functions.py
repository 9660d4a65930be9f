def f(a, b=2, *args, c, d=4, **kw) -> int:
    "docstring"
    return a + b


def counter():
    count = 0

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


square = lambda x: x * x


@decorator
@other(1)
def decorated(x: int, y: "str" = "a"):
    global G
    G = x
