def f():
    try:
        g()
    except (KeyError, ValueError) as e:
        print(e)
    except Exception:
        raise RuntimeError("x") from None
    else:
        return 1
    finally:
        cleanup()


def w(path):
    with open(path) as fh, lock:
        return fh.read()


def loop(items):
    for x in items:
        try:
            if x:
                continue
            break
        finally:
            print(x)
    assert items, "empty"
