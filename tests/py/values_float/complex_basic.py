z = 3 + 4j
print(z, repr(z), abs(z), z.real, z.imag, z.conjugate())
print(z + 1, z * 2, z * z, z / 2, z - 1j, -z, 1j * 1j, (1 + 2j) / (3 - 4j))
print(complex(1, 2), complex("1+2j"), complex(3), complex(0, -1), 2j, 1j ** 2, 0j)
print(z == 3 + 4j, z != 3, complex(1, 0) == 1, type(z).__name__)
print((1 + 2j) ** 2, (2 + 0j) ** 3, abs(-2j), complex(-0.0, 0.0), complex(1.5, -2.25))
try:
    (1 + 1j) < (2 + 2j)
except TypeError as e:
    print("TypeError:", e)
try:
    1j / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(format(1 + 2j, ".2f"), f"{z}", str(1e20 + 1j), repr(complex(float("inf"), float("nan"))))
