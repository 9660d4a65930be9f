def outer():
    x = 1
    def inner():
        return x
    x = 2
    return inner
print(outer()())
def make_adder(n):
    def add(x):
        return x + n
    return add
a5 = make_adder(5)
print(a5(1), make_adder(10)(1))
print(a5.__closure__ is not None, len(a5.__closure__), a5.__closure__[0].cell_contents)
def three_levels():
    a = 'a'
    def mid():
        b = 'b'
        def inner():
            return a + b
        return inner
    return mid()()
print(three_levels())
def shared():
    v = []
    def push(x): v.append(x)
    def get(): return v
    return push, get
push, get = shared()
push(1); push(2)
print(get())
