def decomaker(argA, argB):
    def decorator(func):
        def wrapper(*args, **kwargs):
            print(f"decomaker({argA!r}, {argB!r}) before {func.__name__}{args}")
            result = func(*args, **kwargs)
            return (argA, result, argB)
        return wrapper
    return decorator


@decomaker("A", "B")
def func(arg1, arg2):
    return arg1 + arg2


def func2(arg1, arg2):
    return arg1 * arg2


func2 = decomaker(1, 2)(func2)
print(func(3, 4))
print(func2(3, 4))


def repeat(n):
    def deco(f):
        def wrapper(*a):
            return [f(*a) for _ in range(n)]
        return wrapper
    return deco


@repeat(3)
def hello(name):
    return "hi " + name


print(hello("bob"))
