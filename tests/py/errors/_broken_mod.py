def helper():
    return int("not a number")
VALUE = helper()
