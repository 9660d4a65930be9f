print(abs(-5), abs(-2.5), abs(3 + 4j), abs(True), abs(-0.0))
print(round(3.14159, 2), round(2.5), round(3.5), round(-2.5), round(1234.5678, -2), round(7, 1), round(0.1 + 0.2, 10))
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(7.0, 2), divmod(-7.5, 2.5))
print(pow(2, 10), pow(2, -1), pow(2, 10, 1000), pow(-2, 3), pow(2.0, 3), pow(4, 0.5), pow(0, 0))
print(pow(38, -1, 97), pow(2, 3, -5))
class R:
    def __round__(self, n=None): return ("rounded", n)
    def __abs__(self): return "abs!"
print(round(R()), round(R(), 2), abs(R()))
try:
    pow(2, 3, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    abs("s")
except TypeError as e:
    print("TypeError:", e)
try:
    round("s")
except TypeError as e:
    print("TypeError:", e)
