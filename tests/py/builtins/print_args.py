import sys
print("a", "b", "c")
print("a", "b", sep="-")
print("x", end="")
print("y", end="!\n")
print("no", "sep", sep="")
print(1, 2, 3, sep=", ", end=".\n")
print("to stdout", file=sys.stdout)
print("to stderr", file=sys.stderr)
print("flushed", flush=True)
print(*[1, 2, 3])
print(*"abc", sep="|")
print(None, sep=None, end=None)
class W:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
w = W()
print("captured", 42, file=w)
print(w.parts)
try:
    print("x", sep=5)
except TypeError as e:
    print("TypeError:", e)
sys.stdout.write("direct write\n")
print(sys.stdout.write("abc\n"))
