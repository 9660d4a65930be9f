# bytecode: write
import os
import sys
import tempfile
d = tempfile.mkdtemp()
sys.path.insert(0, d)
src = os.path.join(d, "corrupt_mod.py")
with open(src, "w") as f:
    f.write("def f():\n    return 'from source'\nprint('executing corrupt_mod')\n")
import corrupt_mod
print(corrupt_mod.f())
cache = os.path.join(d, "__pycache__")
names = os.listdir(cache)
print("cache files:", len(names) >= 1)
garbage = b"\x00garbage, not bytecode" * 3
for name in names:
    with open(os.path.join(cache, name), "wb") as f:
        f.write(garbage)
del sys.modules["corrupt_mod"]
import corrupt_mod
print("after corruption:", corrupt_mod.f())
rewritten = []
for name in os.listdir(cache):
    with open(os.path.join(cache, name), "rb") as f:
        rewritten.append(f.read() != garbage)
print("cache rewritten:", any(rewritten))
for name in os.listdir(cache):
    os.remove(os.path.join(cache, name))
for name in os.listdir(cache):
    os.remove(os.path.join(cache, name))
os.rmdir(cache)
os.remove(src)
os.rmdir(d)
