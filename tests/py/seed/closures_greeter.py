def outer_func():
    name = "Pythonista"

    def inner_func():
        print(f"Hello {name}")
    return inner_func


greeter = outer_func()
greeter()
print(greeter.__closure__[0].cell_contents)
