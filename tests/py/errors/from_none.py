def lookup(key):
    try:
        return {"a": 1}[key]
    except KeyError:
        raise LookupError(f"unknown key {key!r}") from None
print(lookup("a"))
lookup("b")
