def risky(kind):
    if kind == "zero": return 1 / 0
    if kind == "key": return {}["missing"]
    if kind == "index": return [][1]
    if kind == "type": return 1 + "a"
    if kind == "value": return int("x")
    if kind == "attr": return None.foo
    if kind == "name": return undefined_name
    return "ok"
for kind in ["zero", "key", "index", "type", "value", "attr", "name", "none"]:
    try:
        r = risky(kind)
    except (ZeroDivisionError, KeyError) as e:
        print("group1", type(e).__name__, e)
    except LookupError as e:
        print("lookup", type(e).__name__, e)
    except Exception as e:
        print("other", type(e).__name__, e)
    else:
        print("else", r)
    finally:
        print("finally", kind)
try:
    raise ValueError("a", 2)
except ValueError as e:
    print(e.args, str(e), repr(e))
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
def name_cleared():
    try:
        raise KeyError(1)
    except KeyError as err:
        pass
    try:
        return err
    except NameError as ne:
        return "cleared: " + str(ne)
print(name_cleared())
try:
    try:
        raise TypeError("inner")
    except ValueError:
        print("not here")
except TypeError as e:
    print("outer caught", e)
