# time: the clocks move forward and have the right types; sleep waits; CPython's errors
import time
from time import monotonic, perf_counter, sleep

t0, m0, p0 = time.time(), monotonic(), perf_counter()
sleep(0.02)
t1, m1, p1 = time.time(), monotonic(), perf_counter()
print(type(t0).__name__, type(m0).__name__, type(p0).__name__)
print(t0 > 1.6e9, t1 >= t0, m1 - m0 >= 0.015, p1 - p0 >= 0.015, m1 - m0 < 5)
print(type(time.time_ns()).__name__, time.monotonic_ns() <= time.monotonic_ns(), time.perf_counter_ns() > 0)
print(sleep(0), time.sleep(0.0))
print(time, time.sleep)
for args in [(), ("a",), (-1,), (float("nan"),), (1, 2), (None,)]:
    try:
        sleep(*args)
    except Exception as e:
        print(args, type(e).__name__, e)
try:
    time.time(1)
except TypeError as e:
    print(e)
try:
    time.monotonic(None)
except TypeError as e:
    print(e)
