import sys
sys.stdout.write("written to stdout\n")
sys.stderr.write("written to stderr\n")
print("print goes to", "stdout")
sys.stdout.flush()
old = sys.stdout
class Capture:
    def __init__(self): self.data = []
    def write(self, s):
        self.data.append(s)
        return len(s)
    def flush(self): pass
cap = Capture()
sys.stdout = cap
print("captured line")
print("another", 1)
sys.stdout = old
print("restored, captured:", cap.data)
print(sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__)
