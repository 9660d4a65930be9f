def handler():
    try:
        raise ValueError("original")
    except ValueError:
        print("logging and re-raising")
        raise
try:
    handler()
except ValueError as e:
    print("outer got", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
def reraise_other():
    try:
        raise KeyError("first")
    except KeyError:
        try:
            raise TypeError("second")
        except TypeError:
            pass
        raise
try:
    reraise_other()
except KeyError as e:
    print("re-raised the current one:", repr(e))
def keep(e):
    raise e
try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        keep(z)
except ZeroDivisionError as z2:
    print("same object path ok", str(z2))
