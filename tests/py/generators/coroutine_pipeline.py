def coroutine(fn):
    def start(*a, **k):
        g = fn(*a, **k)
        next(g)
        return g
    return start
@coroutine
def printer(prefix):
    while True:
        item = yield
        print(prefix, item)
@coroutine
def filt(pred, target):
    while True:
        item = yield
        if pred(item):
            target.send(item)
@coroutine
def mapper(fn, target):
    try:
        while True:
            target.send(fn((yield)))
    except GeneratorExit:
        print("mapper closing")
p = mapper(lambda v: v * 10, filt(lambda v: v > 15, printer("out:")))
for i in range(4):
    p.send(i)
p.close()
def grep(pattern):
    matches = []
    try:
        while True:
            line = yield len(matches)
            if pattern in line:
                matches.append(line)
    finally:
        print("grep done", matches)
g = grep("py")
next(g)
print(g.send("python"), g.send("rust"), g.send("pypy"))
g.close()
def gen():
    v = yield 1
    print("gen state inside:", v)
    yield 2
g = gen()
print(g.gi_running)
next(g)
g.send("x")
