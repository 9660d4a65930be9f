def echo(value=None):
    while True:
        try:
            # here the expression (yield value) can change based on send
            value = (yield value)
        except Exception as e:
            value = e


generator = echo(1)
print(next(generator))
print(next(generator))
print(generator.send(2))
print(generator.send("three"))
r = generator.throw(TypeError("spam"))
print(type(r).__name__, r)
generator.close()
print("closed")
try:
    next(generator)
except StopIteration:
    print("closed generator raises StopIteration")
g2 = echo()
print(g2.send(None), g2.send([1, 2]))
