def gen(n):
    i = 0
    while i < n:
        received = yield i
        if received is not None:
            i = received
        i += 1
    return "done"


def delegate():
    result = yield from gen(3)
    yield result
