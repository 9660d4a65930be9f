# Variables whose type changes inside a hot loop: the loop must stay interpreted (or be typed
# for the types it really has) and every value must be the interpreter's.


def int_to_float():
    x = 0
    for i in range(20000):
        if i == 15000:
            x = 0.5
        x = x + 1
    print(x, type(x).__name__)


def float_from_start():
    x = 0
    for i in range(20000):
        x += 0.5
    print(x, type(x).__name__)


def becomes_list():
    v = 0
    for i in range(10000):
        if i == 9000:
            v = [1, 2]
        elif isinstance(v, int):
            v += 1
    print(v)


def bool_int():
    b = True
    n = 0
    for i in range(10000):
        n += b
        if i == 8000:
            b = 2
    print(n, b)


def late_binding():
    for i in range(10000):
        if i > 9990:
            late = i * 2
    print(late)


int_to_float()
float_from_start()
becomes_list()
bool_int()
late_binding()
