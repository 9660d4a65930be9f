counter = 0
def inc():
    global counter
    counter += 1
inc(); inc()
print(counter)
def make_counter():
    count = 0
    def step():
        nonlocal count
        count += 1
        return count
    return step
c = make_counter()
print(c(), c(), c())
c2 = make_counter()
print(c2(), c())
def outer():
    x = "outer"
    def mid():
        nonlocal x
        x = "mid"
        def inner():
            nonlocal x
            x = "inner"
        inner()
    mid()
    return x
print(outer())
def define_global():
    global newname
    newname = "created"
define_global()
print(newname)
x = "module"
def reads():
    return x
def shadows():
    x = "local"
    return x
print(reads(), shadows(), x)
class K:
    y = 1
    def m(self):
        return y_glob
y_glob = "global-from-method"
print(K().m())
