def f(v):
    match v:
        case [x, *rest]:
            return x
        case {"k": k}:
            return k
        case P(a, b=1) | None:
            return 0
        case _:
            return -1
