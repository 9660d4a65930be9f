def f():
    try:
        return "try"
    finally:
        print("finally runs before return")
print(f())
def g():
    try:
        return "try"
    finally:
        return "finally wins"
print(g())
def h():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
        finally:
            print("finally", i)
    return "done"
print(h())
def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(swallow())
def nested():
    try:
        try:
            raise KeyError("x")
        finally:
            print("inner finally")
    except KeyError:
        print("caught outside")
    finally:
        print("outer finally")
nested()
def order():
    log = []
    try:
        log.append("try")
        raise RuntimeError
    except RuntimeError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
print(order())
def ret_value():
    x = 1
    try:
        return x
    finally:
        x = 2
print(ret_value())
