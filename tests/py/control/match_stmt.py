def describe(x):
    match x:
        case 0:
            return "zero"
        case int(n) if n < 0:
            return "negative int"
        case [a, b]:
            return f"pair {a},{b}"
        case {"kind": k}:
            return "dict kind " + k
        case str() | bytes():
            return "text"
        case _:
            return "other"
for v in [0, -3, [1, 2], {"kind": "z"}, "s", b"b", 3.5]:
    print(describe(v))
