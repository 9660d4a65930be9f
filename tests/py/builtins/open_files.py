import os
import tempfile
d = tempfile.mkdtemp()
path = os.path.join(d, "data.txt")
with open(path, "w") as f:
    print(f.write("line one\n"), f.write("line two\nline three\n"))
    print("pre", file=f)
with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    print(repr(f.readline()), repr(f.readline()))
    print(f.readlines())
with open(path, "r") as f:
    for i, line in enumerate(f):
        print(i, line.rstrip("\n"))
with open(path, "a") as f:
    f.write("appended ✓\n")
with open(path, encoding="utf-8") as f:
    print(f.read().splitlines()[-1])
f = open(path)
print(f.closed, f.read(4))
f.close()
print(f.closed)
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)
with open(path, "w") as f:
    f.writelines(["a\n", "b\n"])
print(open(path).read().split())
with open(path, "rb") as f:
    print(f.read())
with open(path, "wb") as f:
    f.write(b"\x00\x01")
print(open(path, "rb").read(), os.path.getsize(path))
try:
    open(os.path.join(d, "missing.txt"))
except FileNotFoundError as e:
    print("FileNotFoundError:", e.errno, e.strerror)
os.remove(path)
os.rmdir(d)
print(os.path.exists(path))
