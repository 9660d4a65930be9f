def g():
    try:
        while True:
            try:
                yield 1
            except ValueError as e:
                print("caught inside", e)
                yield "recovered"
    finally:
        print("cleanup")
it = g()
print(next(it))
print(it.throw(ValueError("boom")))
print(next(it))
it.close()
print("closed")
try:
    next(it)
except StopIteration:
    print("exhausted after close")
def h():
    yield 1
    yield 2
it = h()
next(it)
try:
    it.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
def ignores_exit():
    try:
        yield 1
    except GeneratorExit:
        yield 2
it = ignores_exit()
next(it)
try:
    it.close()
except RuntimeError as e:
    print("RuntimeError:", e)
def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
it = catches_exit()
next(it)
it.close()
it.close()
unstarted = h()
unstarted.close()
print(list(unstarted))
def running():
    yield me.send(None) if False else 1
me = running()
print(next(me))
