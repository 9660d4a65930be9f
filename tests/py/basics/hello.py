print("Hello")
print("hello", "world")
print()
print(1, 2.5, None, True, "s", [1, 'a'], (1,), {'k': 1})
x = 42
print(x, type(x).__name__)
print(__name__)
