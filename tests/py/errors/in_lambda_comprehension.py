values = [1, 2, 0, 4]
inverse = lambda x: 1 / x
print([inverse(v) for v in values])
