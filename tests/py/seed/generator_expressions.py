# list comprehension
doubles = [2 * n for n in range(1000)]
print(len(doubles), doubles[:5], doubles[-1])
# list from generator comprehension
doubles2 = list(2 * n for n in range(1000))
print(doubles == doubles2)


def func(items):
    result = []
    for x in items:
        result.append(x)
    return result


def iterator_func(items):
    for x in items:
        yield x


# when you need the full list just do
result = list(iterator_func("abc"))
print(result, func("abc") == result, type(iterator_func("")).__name__)
