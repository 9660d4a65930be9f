print("executing _helper, __name__ =", __name__)
VALUE = 42
_private = "hidden"
def greet(who):
    return "hello " + who
class Thing:
    def __repr__(self):
        return "Thing()"
