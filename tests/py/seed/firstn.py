def firstn(n):
    num = 0
    while num < n:
        yield num
        num += 1


sum_of_first_n = sum(firstn(100000))
print(sum_of_first_n)
g = firstn(3)
print(type(g).__name__, list(g), list(g))


def foo():
    yield 1
    yield 2
    yield 3


print(list(foo()))
f = foo()
print(next(f), next(f), next(f))
try:
    next(f)
except StopIteration:
    print("StopIteration after the end")
