def accumulate():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total
g = accumulate()
print(next(g), g.send(5), g.send(10))
try:
    g.send(None)
except StopIteration as e:
    print("final", e.value)
def echo():
    received = yield "ready"
    while True:
        received = yield "echo:" + str(received)
e = echo()
print(e.send(None), e.send(1), e.send("two"))
g2 = accumulate()
try:
    g2.send(1)
except TypeError as err:
    print("TypeError:", err)
def avg():
    total = count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count
a = avg()
next(a)
print(a.send(10), a.send(20), a.send(0))
