def dec1(f):
    def wrapper(*args):
        return "dec1(" + f(*args) + ")"
    return wrapper


def dec2(f):
    def wrapper(*args):
        return "dec2(" + f(*args) + ")"
    return wrapper


@dec1
@dec2
def func(arg1, arg2):
    return f"func({arg1}, {arg2})"


def func_plain(arg1, arg2):
    return f"func({arg1}, {arg2})"


print(func(1, 2))
print(dec1(dec2(func_plain))(1, 2))
# note: the seed writes func = dec2(dec1(func)); stacking applies the bottom decorator first
print(dec2(dec1(func_plain))(1, 2))
order = []


def trace(name):
    order.append("make " + name)

    def deco(f):
        order.append("apply " + name)
        return f
    return deco


@trace("outer")
@trace("inner")
def g():
    pass


print(order)
