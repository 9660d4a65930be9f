class MyError(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
        self.msg = msg
    def __str__(self):
        return f"[{self.code}] {self.msg}"
try:
    raise MyError(404, "not found")
except MyError as e:
    print(e, e.args, e.code, repr(e))
class Plain(Exception): pass
class Child(Plain): pass
try:
    raise Child("c")
except Plain as e:
    print("caught as Plain:", type(e).__name__, e)
print(str(Plain()), repr(Plain()), str(Plain(1, 2)), repr(Plain("one")))
class WithDefault(ValueError):
    def __init__(self, v=7):
        super().__init__("value %d" % v)
print(WithDefault(), WithDefault(3).args, isinstance(WithDefault(), ValueError))
try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
class NotExc: pass
try:
    raise NotExc
except TypeError as e:
    print("TypeError:", e)
try:
    try:
        pass
    except NotExc:
        pass
    print("no error when nothing raised")
    try:
        raise ValueError
    except NotExc:
        pass
except TypeError as e:
    print("TypeError:", e)
e = MyError(1, "m")
e.extra = "attr"
print(e.extra)
