print("a: start")
import _circ_b
A = "A"
def fa():
    return "fa sees " + _circ_b.B
print("a: end")
