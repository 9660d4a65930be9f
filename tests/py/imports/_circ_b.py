print("b: start")
import _circ_a
print("b: a is partial, has A:", hasattr(_circ_a, "A"))
B = "B"
def fb():
    return "fb sees " + _circ_a.A
print("b: end")
