import time
t0 = time.perf_counter()
w0 = time.time()
time.sleep(0.05)
t1 = time.perf_counter()
w1 = time.time()
print(type(t0).__name__, type(w0).__name__)
print(0.04 < t1 - t0 < 5, w1 >= w0, w0 > 1.6e9)
time.sleep(0)
n0 = time.perf_counter_ns() if hasattr(time, "perf_counter_ns") else 0
print(isinstance(n0, int), time.monotonic() > 0)
