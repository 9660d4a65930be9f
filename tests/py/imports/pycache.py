# bytecode: write
import os
import sys
import tempfile
d = tempfile.mkdtemp()
sys.path.insert(0, d)
src = os.path.join(d, "cached_mod.py")
with open(src, "w") as f:
    f.write("VALUE = 'first'\nprint('executing cached_mod')\n")
import cached_mod
print(cached_mod.VALUE)
cache = os.path.join(d, "__pycache__")
print("cache dir created:", os.path.isdir(cache), len(os.listdir(cache)) >= 1)
del sys.modules["cached_mod"]
import cached_mod
print("reimported from cache:", cached_mod.VALUE)
with open(src, "w") as f:
    f.write("VALUE = 'second, longer source'\nprint('executing new cached_mod')\n")
st = os.stat(src)
os.utime(src, (st.st_atime + 10, st.st_mtime + 10))
del sys.modules["cached_mod"]
import cached_mod
print("after source change:", cached_mod.VALUE)
for name in os.listdir(cache):
    os.remove(os.path.join(cache, name))
os.rmdir(cache)
os.remove(src)
os.rmdir(d)
print("done")
