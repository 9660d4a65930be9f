x = 10
def f():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x = 5
    return x
print(f())
def g():
    try:
        return y
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(g())
def h():
    z = 1
    del z
    try:
        return z
    except UnboundLocalError as e:
        return str(e)
print(h())
def outer():
    def inner():
        return v
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    v = 3
    return inner()
print(outer())
print(issubclass(UnboundLocalError, NameError))
